#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the synthetic learning benchmark data of issue 4 ("Speed"), deterministically.

  synth_1000000x20.X          1,000,000 x 20 features, raw little-endian float64, row-major
                              (standard normal; features 0-4 scaled by 10, 5-9 by 0.1, so the
                              problem is not perfectly conditioned)
  synth_1000000x20.binary.y   0/1 labels drawn from a logistic model with random weights
                              (float64, one per row)
  synth_1000000x20.linear.y   a linear target with random weights, intercept 3 and N(0, 1)
                              noise (float64)

Both sides read them the same way:
  X = np.fromfile(".X", dtype="<f8").reshape(-1, 20); y = np.fromfile(".y", dtype="<f8")

numpy only, fixed seed: the same numpy gives the same bytes. Files are written under a
temporary name and renamed; existing files are kept unless --force. Prints the paths.

  gen_learn.py [--out-dir DIR] [--rows N] [--cols P] [--force]
"""

import argparse
import os

import numpy as np

SEED = 20240401


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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out-dir", default=default_out_dir())
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cols", type=int, default=20)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    base = os.path.join(args.out_dir, f"synth_{args.rows}x{args.cols}")
    paths = [base + ".X", base + ".binary.y", base + ".linear.y"]
    if args.force or not all(os.path.exists(p) for p in paths):
        rng = np.random.default_rng(SEED)
        X = rng.standard_normal((args.rows, args.cols))
        scale = np.ones(args.cols)
        scale[0:5] = 10.0
        scale[5:10] = 0.1
        X *= scale
        w = rng.standard_normal(args.cols) * 2.0 / np.sqrt(args.cols) / scale
        logits = X @ w + 0.5
        binary = (rng.random(args.rows) < 1.0 / (1.0 + np.exp(-logits))).astype(np.float64)
        v = rng.standard_normal(args.cols) / scale
        linear = X @ v + 3.0 + rng.standard_normal(args.rows)
        write(paths[0], X)
        write(paths[1], binary)
        write(paths[2], linear)
    for p in paths:
        print(p)


if __name__ == "__main__":
    main()
