#!/usr/bin/env python3
"""The seed's theme pipeline (scikit-learn TF-IDF + XGBoost one-vs-rest) as a
named peer: out-of-fold predictions for every fold scheme, and predictions of
a model trained on all the texts for other test sets.

Input JSON: {"texts": [...], "labels": [[0/1, ...], ...],
             "schemes": {"name": [fold per text], ...},
             "external": {"name": [texts], ...}}
Output JSON (stdout): {"schemes": {"name": [[0/1, ...] per text]}, "external": {"name": [[0/1, ...]]}}
Needs Debian's python3-sklearn and python3-xgboost (run with /usr/bin/python3).
"""
import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.multiclass import OneVsRestClassifier
from xgboost import XGBClassifier


def pipeline():
    """The seed's vectorizer and classifier, unfitted."""
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=200000)
    model = OneVsRestClassifier(XGBClassifier(n_estimators=200, max_depth=6, learning_rate=0.1, tree_method="hist",
                                              n_jobs=2, random_state=42, eval_metric="logloss"))
    return vectorizer, model


def fit_predict(train_texts, train_y, test_texts):
    vectorizer, model = pipeline()
    model.fit(vectorizer.fit_transform(train_texts), train_y)
    return model.predict(vectorizer.transform(test_texts))


def main():
    data = json.load(open(sys.argv[1]))
    texts = data["texts"]
    y = np.array(data["labels"], dtype=int)
    out = {"schemes": {}, "external": {}}
    for name, folds in data["schemes"].items():
        folds = np.array(folds)
        predicted = np.zeros_like(y)
        for f in sorted(set(folds.tolist())):
            train, test = folds != f, folds == f
            predicted[test] = fit_predict([t for t, k in zip(texts, train) if k], y[train], [t for t, k in zip(texts, test) if k])
        out["schemes"][name] = predicted.tolist()
    for name, test_texts in data.get("external", {}).items():
        out["external"][name] = fit_predict(texts, y, test_texts).tolist()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
