#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The peers' side of bench_learn: scikit-learn's (and xgboost's) fits on the same data, timed.

    learn_sklearn.py --model logreg|ridge|tree|forest|gbdt|mlp|xgb
                     (--x FILE --y FILE [--test-x FILE --test-y FILE] | --fashion-mnist DIR)
                     [--train-rows N] [--warmup N] [--repeat N]
                     [--C C] [--tol T] [--max-iter N] [--alpha A] [--param NAME=VALUE ...]

--x/--y: raw little-endian float64 (X row-major), as gen_learn.py writes them; the
metric is on --test-x/--test-y if given, else on the training rows (accuracy for
classifiers, R² for ridge). --fashion-mnist: the IDX files of DIR, pixels / 255,
fitted on the 60,000 training images, accuracy on the 10,000 test images.
--train-rows N fits on the first N training rows only (the test rows stay all).

Models:
  logreg  LogisticRegression(solver="lbfgs", penalty="l2", C, tol, max_iter) (multinomial
          for more than two classes, multi_class="auto")
  ridge   Ridge(alpha) (solver "auto", i.e. Cholesky for dense X)
  tree    DecisionTreeClassifier(random_state=0, **params)
  forest  RandomForestClassifier(random_state=0, **params)
  gbdt    HistGradientBoostingClassifier(random_state=0, **params); its OpenMP threads
          follow OMP_NUM_THREADS
  mlp     MLPClassifier(random_state=0, **params)
  xgb     xgboost.XGBClassifier(random_state=0, **params) (the "tool" is then xgboost)
--param NAME=VALUE (repeatable) passes a constructor argument to the last five;
VALUE is a Python literal (100, 0.1, None, False, (100,)) or else a string (sqrt).
--C/--tol/--max-iter/--alpha are logreg's and ridge's.

Each timed fit uses a fresh estimator; times are wall and process CPU seconds (all
threads) of fit() alone; the metric (and for logreg the train loss, mean log loss,
unpenalised; for mlp/gbdt the iterations run) come from the last one. Prints one line
for people, then one JSON line in bench_learn's shape.
"""
import argparse
import ast
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

PARAM_MODELS = ["tree", "forest", "gbdt", "mlp", "xgb"]


def literal(text):
    """A Python literal if TEXT is one, else TEXT itself."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def make_factory(model, args, params):
    """A function returning a fresh estimator, and the tool's name and version."""
    if model == "logreg":
        return (lambda: LogisticRegression(C=args.C, tol=args.tol, max_iter=args.max_iter, solver="lbfgs")), \
            "scikit-learn", sklearn.__version__
    if model == "ridge":
        return (lambda: Ridge(alpha=args.alpha)), "scikit-learn", sklearn.__version__
    if model == "xgb":
        import xgboost  # only this model needs it

        return (lambda: xgboost.XGBClassifier(random_state=0, **params)), "xgboost", xgboost.__version__
    if model == "tree":
        from sklearn.tree import DecisionTreeClassifier as cls
    elif model == "forest":
        from sklearn.ensemble import RandomForestClassifier as cls
    elif model == "gbdt":
        from sklearn.ensemble import HistGradientBoostingClassifier as cls
    else:
        from sklearn.neural_network import MLPClassifier as cls
    return (lambda: cls(random_state=0, **params)), "scikit-learn", sklearn.__version__


