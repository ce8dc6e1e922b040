// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/DriftStrength.h"

#include "core/drift/FeatureDrift.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace Tandem::Drift {

double driftStrength(const TestOutcome &outcome)
{
    const double score = outcome.score, threshold = outcome.threshold;
    if (std::isnan(score) || std::isnan(threshold))
        return std::numeric_limits<double>::quiet_NaN();
    if (isPValue(outcome.test)) {
        if (!(threshold > 0.0 && threshold < 1.0))
            return 1.0 - score;
        if (score <= 0.0)
            return std::numeric_limits<double>::infinity();
        return std::log(std::min(score, 1.0)) / std::log(threshold);
    }
    if (threshold > 0.0)
        return score / threshold;
    return score > 0.0 ? std::numeric_limits<double>::infinity() : 0.0;
}

std::vector<std::size_t> orderByDrift(const std::vector<FeatureDrift> &features)
{
    std::vector<double> strength(features.size());
    for (std::size_t i = 0; i < features.size(); ++i)
        strength[i] = driftStrength(features[i].outcome);
    std::vector<std::size_t> order(features.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (features[a].drifted() != features[b].drifted())
            return features[a].drifted();
        if (std::isnan(strength[b]))
            return !std::isnan(strength[a]);
        return strength[a] > strength[b];
    });
    return order;
}

} // namespace Tandem::Drift
