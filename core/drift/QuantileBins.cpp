// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/QuantileBins.h"

#include "core/data/Quantiles.h"

#include <algorithm>

namespace Tandem::Drift {

std::vector<double> quantileEdges(std::span<const double> sortedReference, int bins)
{
    if (sortedReference.empty() || bins < 2)
        return {};
    std::vector<double> probabilities;
    for (int i = 1; i < bins; ++i)
        probabilities.push_back(double(i) / double(bins));
    // linearQuantiles reorders its input: it gets a copy. On sorted data its
    // selection steps are linear and short.
    std::vector<double> values(sortedReference.begin(), sortedReference.end());
    std::vector<double> edges = Data::linearQuantiles(values, probabilities);
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    return edges;
}

std::vector<qint64> binCounts(std::span<const double> sortedValues, std::span<const double> edges)
{
    std::vector<qint64> counts(edges.size() + 1, 0);
    std::size_t previous = 0;
    for (std::size_t k = 0; k < edges.size(); ++k) {
        // Values below edge k: bins 0 .. k.
        const auto below = std::size_t(
            std::lower_bound(sortedValues.begin() + std::ptrdiff_t(previous), sortedValues.end(), edges[k])
            - sortedValues.begin());
        counts[k] = qint64(below - previous);
        previous = below;
    }
    counts[edges.size()] = qint64(sortedValues.size() - previous);
    return counts;
}

} // namespace Tandem::Drift
