"""Peer of the bulk benchmark: the same linear model applied by scikit-learn.

Reads JSONL offers (id, title, text) from the files given, featurises
title + "\n" + text with HashingVectorizer(n_features=2**bits, ngram_range=(1, 2),
alternate_sign=True, norm="l2") in batches, scores them with the bulk model's
weights (bulk.weights.f32, feature-major) and intercepts (what a fitted linear
model's decision_function computes), thresholds them, and writes the decisions
as bytes (offers x outputs). Prints one JSON line: offers, seconds, offers/s.

Usage: peer_bulk.py <model dir> <decisions out> <file.jsonl> [...]
"""
import json, sys, time
import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

model_dir, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
started = time.perf_counter()
meta = json.load(open(f"{model_dir}/bulk.json"))
dim, outputs = meta["weights"]["shape"]
W = np.fromfile(f"{model_dir}/bulk.weights.f32", dtype="<f4").reshape(dim, outputs)
b = np.array(meta["intercepts"])
logit_thresholds = np.log(np.array(meta["thresholds"]) / (1 - np.array(meta["thresholds"])))
vectorizer = HashingVectorizer(n_features=dim, ngram_range=(1, meta["features"]["maxNgram"]), alternate_sign=True, norm="l2")
n = 0
with open(out, "wb") as sink:
    def flush(texts):
        scores = vectorizer.transform(texts) @ W + b
        sink.write((scores >= logit_thresholds).astype(np.uint8).tobytes())
    for path in files:
        batch = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                o = json.loads(line)
                batch.append(f"{o['title']}\n{o['text']}")
                if len(batch) == 10000:
                    flush(batch); n += len(batch); batch = []
        if batch:
            flush(batch); n += len(batch)
seconds = time.perf_counter() - started
print(json.dumps({"offers": n, "seconds": seconds, "offers_per_second": n / seconds}))
