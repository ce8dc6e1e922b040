// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <limits>
#include <optional>

/// The per-feature drift tests, what their scores mean and which one a feature
/// gets by default.
namespace Tandem::Drift {

/// How a feature's values are compared. Numeric, integer and datetime columns are
/// numeric, unless they hold at most `DefaultTestRule::fewValues` distinct values
/// (then they are compared as categories, as Evidently does); categorical, boolean
/// and text columns are categorical.
enum class FeatureKind : quint8 { Numeric, Categorical };

/// "numeric" or "categorical".
QString featureKindName(FeatureKind kind);

/// A drift test. Each gives a score; a test whose score is a p-value flags drift
/// when the score is below its threshold, a distance when the score is at or
/// above it (Evidently's conventions).
enum class DriftTest : quint8 {
    /// Two-sample Kolmogorov–Smirnov (numeric): the p-value of scipy.stats.ks_2samp
    /// (method "auto": exact when both samples have at most 10,000 values, else the
    /// asymptotic distribution). Default threshold 0.05.
    KolmogorovSmirnov,
    /// Wasserstein-1 distance (numeric) divided by the reference's standard deviation
    /// (numpy.std, ddof 0, at least 0.001): Evidently's "wasserstein". Default threshold 0.1.
    Wasserstein,
    /// Population stability index Σ (c - r) ln(c / r) over bins (numeric: the
    /// reference's deciles, see QuantileBins.h) or categories, empty shares replaced
    /// by 1e-4. Default threshold 0.1.
    PopulationStability,
    /// Jensen–Shannon distance, base 2, in [0, 1] (scipy.spatial.distance.jensenshannon)
    /// between the shares of the same bins or categories as the PSI. Default threshold 0.1.
    JensenShannon,
    /// Pearson's chi-square test of homogeneity (categorical) on the 2 x k table of
    /// reference and current counts of the categories seen in either:
    /// scipy.stats.chi2_contingency(table, correction=False). Default threshold 0.05.
    ChiSquare,
    /// Anderson–Darling k-sample test (numeric), midrank form: the significance
    /// level of scipy.stats.anderson_ksamp([reference, current], midrank=True),
    /// interpolated and capped to [0.001, 0.25] as scipy does (AndersonDarling.h).
    /// Weighs the tails more than KS. Default threshold 0.05.
    AndersonDarling,
};

/// Every test, in the order above.
QList<DriftTest> allDriftTests();

/// "ks", "wasserstein", "psi", "jensenshannon", "chisquare" (Evidently's names), "anderson".
QString driftTestName(DriftTest test);
/// The test named `name` (case-insensitive; also "kolmogorov_smirnov",
/// "jensen_shannon", "chi2"), or nothing.
std::optional<DriftTest> driftTestFromName(const QString &name);
/// The names driftTestFromName() accepts first, for messages.
QStringList driftTestNames();

/// True for p-values (drift when below the threshold), false for distances.
bool isPValue(DriftTest test);
/// The threshold a test uses unless told otherwise (see DriftTest).
double defaultThreshold(DriftTest test);
/// Whether `test` can compare features of `kind` (KS, Wasserstein, Anderson–Darling: numeric only;
/// chi-square: categorical only; PSI and Jensen–Shannon: both).
bool appliesTo(DriftTest test, FeatureKind kind);
/// The verdict: score < threshold for p-values, score >= threshold for distances;
/// false for a NaN score (a test that could not run).
bool isDrifted(DriftTest test, double score, double threshold);

/// How the default test is chosen, after Evidently's data drift algorithm
/// (https://docs-old.evidentlyai.com/reference/data-drift-algorithm): with at most
/// `smallReference` reference values, Kolmogorov–Smirnov (numeric) or chi-square
/// (categorical); with more, normalised Wasserstein (numeric) or Jensen–Shannon
/// (categorical). Evidently's proportion z-test for binary categories is not
/// offered: chi-square covers it.
struct DefaultTestRule {
    qint64 smallReference = 1000;
    /// A numeric feature with at most this many distinct values (reference and
    /// current together) is compared as categories.
    qint64 fewValues = 5;

    DriftTest choose(FeatureKind kind, qint64 referenceValues) const;
};

/// One test's outcome on one feature.
struct TestOutcome {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    DriftTest test = DriftTest::KolmogorovSmirnov;
    /// The p-value or the distance; NaN when the test could not run (no values on a side).
    double score = nan;
    double threshold = nan;
    bool drifted = false;
    /// The test statistic behind a p-value (KS: D; chi-square: chi2; Anderson–Darling:
    /// the standardised statistic); NaN for distances.
    double statistic = nan;
};

} // namespace Tandem::Drift
