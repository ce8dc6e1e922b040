// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/Random.h"

namespace Tandem::Eval {

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

} // namespace Tandem::Eval
