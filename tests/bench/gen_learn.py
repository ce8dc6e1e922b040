#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the synthetic learning benchmark data of issues 4 and 5, deterministically.

  synth_1000000x20.X          1,000,000 x 20 features, raw little-endian float64, row-major
                              (standard normal; features 0-4 scaled by 10, 5-9 by 0.1, so the
                              problem is not perfectly conditioned)
  synth_1000000x20.binary.y   0/1 labels drawn from a logistic model with random weights
                              (float64, one per row)
  synth_1000000x20.linear.y   a linear target with random weights, intercept 3 and N(0, 1)
                              noise (float64)

Issue 5 (trees, forests, boosting, MLP) adds a non-linear binary problem on the same X and
a held-out test set from the same generator (trees fit their training rows almost exactly):

  synth_1000000x20.nonlinear.y               0/1 labels, P(1) = sigmoid(2.5 f(z)), z = X / scale
                                             (features back to N(0, 1)); f mixes sines, products,
                                             thresholds and a small linear part of features 0-14;
                                             15-19 are noise. About 47 % ones; the Bayes rule
                                             (f > 0) is right on about 87.7 % of rows, a linear
                                             model on about 68 %.
  synth_1000000x20.test200000.X              200,000 more rows drawn like X (own seed)
  synth_1000000x20.test200000.nonlinear.y    their labels, drawn like nonlinear.y

The issue 4 files do not change (same seed, same draws); the issue 5 files use seeds of
their own and are written when missing, so existing issue 4 files are kept.

Both sides read them the same way:
  X = np.fromfile(".X", dtype="<f8").reshape(-1, 20); y = np.fromfile(".y", dtype="<f8")

numpy only, fixed seed: the same numpy gives the same bytes. Files are written under a
temporary name and renamed; existing files are kept unless --force. Prints the paths.

  gen_learn.py [--out-dir DIR] [--rows N] [--cols P] [--test-rows N] [--force]

Prints, one per line: X, binary.y, linear.y, nonlinear.y, test X, test nonlinear.y.
"""

import argparse
import os

import numpy as np

SEED = 20240401
SEED_NONLINEAR = 20250501  # labels of the training rows
SEED_TEST = 20250502  # test rows and their labels


def default_out_dir():
    """The cache directory run_benchmarks.sh uses too."""
    if os.environ.get("TANDEM_BENCH_DATA"):
        return os.environ["TANDEM_BENCH_DATA"]
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "tandem-bench")


def write(path, array):
    tmp = path + ".tmp"
    np.ascontiguousarray(array, dtype="<f8").tofile(tmp)
    os.replace(tmp, path)


def scales(cols):
    """Per-feature scale of X: features 0-4 by 10, 5-9 by 0.1, the rest by 1."""
    scale = np.ones(cols)
    scale[0:5] = 10.0
    scale[5:10] = 0.1
    return scale


def nonlinear_labels(X, scale, rng):
    """0/1 labels of the non-linear problem (needs at least 15 features)."""
    z = X / scale
    f = (1.2 * np.sin(1.5 * z[:, 0]) + 0.9 * z[:, 1] * z[:, 2] + 0.7 * (np.abs(z[:, 3]) - 0.8)
         + 0.8 * np.tanh(2.0 * z[:, 4]) * z[:, 5] + 0.9 * (z[:, 6] > 0.5) * z[:, 7] + 0.3 * (z[:, 8] ** 2 - 1.0)
         + 0.6 * np.cos(z[:, 9] + z[:, 10]) - 0.35 + z[:, 11:15] @ np.array([0.4, -0.3, 0.2, -0.1]))
    return (rng.random(len(z)) < 1.0 / (1.0 + np.exp(-2.5 * f))).astype(np.float64)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out-dir", default=default_out_dir())
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cols", type=int, default=20)
    parser.add_argument("--test-rows", type=int, default=200_000)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    if args.cols < 15:
        parser.error("--cols must be at least 15 (the non-linear labels use features 0-14)")
    os.makedirs(args.out_dir, exist_ok=True)
    base = os.path.join(args.out_dir, f"synth_{args.rows}x{args.cols}")
    paths = [base + ".X", base + ".binary.y", base + ".linear.y"]
    test_base = f"{base}.test{args.test_rows}"
    paths5 = [base + ".nonlinear.y", test_base + ".X", test_base + ".nonlinear.y"]
    scale = scales(args.cols)
    if args.force or not all(os.path.exists(p) for p in paths):
        rng = np.random.default_rng(SEED)
        X = rng.standard_normal((args.rows, args.cols))
        X *= scale
        w = rng.standard_normal(args.cols) * 2.0 / np.sqrt(args.cols) / scale
        logits = X @ w + 0.5
        binary = (rng.random(args.rows) < 1.0 / (1.0 + np.exp(-logits))).astype(np.float64)
        v = rng.standard_normal(args.cols) / scale
        linear = X @ v + 3.0 + rng.standard_normal(args.rows)
        write(paths[0], X)
        write(paths[1], binary)
        write(paths[2], linear)
        del X
    if args.force or not all(os.path.exists(p) for p in paths5):
        X = np.fromfile(paths[0], dtype="<f8").reshape(args.rows, args.cols)
        write(paths5[0], nonlinear_labels(X, scale, np.random.default_rng(SEED_NONLINEAR)))
        del X
        rng = np.random.default_rng(SEED_TEST)
        X_test = rng.standard_normal((args.test_rows, args.cols)) * scale
        y_test = nonlinear_labels(X_test, scale, rng)
        write(paths5[1], X_test)
        write(paths5[2], y_test)
    for p in paths + paths5:
        print(p)


if __name__ == "__main__":
    main()
