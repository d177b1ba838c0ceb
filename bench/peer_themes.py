#!/usr/bin/env python3
"""The seed's pipeline, as the peer of the theme benchmark: scikit-learn TF-IDF
+ XGBoost one-vs-rest, on the folds and texts the TypeScript benchmark wrote.

Input JSON: {"texts": [...], "labels": [[0/1 x 6], ...], "folds": [fold per text],
             "throughput_texts": [...], "ood": {"train": [...idx], "texts": [...], "labels": [...]}}
Output JSON (stdout): F1 micro/macro out of fold, train seconds, predictions per second, OOD F1.
Needs Debian's python3-sklearn and python3-xgboost (run with /usr/bin/python3).
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.metrics import f1_score

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib", "evaluate"))
from seed_peer import pipeline  # noqa: E402  the one definition of the seed pipeline


def main():
    data = json.load(open(sys.argv[1]))
    texts = data["texts"]
    y = np.array(data["labels"], dtype=int)
    folds = np.array(data["folds"])
    predicted = np.zeros_like(y)
    train_seconds = 0.0
    for f in sorted(set(folds.tolist())):
        train, test = folds != f, folds == f
        start = time.perf_counter()
        vectorizer, model = pipeline()
        model.fit(vectorizer.fit_transform([t for t, k in zip(texts, train) if k]), y[train])
        train_seconds += time.perf_counter() - start
        predicted[test] = model.predict(vectorizer.transform([t for t, k in zip(texts, test) if k]))
    vectorizer, model = pipeline()
    start = time.perf_counter()
    model.fit(vectorizer.fit_transform(texts), y)
    full_train = time.perf_counter() - start
    start = time.perf_counter()
    model.predict_proba(vectorizer.transform(data["throughput_texts"]))
    seconds = time.perf_counter() - start
    ood = data["ood"]
    ood_pred = model.predict(vectorizer.transform(ood["texts"]))
    ood_y = np.array(ood["labels"], dtype=int)
    print(json.dumps({
        "f1_micro": f1_score(y, predicted, average="micro", zero_division=0),
        "f1_macro": f1_score(y, predicted, average="macro", zero_division=0),
        "cv_train_seconds": train_seconds,
        "train_seconds": full_train,
        "predict_offers_per_second": len(data["throughput_texts"]) / seconds,
        "ood_f1_micro": f1_score(ood_y, ood_pred, average="micro", zero_division=0),
        "ood_f1_macro": f1_score(ood_y, ood_pred, average="macro", zero_division=0),
    }))


if __name__ == "__main__":
    main()
