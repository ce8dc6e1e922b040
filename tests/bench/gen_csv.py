#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the CSV benchmark data sets of issue 3 ("Speed"), deterministically.

  numeric  1,000,000 rows x 21 columns: 20 float features (varied magnitudes and
           signs, written with Python's repr, i.e. the shortest round-trip form,
           mostly 16-17 significant digits) and an integer label 0..9. ~400 MB.
  mixed    200,000 rows x 10 columns: an integer id, floats (2-decimal prices and
           full-precision measurements), an integer count, categoricals with 5 and
           50 categories, a true/false column, free text (some cells quoted because
           they hold a comma), with ~5% missing cells in every column but the id,
           written as empty cells or "NA" (half each).

Only numpy and the standard library; fixed seeds, so the same numpy gives the same
bytes (run_benchmarks.sh prints their SHA-256). Files are written to a temporary name
and renamed, so an interrupted run never leaves a partial file behind.

  gen_csv.py [--out-dir DIR] [--numeric-rows N] [--mixed-rows N] [--only numeric|mixed] [--force]
"""

import argparse
import csv
import os
import sys

import numpy as np

NUMERIC_SEED = 20240301
MIXED_SEED = 20240302
CHUNK = 50_000

COLORS = ["red", "green", "blue", "black", "white"]
CITIES = [
    "Amsterdam", "Athens", "Barcelona", "Belgrade", "Berlin", "Bern", "Bratislava", "Brussels",
    "Bucharest", "Budapest", "Copenhagen", "Dublin", "Edinburgh", "Florence", "Frankfurt", "Geneva",
    "Hamburg", "Helsinki", "Istanbul", "Kraków", "Kyiv", "Lisbon", "Ljubljana", "London", "Luxembourg",
    "Lyon", "Madrid", "Marseille", "Milan", "Minsk", "Monaco", "Moscow", "Munich", "Naples", "Oslo",
    "Paris", "Porto", "Prague", "Reykjavík", "Riga", "Rome", "Rotterdam", "Sarajevo", "Seville",
    "Sofia", "Stockholm", "Tallinn", "Vienna", "Vilnius", "Warsaw",
]
WORDS = (
    "the quick brown fox jumps over a lazy dog while seven wizards quietly judge boxing matches "
    "under pale moonlight near old stone bridges and every river carries small paper boats toward "
    "distant harbours where sailors repair nets sing songs count stars measure tides"
).split()


def default_out_dir():
    """The cache directory run_benchmarks.sh uses too."""
    if os.environ.get("TANDEM_BENCH_DATA"):
        return os.environ["TANDEM_BENCH_DATA"]
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "tandem-bench")


def numeric_path(out_dir, rows):
    return os.path.join(out_dir, f"numeric_{rows}x21.csv")


def mixed_path(out_dir, rows):
    return os.path.join(out_dir, f"mixed_{rows}x10.csv")


def write_numeric(path, rows):
    rng = np.random.default_rng(NUMERIC_SEED)
    features = 20
    # Column j: a distribution and a scale; magnitudes from 1e-6 to 1e6, both signs.
    scales = [10.0 ** e for e in (-6, -4, -3, -2, -1, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 0, -1, 2)]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join([f"f{j}" for j in range(features)] + ["label"]) + "\n")
        for start in range(0, rows, CHUNK):
            n = min(CHUNK, rows - start)
            cols = []
            for j in range(features):
                kind = j % 4
                if kind == 0:
                    x = rng.standard_normal(n)  # both signs
                elif kind == 1:
                    x = rng.random(n)  # positive, in [0, 1)
                elif kind == 2:
                    x = rng.lognormal(0.0, 1.5, n)  # positive, heavy tail
                else:
                    x = rng.uniform(-1.0, 1.0, n)  # both signs
                cols.append((x * scales[j]).tolist())
            cols.append(rng.integers(0, 10, n).tolist())
            lines = [",".join(map(repr, row)) for row in zip(*cols)]
            f.write("\n".join(lines))
            f.write("\n")


def with_missing(rng, values, rate=0.05):
    """Replaces ~rate of the cells with "" or "NA" (half each)."""
    n = len(values)
    hit = rng.random(n) < rate
    na = rng.random(n) < 0.5
    return [("NA" if a else "") if h else v for v, h, a in zip(values, hit.tolist(), na.tolist())]


def write_mixed(path, rows):
    rng = np.random.default_rng(MIXED_SEED)
    header = ["id", "price", "measure", "count", "color", "city", "active", "comment", "score", "ratio"]
    words = np.array(WORDS)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for start in range(0, rows, CHUNK):
            n = min(CHUNK, rows - start)
            ids = [str(i) for i in range(start + 1, start + n + 1)]
            price = [repr(v) for v in np.round(rng.lognormal(3.0, 1.0, n), 2).tolist()]
            measure = [repr(v) for v in (rng.standard_normal(n) * 250.0).tolist()]
            count = [str(v) for v in rng.poisson(4.0, n).tolist()]
            color = [COLORS[k] for k in rng.integers(0, len(COLORS), n).tolist()]
            # Zipf-like city frequencies: some common, some rare.
            weights = 1.0 / np.arange(1, len(CITIES) + 1)
            city = [CITIES[k] for k in rng.choice(len(CITIES), n, p=weights / weights.sum()).tolist()]
            active = ["true" if b else "false" for b in (rng.random(n) < 0.3).tolist()]
            lengths = rng.integers(3, 13, n).tolist()
            picks = rng.integers(0, len(words), sum(lengths))
            commas = (rng.random(n) < 0.2).tolist()
            comment = []
            at = 0
            for length, comma in zip(lengths, commas):
                sentence = words[picks[at:at + length]].tolist()
                at += length
                if comma:
                    sentence[length // 2] += ","  # the writer quotes this cell
                comment.append(" ".join(sentence).capitalize())
            score = [repr(v) for v in rng.beta(2.0, 5.0, n).tolist()]
            ratio = [repr(v) for v in (rng.standard_normal(n) * 1e-3).tolist()]
            columns = [ids] + [with_missing(rng, c) for c in
                               (price, measure, count, color, city, active, comment, score, ratio)]
            writer.writerows(zip(*columns))


def generate(path, rows, writer, force):
    if os.path.exists(path) and not force:
        print(f"{path}: exists, kept", file=sys.stderr)
        return
    tmp = f"{path}.{os.getpid()}.part"
    writer(tmp, rows)
    os.replace(tmp, path)
    print(f"{path}: {os.path.getsize(path) / 1e6:.1f} MB, {rows} rows", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", default=default_out_dir(),
                        help="where to write the files (default: $TANDEM_BENCH_DATA, else "
                             "$XDG_CACHE_HOME/tandem-bench, else ~/.cache/tandem-bench)")
    parser.add_argument("--numeric-rows", type=int, default=1_000_000)
    parser.add_argument("--mixed-rows", type=int, default=200_000)
    parser.add_argument("--only", choices=["numeric", "mixed"], help="generate one data set only")
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    if args.only in (None, "numeric"):
        generate(numeric_path(args.out_dir, args.numeric_rows), args.numeric_rows, write_numeric, args.force)
    if args.only in (None, "mixed"):
        generate(mixed_path(args.out_dir, args.mixed_rows), args.mixed_rows, write_mixed, args.force)
    # The paths, one per line, for scripts.
    if args.only in (None, "numeric"):
        print(numeric_path(args.out_dir, args.numeric_rows))
    if args.only in (None, "mixed"):
        print(mixed_path(args.out_dir, args.mixed_rows))


if __name__ == "__main__":
    main()
