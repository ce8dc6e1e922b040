// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/PopulationStability.h"

#include <cmath>
#include <limits>
#include <numeric>

namespace Tandem::Drift {

double populationStabilityIndex(std::span<const qint64> reference, std::span<const qint64> current, double emptyShare)
{
    const qint64 referenceTotal = std::accumulate(reference.begin(), reference.end(), qint64(0));
    const qint64 currentTotal = std::accumulate(current.begin(), current.end(), qint64(0));
    if (reference.size() != current.size() || referenceTotal == 0 || currentTotal == 0)
        return std::numeric_limits<double>::quiet_NaN();
    double psi = 0.0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        if (reference[i] == 0 && current[i] == 0)
            continue;
        const double r = reference[i] == 0 ? emptyShare : double(reference[i]) / double(referenceTotal);
        const double c = current[i] == 0 ? emptyShare : double(current[i]) / double(currentTotal);
        psi += (c - r) * std::log(c / r);
    }
    return psi;
}

} // namespace Tandem::Drift
