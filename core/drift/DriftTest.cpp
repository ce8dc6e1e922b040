// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/DriftTest.h"

#include <cmath>

namespace Tandem::Drift {

QString featureKindName(FeatureKind kind)
{
    return kind == FeatureKind::Numeric ? QStringLiteral("numeric") : QStringLiteral("categorical");
}

QList<DriftTest> allDriftTests()
{
    return {DriftTest::KolmogorovSmirnov, DriftTest::Wasserstein, DriftTest::PopulationStability,
        DriftTest::JensenShannon, DriftTest::ChiSquare, DriftTest::AndersonDarling};
}

QString driftTestName(DriftTest test)
{
    switch (test) {
    case DriftTest::KolmogorovSmirnov: return QStringLiteral("ks");
    case DriftTest::Wasserstein: return QStringLiteral("wasserstein");
    case DriftTest::PopulationStability: return QStringLiteral("psi");
    case DriftTest::JensenShannon: return QStringLiteral("jensenshannon");
    case DriftTest::ChiSquare: return QStringLiteral("chisquare");
    case DriftTest::AndersonDarling: return QStringLiteral("anderson");
    }
    return {};
}

std::optional<DriftTest> driftTestFromName(const QString &name)
{
    const QString key = name.trimmed().toLower();
    for (const DriftTest test : allDriftTests()) {
        if (key == driftTestName(test))
            return test;
    }
    if (key == QLatin1String("kolmogorov_smirnov"))
        return DriftTest::KolmogorovSmirnov;
    if (key == QLatin1String("jensen_shannon"))
        return DriftTest::JensenShannon;
    if (key == QLatin1String("chi2"))
        return DriftTest::ChiSquare;
    if (key == QLatin1String("anderson_darling") || key == QLatin1String("anderson_ksamp"))
        return DriftTest::AndersonDarling;
    return std::nullopt;
}

QStringList driftTestNames()
{
    QStringList names;
    for (const DriftTest test : allDriftTests())
        names << driftTestName(test);
    return names;
}

bool isPValue(DriftTest test)
{
    return test == DriftTest::KolmogorovSmirnov || test == DriftTest::ChiSquare || test == DriftTest::AndersonDarling;
}

double defaultThreshold(DriftTest test)
{
    return isPValue(test) ? 0.05 : 0.1;
}

bool appliesTo(DriftTest test, FeatureKind kind)
{
    switch (test) {
    case DriftTest::KolmogorovSmirnov:
    case DriftTest::Wasserstein:
    case DriftTest::AndersonDarling: return kind == FeatureKind::Numeric;
    case DriftTest::ChiSquare: return kind == FeatureKind::Categorical;
    case DriftTest::PopulationStability:
    case DriftTest::JensenShannon: return true;
    }
    return false;
}

bool isDrifted(DriftTest test, double score, double threshold)
{
    if (std::isnan(score))
        return false;
    return isPValue(test) ? score < threshold : score >= threshold;
}

DriftTest DefaultTestRule::choose(FeatureKind kind, qint64 referenceValues) const
{
    const bool small = referenceValues <= smallReference;
    if (kind == FeatureKind::Numeric)
        return small ? DriftTest::KolmogorovSmirnov : DriftTest::Wasserstein;
    return small ? DriftTest::ChiSquare : DriftTest::JensenShannon;
}

} // namespace Tandem::Drift
