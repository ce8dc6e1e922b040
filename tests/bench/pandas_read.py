#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time pandas.read_csv on one file; the pandas side of tests/bench/run_benchmarks.sh.

  pandas_read.py [--warmup N] [--repeat N] [--engine c|pyarrow] [--float-precision P] [--quiet] FILE

Reads FILE `warmup` times untimed, then `repeat` times timed (each DataFrame is
dropped before the next read), and prints the same numbers and the same JSON line
shape as bench_csv: min/median wall time, MB/s (10^6 bytes of the file per second),
rows, columns, and the peak resident set size of this process (ru_maxrss; null where
the resource module does not exist). Run it in a fresh process per measurement.
"""

import argparse
import gc
import json
import os
import statistics
import sys
import time

try:
    import resource
except ImportError:  # Windows
    resource = None


def status_kb(field):
    """A field of /proc/self/status in KiB, or None off Linux."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def peak_rss_kb():
    if resource is None:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KiB elsewhere


def main():
    parser = argparse.ArgumentParser(description="Time pandas.read_csv on one file.")
    parser.add_argument("file")
    parser.add_argument("--warmup", type=int, default=1, help="untimed reads first (default 1)")
    parser.add_argument("--repeat", type=int, default=5, help="timed reads (default 5)")
    parser.add_argument("--engine", default="c", choices=["c", "pyarrow", "python"])
    parser.add_argument("--float-precision", default=None, choices=["high", "legacy", "round_trip"],
                        help="pandas' float_precision (default: pandas' own default)")
    parser.add_argument("--quiet", action="store_true", help="print only the JSON line")
    args = parser.parse_args()
    if args.warmup < 0 or args.repeat < 1:
        parser.error("--warmup must be >= 0 and --repeat >= 1")

    import pandas as pd  # after argument parsing, so --help is quick

    if args.engine == "pyarrow":
        import importlib.util

        if importlib.util.find_spec("pyarrow") is None:
            print("pandas_read.py: error: engine pyarrow needs the pyarrow module", file=sys.stderr)
            return 3

    kwargs = {"engine": args.engine}
    if args.float_precision is not None:
        kwargs["float_precision"] = args.float_precision
    baseline = status_kb("VmRSS")
    size = os.path.getsize(args.file)
    seconds = []
    rows = columns = data_bytes = 0
    types = {}
    for k in range(args.warmup + args.repeat):
        begin = time.perf_counter()
        df = pd.read_csv(args.file, **kwargs)
        end = time.perf_counter()
        if k >= args.warmup:
            seconds.append(end - begin)
        rows, columns = df.shape
        data_bytes = int(df.memory_usage(deep=True).sum())
        types = {}
        for dtype in df.dtypes:
            types[str(dtype)] = types.get(str(dtype), 0) + 1
        del df
        gc.collect()
    peak = peak_rss_kb()

    best = min(seconds)
    middle = statistics.median(seconds)
    megabytes = size / 1e6
    engine = args.engine + (f", float_precision={args.float_precision}" if args.float_precision else "")
    result = {
        "tool": "pandas",
        "engine": f"read_csv(engine={engine}) pandas {pd.__version__}",
        "file": os.path.basename(args.file),
        "bytes": size,
        "rows": rows,
        "columns": columns,
        "types": dict(sorted(types.items())),
        "warmup": args.warmup,
        "repeat": args.repeat,
        "threads": 1,
        "times_s": seconds,
        "min_s": best,
        "median_s": middle,
        "mb_per_s": megabytes / middle,
        "mb_per_s_best": megabytes / best,
        "peak_rss_kb": peak,
        "baseline_rss_kb": baseline,
        "peak_anon_kb": None,
        "peak_file_kb": None,
        "data_bytes": data_bytes,
    }

    def kb(v):
        return "n/a" if v is None else f"{v / 1024:.1f} MiB"

    if not args.quiet:
        print(f"file        {args.file} ({megabytes:.1f} MB)")
        shape = ", ".join(f"{n} {t}" for t, n in sorted(types.items()))
        print(f"shape       {rows} rows x {columns} columns ({shape})")
        print(f"reads       {args.repeat} timed after {args.warmup} warm-up, {result['engine']}")
        print(f"wall time   min {best:.3f} s, median {middle:.3f} s")
        print(f"throughput  {megabytes / middle:.1f} MB/s (median), {megabytes / best:.1f} MB/s (best)")
        print(f"peak RSS    {kb(peak)} (baseline {kb(baseline)}; values held {data_bytes / 1048576:.1f} MiB)")
    print(json.dumps(result, sort_keys=True, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
