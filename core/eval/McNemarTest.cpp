// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/McNemarTest.h"

#include "core/eval/Statistics.h"

#include <QString>

#include <algorithm>
#include <cmath>

namespace Tandem::Eval {

McNemarResult mcnemarTest(qint64 onlyFirstCorrect, qint64 onlySecondCorrect)
{
    return onlyFirstCorrect + onlySecondCorrect < mcnemarExactBelow
        ? mcnemarExactTest(onlyFirstCorrect, onlySecondCorrect)
        : mcnemarChiSquareTest(onlyFirstCorrect, onlySecondCorrect);
}

McNemarResult mcnemarExactTest(qint64 onlyFirstCorrect, qint64 onlySecondCorrect)
{
    McNemarResult result {onlyFirstCorrect, onlySecondCorrect, McNemarMethod::ExactBinomial};
    if (onlyFirstCorrect < 0 || onlySecondCorrect < 0)
        return result;
    const qint64 n = onlyFirstCorrect + onlySecondCorrect;
    const qint64 smaller = std::min(onlyFirstCorrect, onlySecondCorrect);
    result.statistic = double(smaller);
    if (2 * smaller == n) { // b = c (also b + c = 0): the observed split is the likeliest one
        result.pValue = 1.0;
        return result;
    }
    // P(X <= m) for X ~ Binomial(n, 1/2) is I_{1/2}(n - m, m + 1).
    const double lowerTail = regularizedIncompleteBeta(double(n - smaller), double(smaller + 1), 0.5);
    result.pValue = std::min(1.0, 2.0 * lowerTail);
    return result;
}

McNemarResult mcnemarChiSquareTest(qint64 onlyFirstCorrect, qint64 onlySecondCorrect)
{
    McNemarResult result {onlyFirstCorrect, onlySecondCorrect, McNemarMethod::ChiSquareCorrected};
    if (onlyFirstCorrect < 0 || onlySecondCorrect < 0)
        return result;
    const qint64 n = onlyFirstCorrect + onlySecondCorrect;
    if (n == 0) {
        result.statistic = 0.0;
        result.pValue = 1.0;
        return result;
    }
    const double excess = double(std::abs(onlyFirstCorrect - onlySecondCorrect)) - 1.0;
    result.statistic = excess * excess / double(n);
    result.pValue = chiSquareSf(result.statistic, 1.0);
    return result;
}

QString mcnemarMethodName(McNemarMethod method)
{
    return method == McNemarMethod::ExactBinomial ? QStringLiteral("exact binomial")
                                                  : QStringLiteral("chi-square (continuity corrected)");
}

} // namespace Tandem::Eval
