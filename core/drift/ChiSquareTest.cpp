// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/ChiSquareTest.h"

#include "core/eval/Statistics.h"

#include <numeric>

namespace Tandem::Drift {

ChiSquareResult chiSquareHomogeneity(std::span<const qint64> reference, std::span<const qint64> current)
{
    ChiSquareResult result;
    const qint64 referenceTotal = std::accumulate(reference.begin(), reference.end(), qint64(0));
    const qint64 currentTotal = std::accumulate(current.begin(), current.end(), qint64(0));
    if (reference.size() != current.size() || referenceTotal == 0 || currentTotal == 0)
        return result;
    const double total = double(referenceTotal + currentTotal);
    double statistic = 0.0;
    qint64 categories = 0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const qint64 column = reference[i] + current[i];
        if (column == 0)
            continue;
        ++categories;
        const double expectedReference = double(referenceTotal) * double(column) / total;
        const double expectedCurrent = double(currentTotal) * double(column) / total;
        const double dr = double(reference[i]) - expectedReference;
        const double dc = double(current[i]) - expectedCurrent;
        statistic += dr * dr / expectedReference + dc * dc / expectedCurrent;
    }
    result.degreesOfFreedom = categories - 1;
    if (result.degreesOfFreedom == 0) {
        result.statistic = 0.0;
        result.pValue = 1.0;
        return result;
    }
    result.statistic = statistic;
    result.pValue = Eval::chiSquareSf(statistic, double(result.degreesOfFreedom));
    return result;
}

} // namespace Tandem::Drift
