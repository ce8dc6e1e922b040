// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <random>
#include <utility>
#include <vector>

namespace Tandem::Base {

/// A random stream that gives the same numbers for a seed on every platform and
/// standard library, for splits and fits that reproduce anywhere. The one random
/// source of the core: splits, shuffles, bootstraps, feature draws, initial weights.
///
/// The engine is std::mt19937_64, whose output sequence the C++ standard fixes
/// (its 10000th value from the default seed is 9981545732273789042). The bounded
/// draw and the shuffle are our own, because std::uniform_int_distribution and
/// std::shuffle are implementation-defined and differ between libstdc++, libc++
/// and MSVC.
class SeededRandom
{
public:
    explicit SeededRandom(quint64 seed) : m_engine(seed) { }

    /// An independent stream for item `index` (a tree, a feature, a fold) of work
    /// seeded with `seed`, so that the item's draws do not depend on which thread
    /// runs it or in which order. The pair is mixed by SplitMix64's finaliser.
    static SeededRandom derived(quint64 seed, quint64 index);

    /// The next raw 64-bit output of the engine.
    quint64 next() { return m_engine(); }
    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(m_engine() >> 11) * 0x1.0p-53; }

    /// A uniform draw from [0, bound), bound >= 1, without modulo bias: a raw
    /// value x is rejected while x < 2^64 mod bound, so that the accepted range
    /// [2^64 mod bound, 2^64) holds a whole multiple of `bound` values, and x % bound
    /// is returned. At most half the draws are rejected (on average far fewer).
    quint64 bounded(quint64 bound);

    /// Fisher–Yates: for i = n-1 down to 1, swap element i with element bounded(i + 1).
    template<typename T> void shuffle(std::vector<T> &values)
    {
        for (size_t i = values.size(); i > 1; --i) {
            const auto j = static_cast<size_t>(bounded(i));
            std::swap(values[i - 1], values[j]);
        }
    }

private:
    std::mt19937_64 m_engine;
};

} // namespace Tandem::Base
