# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading MNIST-style IDX files (gzip) for the scikit-learn side of the benchmarks."""
import gzip

import numpy as np


def idx(path):
    """The array in a gzip IDX file of unsigned bytes: rows flattened for 2+ dimensions."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    values = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims)
    return values.reshape(shape[0], -1) if dims > 1 else values
