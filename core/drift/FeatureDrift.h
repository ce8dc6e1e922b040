// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/data/Column.h"
#include "core/drift/DriftTest.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <optional>
#include <vector>

namespace Tandem::Drift {

/// The test (and threshold) asked for one feature; unset parts take the defaults.
struct TestChoice {
    std::optional<DriftTest> test;
    /// NaN: defaultThreshold(test).
    double threshold = std::numeric_limits<double>::quiet_NaN();
};

/// How one feature is compared.
struct FeatureDriftOptions {
    DefaultTestRule rule;
    TestChoice choice;
    /// Tests computed besides the verdict's, for display (a UI showing KS and PSI
    /// side by side); those that do not apply to the feature are skipped.
    QList<DriftTest> additionalTests;
    /// Bins of the PSI and Jensen–Shannon distance on numeric features (QuantileBins.h).
    int bins = 10;
    /// A change of the missing share by at least this much (absolute) is an alert.
    double missingShareThreshold = 0.05;
};

/// The missing values of a feature on both sides: their own finding, whatever the test says.
struct MissingFinding {
    double referenceShare = 0.0;
    double currentShare = 0.0;
    double threshold = 0.05;
    /// |currentShare - referenceShare| >= threshold.
    bool alert = false;
};

/// Categories met in the current data and never in the reference (categorical
/// features only): a model never saw them. Any new category is an alert.
struct NewCategoriesFinding {
    QStringList categories;
    /// Current values in those categories, and their share of the current values.
    qint64 currentCount = 0;
    double currentShare = 0.0;
    bool alert = false;
};

/// The two distributions a feature's tests compared, for charts: for numeric
/// features the bins of QuantileBins.h (`edges`, bins.size() = edges.size() + 1),
/// for categorical ones the categories (`labels`).
struct FeatureDistribution {
    std::vector<double> edges;
    QStringList labels;
    std::vector<qint64> reference;
    std::vector<qint64> current;
};

/// The drift of one feature between a reference and a current column.
struct FeatureDrift {
    QString name;
    Data::ColumnType referenceType = Data::ColumnType::Numeric;
    Data::ColumnType currentType = Data::ColumnType::Numeric;
    FeatureKind kind = FeatureKind::Numeric;
    /// Values compared on each side (non-missing, finite).
    qint64 referenceValues = 0;
    qint64 currentValues = 0;
    /// The test that gives the verdict.
    TestOutcome outcome;
    /// FeatureDriftOptions::additionalTests that apply, in that order.
    QList<TestOutcome> additional;
    MissingFinding missing;
    NewCategoriesFinding newCategories;
    FeatureDistribution distribution;

    /// The feature counts as drifted: its test says so, or a finding is an alert.
    bool drifted() const { return outcome.drifted || missing.alert || newCategories.alert; }
};

/// Whether two column types can be compared: both numeric or integer, both
/// datetime, or both categorical, boolean or text.
bool comparableTypes(Data::ColumnType reference, Data::ColumnType current);

/// The kind a feature of these column types is compared as, before the few-values
/// rule: numeric for numeric, integer and datetime columns, categorical otherwise.
FeatureKind roleOf(Data::ColumnType type);

/// Compares `current` with `reference` (two columns of the same name). A chosen
/// test decides the kind where it fits one only (KS, Wasserstein: numeric;
/// chi-square: categorical, numbers then count as categories). Errors, naming the
/// column: types that cannot be compared, a numeric test on a categorical, boolean
/// or text column (see checkChoice()). A side without values gives a NaN score, no
/// verdict from the test, and the missing finding.
/// The error featureDrift() gives for `choice` on a column of `type` named `name`,
/// known before reading any value; ok when the choice fits.
Base::Status checkChoice(const QString &name, Data::ColumnType type, const TestChoice &choice);

Base::Result<FeatureDrift> featureDrift(
    const Data::Column &reference, const Data::Column &current, const FeatureDriftOptions &options = {});

} // namespace Tandem::Drift