def thread_count(model, params):
    """The threads the fit may use: n_jobs where the estimator takes it, OpenMP's for gbdt."""
    if model in ("forest", "xgb"):
        return int(params.get("n_jobs") or params.get("nthread") or (os.cpu_count() if model == "xgb" else 1))
    if model == "gbdt":
        from sklearn.utils._openmp_helpers import _openmp_effective_n_threads

        return int(_openmp_effective_n_threads())
    return 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", choices=["logreg", "ridge"] + PARAM_MODELS, required=True)
    parser.add_argument("--x")
    parser.add_argument("--y")
    parser.add_argument("--test-x")
    parser.add_argument("--test-y")
    parser.add_argument("--fashion-mnist")
    parser.add_argument("--train-rows", type=int)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--tol", type=float, default=1e-4)
    parser.add_argument("--max-iter", type=int, default=100)
    parser.add_argument("--alpha", type=float, default=1.0)
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    params = {}
    for assignment in args.param:
        name, eq, value = assignment.partition("=")
        if not name or not eq:
            parser.error(f"--param needs NAME=VALUE, got {assignment}")
        params[name] = literal(value)
    if params and args.model not in PARAM_MODELS:
        parser.error(f"--param is for {', '.join(PARAM_MODELS)}; {args.model} takes --C/--tol/--max-iter/--alpha")

    start = time.perf_counter()
    test = "train"
    if args.fashion_mnist:
        d = args.fashion_mnist
        X = idx(os.path.join(d, "train-images-idx3-ubyte.gz")).astype(np.float64) / 255.0
        y = idx(os.path.join(d, "train-labels-idx1-ubyte.gz")).astype(np.float64)
        Xt = idx(os.path.join(d, "t10k-images-idx3-ubyte.gz")).astype(np.float64) / 255.0
        yt = idx(os.path.join(d, "t10k-labels-idx1-ubyte.gz")).astype(np.float64)
        data_name = "fashion-mnist"
        test = "held-out"
    else:
        y = np.fromfile(args.y, dtype="<f8")
        X = np.fromfile(args.x, dtype="<f8").reshape(len(y), -1)
        Xt, yt = X, y
        if args.test_x or args.test_y:
            yt = np.fromfile(args.test_y, dtype="<f8")
            Xt = np.fromfile(args.test_x, dtype="<f8").reshape(len(yt), -1)
            test = "held-out"
        data_name = os.path.basename(args.y)
    if args.train_rows is not None and args.train_rows < len(y):
        X, y = X[:args.train_rows], y[:args.train_rows]
        if test == "train":
            Xt, yt = X, y
    if args.model == "xgb":  # XGBClassifier wants integer labels 0..K-1
        y, yt = y.astype(np.int64), yt.astype(np.int64)
    load_seconds = time.perf_counter() - start

    make, tool, version = make_factory(args.model, args, params)
    times = []
    cpu_times = []
    model = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for i in range(args.warmup + args.repeat):
            model = make()
            cpu_start = time.process_time()
            start = time.perf_counter()
            model.fit(X, y)
            seconds = time.perf_counter() - start
            cpu = time.process_time() - cpu_start
            if i >= args.warmup:
                times.append(seconds)
                cpu_times.append(cpu)

    result = {"tool": tool, "version": version, "model": args.model, "data": data_name,
              "rows": int(X.shape[0]), "cols": int(X.shape[1]), "threads": thread_count(args.model, params),
              "load_seconds": load_seconds, "times": times, "median_s": statistics.median(times),
              "min_s": min(times), "cpu_times": cpu_times, "cpu_median_s": statistics.median(cpu_times),
              "test_rows": int(Xt.shape[0]), "test": test}
    start = time.perf_counter()
    predicted = model.predict(Xt)
    result["predict_s"] = time.perf_counter() - start
    extra = ""
    if args.model == "logreg":
        proba = model.predict_proba(X)
        labels = y.astype(np.int64)
        loss = float(-np.mean(np.log(np.clip(proba[np.arange(len(labels)), labels], 1e-300, None))))
        n_iter = int(np.max(model.n_iter_))
        result.update(metric="accuracy", value=float(np.mean(predicted == yt)), iterations=n_iter,
                      converged=n_iter < args.max_iter, train_loss=loss,
                      params={"C": args.C, "tol": args.tol, "max_iter": args.max_iter})
        extra = f"iterations {n_iter}  train_loss {loss:.8f}  "
    elif args.model == "ridge":
        result.update(metric="r2", value=float(model.score(Xt, yt)), params={"alpha": args.alpha})
    else:
        result.update(metric="accuracy", value=float(np.mean(predicted == yt)),
                      params={k: v if isinstance(v, (int, float, str, bool, type(None))) else repr(v)
                              for k, v in params.items()})
        if hasattr(model, "n_iter_"):
            result["iterations"] = int(np.max(model.n_iter_))
            extra = f"iterations {result['iterations']}  "
    print(f"{tool} {version} {args.model} on {data_name} ({X.shape[0]} x {X.shape[1]}, {result['threads']} "
          f"threads): median {result['median_s']:.3f} s (min {result['min_s']:.3f}, CPU "
          f"{result['cpu_median_s']:.3f} s) over {len(times)}  {extra}{result['metric']} {result['value']:.5f}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
