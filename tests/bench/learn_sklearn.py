#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""scikit-learn's side of bench_learn: the same fits on the same data, timed.

    learn_sklearn.py --model logreg|ridge (--x FILE --y FILE | --fashion-mnist DIR)
                     [--warmup N] [--repeat N] [--C C] [--tol T] [--max-iter N] [--alpha A]

--x/--y: raw little-endian float64 (X row-major), as gen_learn.py writes them; the
metric is on the training rows (accuracy for logreg, R² for ridge). --fashion-mnist:
the IDX files of DIR, pixels / 255, fitted on the 60,000 training images, accuracy
on the 10,000 test images. logreg is LogisticRegression(solver="lbfgs", penalty="l2")
(multinomial for more than two classes, multi_class="auto"); ridge is Ridge(alpha)
(solver "auto", i.e. Cholesky for dense X). Each timed fit uses a fresh estimator;
the metric and the train loss (mean log loss, unpenalised) come from the last one.
Prints one line for people, then one JSON line in bench_learn's shape.
"""
import argparse
import json
import os
import statistics
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, Ridge

from idx_files import idx


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", choices=["logreg", "ridge"], required=True)
    parser.add_argument("--x")
    parser.add_argument("--y")
    parser.add_argument("--fashion-mnist")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--tol", type=float, default=1e-4)
    parser.add_argument("--max-iter", type=int, default=100)
    parser.add_argument("--alpha", type=float, default=1.0)
    args = parser.parse_args()

    start = time.perf_counter()
    if args.fashion_mnist:
        d = args.fashion_mnist
        X = idx(os.path.join(d, "train-images-idx3-ubyte.gz")).astype(np.float64) / 255.0
        y = idx(os.path.join(d, "train-labels-idx1-ubyte.gz")).astype(np.float64)
        Xt = idx(os.path.join(d, "t10k-images-idx3-ubyte.gz")).astype(np.float64) / 255.0
        yt = idx(os.path.join(d, "t10k-labels-idx1-ubyte.gz")).astype(np.float64)
        data_name = "fashion-mnist"
    else:
        y = np.fromfile(args.y, dtype="<f8")
        X = np.fromfile(args.x, dtype="<f8").reshape(len(y), -1)
        Xt, yt = X, y
        data_name = os.path.basename(args.y)
    load_seconds = time.perf_counter() - start

    def make():
        if args.model == "logreg":
            return LogisticRegression(C=args.C, tol=args.tol, max_iter=args.max_iter, solver="lbfgs")
        return Ridge(alpha=args.alpha)

    times = []
    model = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for i in range(args.warmup + args.repeat):
            model = make()
            start = time.perf_counter()
            model.fit(X, y)
            seconds = time.perf_counter() - start
            if i >= args.warmup:
                times.append(seconds)

    result = {"tool": "scikit-learn", "version": sklearn.__version__, "model": args.model, "data": data_name,
              "rows": int(X.shape[0]), "cols": int(X.shape[1]), "threads": 1, "load_seconds": load_seconds,
              "times": times, "median_s": statistics.median(times), "min_s": min(times),
              "test_rows": int(Xt.shape[0])}
    if args.model == "logreg":
        proba = model.predict_proba(X)
        labels = y.astype(np.int64)
        loss = float(-np.mean(np.log(np.clip(proba[np.arange(len(labels)), labels], 1e-300, None))))
        n_iter = int(np.max(model.n_iter_))
        result.update(metric="accuracy", value=float(np.mean(model.predict(Xt) == yt)), iterations=n_iter,
                      converged=n_iter < args.max_iter, train_loss=loss,
                      params={"C": args.C, "tol": args.tol, "max_iter": args.max_iter})
        extra = f"iterations {n_iter}  train_loss {loss:.8f}  "
    else:
        result.update(metric="r2", value=float(model.score(Xt, yt)), params={"alpha": args.alpha})
        extra = ""
    print(f"scikit-learn {sklearn.__version__} {args.model} on {data_name} ({X.shape[0]} x {X.shape[1]}): "
          f"median {result['median_s']:.3f} s (min {result['min_s']:.3f}) over {len(times)}  {extra}"
          f"{result['metric']} {result['value']:.5f}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
