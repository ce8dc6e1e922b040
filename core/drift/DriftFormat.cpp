// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/DriftFormat.h"

#include "core/drift/FeatureDrift.h"

#include <QDateTime>
#include <QStringList>

#include <cmath>

namespace Tandem::Drift {

QString driftNumber(double value)
{
    return std::isnan(value) ? QStringLiteral("\u2013") : QString::number(value, 'g', 4);
}

QString percentText(double share)
{
    return std::isnan(share) ? QStringLiteral("\u2013") : QStringLiteral("%1%").arg(100.0 * share, 0, 'f', 1);
}

QString orderText(double value, bool isTime)
{
    if (isTime && std::isfinite(value))
        return QDateTime::fromMSecsSinceEpoch(std::llround(value), Qt::UTC).toString(Qt::ISODate);
    return QString::number(value, 'g', 12);
}

QString driftTestTitle(DriftTest test)
{
    switch (test) {
    case DriftTest::KolmogorovSmirnov: return QStringLiteral("Kolmogorov\u2013Smirnov");
    case DriftTest::Wasserstein: return QStringLiteral("Wasserstein (normed)");
    case DriftTest::PopulationStability: return QStringLiteral("PSI");
    case DriftTest::JensenShannon: return QStringLiteral("Jensen\u2013Shannon");
    case DriftTest::ChiSquare: return QStringLiteral("Chi-square");
    case DriftTest::AndersonDarling: return QStringLiteral("Anderson\u2013Darling");
    }
    return driftTestName(test);
}

QString findingsText(const FeatureDrift &feature)
{
    QStringList parts;
    if (feature.missing.alert) {
        parts << QStringLiteral("missing %1 \u2192 %2")
                     .arg(percentText(feature.missing.referenceShare), percentText(feature.missing.currentShare));
    }
    if (feature.newCategories.alert) {
        QStringList shown = feature.newCategories.categories.mid(0, 5);
        if (feature.newCategories.categories.size() > 5)
            shown << QStringLiteral("\u2026");
        parts << QStringLiteral("new categories %1 (%2 of current)")
                     .arg(shown.join(QStringLiteral(", ")), percentText(feature.newCategories.currentShare));
    }
    if (std::isnan(feature.outcome.score))
        parts << QStringLiteral("no values to compare");
    return parts.join(QStringLiteral("; "));
}

} // namespace Tandem::Drift
