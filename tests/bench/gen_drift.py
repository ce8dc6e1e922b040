#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the drift benchmark data of issue 8 ("Speed"), deterministically.

  drift_500000x30.reference.f64   30 features x 500,000 rows, raw little-endian float64,
                                  feature-major (feature 0's 500,000 values, then feature 1's, ...)
  drift_500000x30.current.f64     the same shape, drawn again; features 0-9 shifted

Feature j is drawn from one of six families by j % 6: normal, log-normal, uniform,
exponential, a two-normal mixture and Student t with 3 degrees of freedom (heavy
tails), scaled by 1 + j. On the current side features 0-4 have their mean moved by
0.2 standard deviations and features 5-9 their scale by 1.3; 10-29 are drawn as before.

Both sides read them the same way:
  X = np.fromfile(FILE, dtype="<f8").reshape(30, -1)     # X[j] is feature j

numpy only, fixed seeds: the same numpy gives the same bytes. Files are written under a
temporary name and renamed; existing files are kept unless --force. Prints the two paths.

  gen_drift.py [--out-dir DIR] [--rows N] [--features P] [--force]
"""

import argparse
import os

import numpy as np

SEED_REFERENCE = 20240808
SEED_CURRENT = 20240809


def default_out_dir():
    """The cache directory the other benchmark scripts use too."""
    if os.environ.get("TANDEM_BENCH_DATA"):
        return os.environ["TANDEM_BENCH_DATA"]
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "tandem-bench")


def feature(rng, j, rows, shifted):
    family = j % 6
    if family == 0:
        x = rng.normal(size=rows)
    elif family == 1:
        x = rng.lognormal(0.0, 0.5, size=rows)
    elif family == 2:
        x = rng.uniform(-1.0, 1.0, size=rows)
    elif family == 3:
        x = rng.exponential(1.0, size=rows)
    elif family == 4:
        x = np.where(rng.random(rows) < 0.3, rng.normal(-2.0, 0.5, size=rows), rng.normal(1.0, 1.0, size=rows))
    else:
        x = rng.standard_t(3, size=rows)
    if shifted and j < 5:
        x = x + 0.2 * x.std()
    elif shifted and j < 10:
        x = (x - x.mean()) * 1.3 + x.mean()
    return x * (1.0 + j)


def write(path, rows, features, seed, shifted):
    rng = np.random.default_rng(seed)
    tmp = path + ".tmp"
    with open(tmp, "wb") as out:
        for j in range(features):
            np.ascontiguousarray(feature(rng, j, rows, shifted), dtype="<f8").tofile(out)
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out-dir", default=default_out_dir())
    parser.add_argument("--rows", type=int, default=500000)
    parser.add_argument("--features", type=int, default=30)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    stem = os.path.join(args.out_dir, f"drift_{args.rows}x{args.features}")
    for side, seed, shifted in (("reference", SEED_REFERENCE, False), ("current", SEED_CURRENT, True)):
        path = f"{stem}.{side}.f64"
        if args.force or not os.path.exists(path):
            write(path, args.rows, args.features, seed, shifted)
        print(path)


if __name__ == "__main__":
    main()
