// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/FeatureDrift.h"

#include "core/drift/AndersonDarling.h"
#include "core/drift/CategoryCounts.h"
#include "core/drift/ChiSquareTest.h"
#include "core/drift/JensenShannon.h"
#include "core/drift/KolmogorovSmirnov.h"
#include "core/drift/PopulationStability.h"
#include "core/drift/QuantileBins.h"
#include "core/drift/SortedSample.h"
#include "core/drift/Wasserstein.h"

#include <cmath>

namespace Tandem::Drift {
namespace {

using Data::ColumnType;

/// The samples a feature's tests read: sorted values (numeric) and counts over
/// bins or categories (every test but KS and Wasserstein).
struct Prepared {
    SortedSample reference;
    SortedSample current;
    CategoryCounts categories; // categorical features
    std::vector<double> edges; // numeric features
    std::vector<qint64> referenceBins;
    std::vector<qint64> currentBins;
};

TestOutcome runTest(DriftTest test, double threshold, const Prepared &prepared, FeatureKind kind)
{
    TestOutcome outcome;
    outcome.test = test;
    outcome.threshold = std::isnan(threshold) ? defaultThreshold(test) : threshold;
    const bool numeric = kind == FeatureKind::Numeric;
    const std::vector<qint64> &reference = numeric ? prepared.referenceBins : prepared.categories.reference;
    const std::vector<qint64> &current = numeric ? prepared.currentBins : prepared.categories.current;
    switch (test) {
    case DriftTest::KolmogorovSmirnov: {
        const KsResult ks = ksTwoSample(prepared.reference.values, prepared.current.values);
        outcome.score = ks.pValue;
        outcome.statistic = ks.statistic;
        break;
    }
    case DriftTest::Wasserstein:
        outcome.score = normalizedWasserstein(prepared.reference.values, prepared.current.values);
        break;
    case DriftTest::PopulationStability: outcome.score = populationStabilityIndex(reference, current); break;
    case DriftTest::JensenShannon: outcome.score = jensenShannonDistance(reference, current); break;
    case DriftTest::ChiSquare: {
        const ChiSquareResult chi = chiSquareHomogeneity(reference, current);
        outcome.score = chi.pValue;
        outcome.statistic = chi.statistic;
        break;
    }
    case DriftTest::AndersonDarling: {
        const AndersonDarlingResult ad = andersonDarlingTwoSample(prepared.reference.values, prepared.current.values);
        outcome.score = ad.pValue;
        outcome.statistic = ad.statistic;
        break;
    }
    }
    outcome.drifted = isDrifted(test, outcome.score, outcome.threshold);
    return outcome;
}

double share(qint64 part, qint64 whole)
{
    return whole > 0 ? double(part) / double(whole) : 0.0;
}

} // namespace

bool comparableTypes(ColumnType reference, ColumnType current)
{
    if (reference == ColumnType::DateTime || current == ColumnType::DateTime)
        return reference == current;
    return roleOf(reference) == roleOf(current);
}

FeatureKind roleOf(ColumnType type)
{
    switch (type) {
    case ColumnType::Numeric:
    case ColumnType::Integer:
    case ColumnType::DateTime: return FeatureKind::Numeric;
    case ColumnType::Boolean:
    case ColumnType::Categorical:
    case ColumnType::Text: return FeatureKind::Categorical;
    }
    return FeatureKind::Categorical;
}

Base::Status checkChoice(const QString &name, ColumnType type, const TestChoice &choice)
{
    if (choice.test && roleOf(type) == FeatureKind::Categorical && !appliesTo(*choice.test, FeatureKind::Categorical)) {
        return Base::Error(QStringLiteral("The test '%1' compares numbers; column '%2' is %3")
                               .arg(driftTestName(*choice.test), name, Data::columnTypeName(type)));
    }
    if (!std::isnan(choice.threshold) && !(choice.threshold >= 0.0))
        return Base::Error(QStringLiteral("The drift threshold of column '%1' must be a number >= 0").arg(name));
    return {};
}

Base::Result<FeatureDrift> featureDrift(
    const Data::Column &reference, const Data::Column &current, const FeatureDriftOptions &options)
{
    FeatureDrift drift;
    drift.name = reference.name();
    drift.referenceType = reference.type();
    drift.currentType = current.type();
    if (!comparableTypes(reference.type(), current.type())) {
        return Base::Error(
            QStringLiteral("Column '%1' is %2 in the reference but %3 in the current data")
                .arg(reference.name(), Data::columnTypeName(reference.type()), Data::columnTypeName(current.type())));
    }

    if (const Base::Status fits = checkChoice(reference.name(), reference.type(), options.choice); !fits)
        return fits.error();

    Prepared prepared;
    drift.kind = roleOf(reference.type());
    const std::optional<DriftTest> chosen = options.choice.test;
    qint64 referenceMissing = 0;
    qint64 currentMissing = 0;
    if (drift.kind == FeatureKind::Numeric) {
        prepared.reference = sortedSample(reference);
        prepared.current = sortedSample(current);
        referenceMissing = prepared.reference.missing;
        currentMissing = prepared.current.missing;
        // A test chosen for one kind decides it (chi-square compares the values as
        // categories); otherwise few distinct values make the feature categorical
        // (Evidently's n_unique <= 5).
        const bool forcedNumeric = chosen && !appliesTo(*chosen, FeatureKind::Categorical);
        const bool forcedCategorical = chosen && !appliesTo(*chosen, FeatureKind::Numeric);
        if (forcedCategorical
            || (!forcedNumeric
                && distinctValuesUpTo(prepared.reference.values, prepared.current.values, options.rule.fewValues)
                    <= options.rule.fewValues)) {
            drift.kind = FeatureKind::Categorical;
            prepared.categories = countCategories(prepared.reference.values, prepared.current.values);
        }
        drift.referenceValues = qint64(prepared.reference.values.size());
        drift.currentValues = qint64(prepared.current.values.size());
    } else {
        prepared.categories = countCategories(reference, current);
        referenceMissing = reference.missingCount();
        currentMissing = current.missingCount();
        drift.referenceValues = reference.size() - referenceMissing;
        drift.currentValues = current.size() - currentMissing;
    }

    const DriftTest test = chosen ? *chosen : options.rule.choose(drift.kind, drift.referenceValues);

    if (drift.kind == FeatureKind::Numeric) {
        prepared.edges = quantileEdges(prepared.reference.values, options.bins);
        prepared.referenceBins = binCounts(prepared.reference.values, prepared.edges);
        prepared.currentBins = binCounts(prepared.current.values, prepared.edges);
        drift.distribution.edges = prepared.edges;
        drift.distribution.reference = prepared.referenceBins;
        drift.distribution.current = prepared.currentBins;
    } else {
        drift.distribution.labels = prepared.categories.labels;
        drift.distribution.reference = prepared.categories.reference;
        drift.distribution.current = prepared.categories.current;
        drift.newCategories.categories = prepared.categories.newLabels();
        drift.newCategories.currentCount = prepared.categories.currentInNewLabels();
        drift.newCategories.currentShare = share(drift.newCategories.currentCount, drift.currentValues);
        drift.newCategories.alert = !drift.newCategories.categories.isEmpty();
    }

    drift.outcome = runTest(test, options.choice.threshold, prepared, drift.kind);
    for (const DriftTest extra : options.additionalTests) {
        if (appliesTo(extra, drift.kind))
            drift.additional << runTest(extra, std::numeric_limits<double>::quiet_NaN(), prepared, drift.kind);
    }

    drift.missing.referenceShare = share(referenceMissing, reference.size());
    drift.missing.currentShare = share(currentMissing, current.size());
    drift.missing.threshold = options.missingShareThreshold;
    drift.missing.alert
        = std::abs(drift.missing.currentShare - drift.missing.referenceShare) >= options.missingShareThreshold;
    return drift;
}

} // namespace Tandem::Drift
