// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <limits>

namespace Tandem::Eval {

/// How McNemarResult::pValue was computed.
enum class McNemarMethod : quint8 {
    /// Two-sided exact binomial test of min(b, c) among b + c draws with p = 1/2:
    /// min(1, 2 · P(X <= min(b, c))) (scipy.stats.binomtest(b, b + c).pvalue;
    /// statsmodels' mcnemar(exact=True)).
    ExactBinomial,
    /// Chi-square with one degree of freedom and Edwards' continuity correction:
    /// (|b - c| - 1)² / (b + c) (statsmodels' mcnemar(exact=False, correction=True);
    /// scipy.stats.chi2.sf(statistic, 1)).
    ChiSquareCorrected,
};

/// Below this many discordant rows (b + c) mcnemarTest uses the exact binomial test,
/// from there on the chi-square approximation, which is then close to it (the usual
/// rule, e.g. Rosner's "Fundamentals of Biostatistics").
constexpr qint64 mcnemarExactBelow = 25;

/// McNemar's test of two classifiers on the same rows (Dietterich 1998 recommends it
/// for one holdout set): only the rows where exactly one of them is right count.
struct McNemarResult {
    /// b: rows the first classifier got right and the second wrong.
    qint64 onlyFirstCorrect = 0;
    /// c: rows the second got right and the first wrong.
    qint64 onlySecondCorrect = 0;
    McNemarMethod method = McNemarMethod::ExactBinomial;
    /// ExactBinomial: min(b, c); ChiSquareCorrected: (|b - c| - 1)² / (b + c).
    double statistic = std::numeric_limits<double>::quiet_NaN();
    /// Two-sided; 1 when b + c = 0 (the classifiers never disagree on correctness).
    double pValue = std::numeric_limits<double>::quiet_NaN();
};

/// The exact test when b + c < mcnemarExactBelow, else the corrected chi-square.
/// Negative counts give a NaN p-value.
McNemarResult mcnemarTest(qint64 onlyFirstCorrect, qint64 onlySecondCorrect);
McNemarResult mcnemarExactTest(qint64 onlyFirstCorrect, qint64 onlySecondCorrect);
McNemarResult mcnemarChiSquareTest(qint64 onlyFirstCorrect, qint64 onlySecondCorrect);

/// "exact binomial", "chi-square (continuity corrected)": for reports.
QString mcnemarMethodName(McNemarMethod method);

} // namespace Tandem::Eval
