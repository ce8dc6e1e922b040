// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Tandem::Learn {

/// The random stream of the tree families: SplitMix64, tiny and fast, with its
/// own bounded and uniform draws so that a seed gives the same trees on every
/// platform and standard library (std distributions are implementation-defined).
class TreeRandom
{
public:
    explicit TreeRandom(quint64 seed) : m_state(seed) { }

    /// An independent stream for item `index` (a tree, a feature) of a fit seeded
    /// with `seed`: trees then do not depend on which thread builds them.
    static TreeRandom derived(quint64 seed, quint64 index)
    {
        TreeRandom mixer(seed ^ (index * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL));
        return TreeRandom(mixer.next());
    }

    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    /// Uniform in [0, bound), bound >= 1, without modulo bias: raw values below
    /// 2^64 mod bound are drawn again, so the accepted range is a whole multiple of bound.
    quint64 bounded(quint64 bound)
    {
        const quint64 rejectBelow = (0 - bound) % bound;
        quint64 x = next();
        while (x < rejectBelow)
            x = next();
        return x % bound;
    }

    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }

private:
    quint64 m_state;
};

} // namespace Tandem::Learn
