#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The scipy/numpy side of the drift benchmark of issue 8 ("Speed"); bench_drift is
Tandem's and run_drift_benchmarks.sh runs both on the same data.

For every feature j of the two files of gen_drift.py, the same two tests Tandem
computes (besides its own default test, the normalised Wasserstein distance):

  scipy.stats.ks_2samp(reference[j], current[j])          (method "auto": asymptotic here)
  PSI over the reference's deciles, as core/drift documents it:
    edges = np.unique(np.quantile(reference[j], np.arange(1, 10) / 10))
    counts = np.bincount(np.searchsorted(edges, x, side="right"), minlength=len(edges) + 1)
    over bins counted on either side, shares with zeros replaced by 1e-4,
    psi = sum((c - r) * log(c / r))

  drift_scipy.py --reference FILE --current FILE [--features P] [--warmup N] [--repeat N]

Times the whole loop over the features (wall and process CPU seconds) --repeat times
(default 3) after --warmup untimed runs (default 1) and prints one line for people, then
one JSON line: {"side", "version", "median_s", "cpu_median_s", "times", "features",
"ks_statistic", "ks_pvalue", "psi"} (the values of the last run, one per feature).
Single-threaded, as scipy and numpy are for these calls.
"""

import argparse
import json
import statistics
import time

import numpy as np
import scipy
from scipy import stats


def psi(reference, current, bins=10, empty_share=1e-4):
    edges = np.unique(np.quantile(reference, np.arange(1, bins) / bins))
    r = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=len(edges) + 1)
    c = np.bincount(np.searchsorted(edges, current, side="right"), minlength=len(edges) + 1)
    used = (r > 0) | (c > 0)
    r, c = r[used], c[used]
    rs = np.where(r == 0, empty_share, r / r.sum())
    cs = np.where(c == 0, empty_share, c / c.sum())
    return float(np.sum((cs - rs) * np.log(cs / rs)))


def run(reference, current):
    ks_statistic, ks_pvalue, psis = [], [], []
    for j in range(reference.shape[0]):
        result = stats.ks_2samp(reference[j], current[j])
        ks_statistic.append(float(result.statistic))
        ks_pvalue.append(float(result.pvalue))
        psis.append(psi(reference[j], current[j]))
    return ks_statistic, ks_pvalue, psis


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reference", required=True)
    parser.add_argument("--current", required=True)
    parser.add_argument("--features", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    reference = np.fromfile(args.reference, dtype="<f8").reshape(args.features, -1)
    current = np.fromfile(args.current, dtype="<f8").reshape(args.features, -1)

    for _ in range(args.warmup):
        run(reference, current)
    times, cpus = [], []
    for _ in range(args.repeat):
        start, cpu = time.perf_counter(), time.process_time()
        values = run(reference, current)
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    median = statistics.median(times)
    print(f"scipy {scipy.__version__}: KS + PSI of {args.features} features, {reference.shape[1]:,} x "
          f"{current.shape[1]:,} rows: {median:.3f} s (median of {args.repeat})")
    print(json.dumps({"side": "scipy", "version": f"scipy {scipy.__version__}, numpy {np.__version__}",
                      "median_s": median, "cpu_median_s": statistics.median(cpus), "times": times,
                      "features": args.features, "ks_statistic": values[0], "ks_pvalue": values[1],
                      "psi": values[2]}))


if __name__ == "__main__":
    main()
