// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/SeededRandom.h"

namespace Tandem::Base {

SeededRandom SeededRandom::derived(quint64 seed, quint64 index)
{
    quint64 z = seed + (index + 1) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return SeededRandom(z ^ (z >> 31));
}

quint64 SeededRandom::bounded(quint64 bound)
{
    Q_ASSERT(bound >= 1);
    // 2^64 mod bound, computed in 64-bit unsigned arithmetic as (2^64 - bound) mod bound.
    const quint64 threshold = (quint64(0) - bound) % bound;
    for (;;) {
        const quint64 x = m_engine();
        if (x >= threshold)
            return x % bound;
    }
}

} // namespace Tandem::Base
