// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/CorrectedTTest.h"

#include "core/eval/Statistics.h"

#include <cmath>

namespace Tandem::Eval {

Base::Result<CorrectedTTestResult> correctedResampledTTest(
    const QList<double> &first, const QList<double> &second, double testTrainRatio)
{
    if (first.size() != second.size())
        return Base::Error(QStringLiteral("a paired test needs scores on the same splits, got %1 and %2 scores")
                               .arg(first.size())
                               .arg(second.size()));
    if (!(testTrainRatio >= 0.0 && std::isfinite(testTrainRatio)))
        return Base::Error(
            QStringLiteral("the test/train size ratio must be a number >= 0, got %1").arg(testTrainRatio));
    QList<double> differences;
    for (qsizetype j = 0; j < first.size(); ++j) {
        if (std::isfinite(first[j]) && std::isfinite(second[j]))
            differences.append(first[j] - second[j]);
    }
    if (differences.size() < 2)
        return Base::Error(QStringLiteral("a paired t-test needs at least two splits scored in both runs, got %1")
                               .arg(differences.size()));

    CorrectedTTestResult result;
    result.pairs = differences.size();
    const auto n = double(differences.size());
    double sum = 0.0;
    for (double d : differences)
        sum += d;
    result.meanDifference = sum / n;
    double squares = 0.0;
    for (double d : differences)
        squares += (d - result.meanDifference) * (d - result.meanDifference);
    const double variance = squares / (n - 1.0);
    result.stdDifference = std::sqrt(variance);
    result.degreesOfFreedom = n - 1.0;
    if (variance == 0.0) {
        const bool same = result.meanDifference == 0.0;
        result.statistic = same ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), result.meanDifference);
        result.pValue = same ? 1.0 : 0.0;
        return result;
    }
    result.statistic = result.meanDifference / std::sqrt((1.0 / n + testTrainRatio) * variance);
    result.pValue = std::min(1.0, 2.0 * studentTSf(std::abs(result.statistic), result.degreesOfFreedom));
    return result;
}

double kFoldTestTrainRatio(int folds)
{
    return folds >= 2 ? 1.0 / double(folds - 1) : std::numeric_limits<double>::quiet_NaN();
}

} // namespace Tandem::Eval
