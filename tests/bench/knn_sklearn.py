#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""scikit-learn's side of bench_knn: KNeighborsClassifier(algorithm="brute",
n_jobs=N) on Fashion-MNIST (float64 pixels, as Tandem holds them), timed.

    knn_sklearn.py [--dir DIR] [--threads N] [--neighbors K] [--metric M] [--queries N]

Prints the times and accuracy, then one JSON line in bench_knn's shape.
"""
import argparse
import json
import os
import time

import numpy as np
import sklearn
from sklearn.neighbors import KNeighborsClassifier

from idx_files import idx


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--neighbors", type=int, default=5)
    parser.add_argument("--metric", default="euclidean")
    parser.add_argument("--queries", type=int, default=10000)
    args = parser.parse_args()
    X = idx(os.path.join(args.dir, "train-images-idx3-ubyte.gz")).astype(np.float64)
    y = idx(os.path.join(args.dir, "train-labels-idx1-ubyte.gz"))
    Xt = idx(os.path.join(args.dir, "t10k-images-idx3-ubyte.gz"))[: args.queries].astype(np.float64)
    yt = idx(os.path.join(args.dir, "t10k-labels-idx1-ubyte.gz"))[: args.queries]
    model = KNeighborsClassifier(n_neighbors=args.neighbors, metric=args.metric, algorithm="brute",
                                 n_jobs=args.threads)
    start = time.perf_counter()
    model.fit(X, y)
    fit_seconds = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    predicted = model.predict(Xt)
    predict_seconds, predict_cpu = time.perf_counter() - start, time.process_time() - cpu
    accuracy = float(np.mean(predicted == yt))
    print("scikit-learn %s: fit %.2f s, predict %d x %d (k=%d, %s, n_jobs=%d): %.2f s (%.2f CPU s), accuracy %.4f"
          % (sklearn.__version__, fit_seconds, len(Xt), len(X), args.neighbors, args.metric, args.threads,
             predict_seconds, predict_cpu, accuracy))
    print(json.dumps({"tool": "scikit-learn", "fit_seconds": fit_seconds, "predict_seconds": predict_seconds,
                      "predict_cpu_seconds": predict_cpu, "accuracy": accuracy, "queries": len(Xt),
                      "threads": args.threads}))


if __name__ == "__main__":
    main()
