"""Peer of the bulk benchmark: the same linear model applied by scikit-learn.

Reads JSONL offers (id, title, text) from the files given, featurises
title + "\n" + text with HashingVectorizer(n_features=2**bits, ngram_range=(1, 2),
alternate_sign=True, norm="l2") in batches, scores them with the bulk model's
weights (bulk.weights.f32, feature-major) and intercepts (what a fitted linear
model's decision_function computes), thresholds them, and writes the decisions
as bytes (offers x outputs, in file order). With --processes N the files are
shared among N processes (multiprocessing), one file at a time each, as
label-all shares partitions among its workers. Prints one JSON line: offers,
seconds (loading the model included), offers/s, processes.

Usage: peer_bulk.py [--processes N] <model dir> <decisions out> <file.jsonl> [...]
"""
import json, sys, time
from multiprocessing import Pool
import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

def load(model_dir):
    meta = json.load(open(f"{model_dir}/bulk.json"))
    dim, outputs = meta["weights"]["shape"]
    W = np.fromfile(f"{model_dir}/bulk.weights.f32", dtype="<f4").reshape(dim, outputs)
    b = np.array(meta["intercepts"])
    logit_thresholds = np.log(np.array(meta["thresholds"]) / (1 - np.array(meta["thresholds"])))
    vectorizer = HashingVectorizer(n_features=dim, ngram_range=(1, meta["features"]["maxNgram"]), alternate_sign=True, norm="l2")
    return W, b, logit_thresholds, vectorizer

def label_file(task):
    """One file's decisions (bytes) and offer count."""
    model_dir, path = task
    W, b, logit_thresholds, vectorizer = load(model_dir)
    out, n = [], 0
    def flush(texts):
        scores = vectorizer.transform(texts) @ W + b
        out.append((scores >= logit_thresholds).astype(np.uint8).tobytes())
    batch = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            batch.append(f"{o['title']}\n{o['text']}")
            if len(batch) == 10000:
                flush(batch); n += len(batch); batch = []
    if batch:
        flush(batch); n += len(batch)
    return b"".join(out), n

if __name__ == "__main__":
    args = sys.argv[1:]
    processes = 1
    if args[0] == "--processes":
        processes, args = int(args[1]), args[2:]
    model_dir, out, files = args[0], args[1], args[2:]
    started = time.perf_counter()
    tasks = [(model_dir, f) for f in files]
    if processes == 1:
        results = [label_file(t) for t in tasks]
    else:
        with Pool(processes) as pool:
            results = pool.map(label_file, tasks, chunksize=1)
    seconds = time.perf_counter() - started
    with open(out, "wb") as sink:
        for decisions, _ in results:
            sink.write(decisions)
    n = sum(k for _, k in results)
    print(json.dumps({"offers": n, "seconds": seconds, "offers_per_second": n / seconds, "processes": processes}))
