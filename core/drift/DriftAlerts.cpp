// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/DriftAlerts.h"

#include "core/drift/DriftAnalysis.h"
#include "core/drift/DriftFormat.h"
#include "core/drift/DriftStrength.h"

namespace Tandem::Drift {
namespace {

QString comparison(const TestOutcome &outcome)
{
    // p-values flag drift below the threshold, distances at or above it.
    return QStringLiteral("%1 %2 %3 %4")
        .arg(isPValue(outcome.test) ? QStringLiteral("p-value") : QStringLiteral("score"), driftNumber(outcome.score),
            isPValue(outcome.test) ? QStringLiteral("<") : QStringLiteral("\u2265"), driftNumber(outcome.threshold));
}

void addSideAlert(QList<DriftAlert> &alerts, const FeatureDrift &drift, DriftAlert::Kind kind, const QString &what)
{
    if (!drift.outcome.drifted)
        return;
    alerts.append({kind, drift.name,
        QStringLiteral("%1 '%2' drifted: %3 %4")
            .arg(what, drift.name, driftTestTitle(drift.outcome.test), comparison(drift.outcome)),
        -1, -1});
}

QString windowName(const DriftAnalysis &analysis, double start, double end)
{
    return QStringLiteral("%1 to %2").arg(orderText(start, analysis.orderIsTime), orderText(end, analysis.orderIsTime));
}

} // namespace

QString driftAlertKindName(DriftAlert::Kind kind)
{
    switch (kind) {
    case DriftAlert::Kind::Dataset: return QStringLiteral("Dataset drift");
    case DriftAlert::Kind::Feature: return QStringLiteral("Feature drift");
    case DriftAlert::Kind::MissingRate: return QStringLiteral("Missing values");
    case DriftAlert::Kind::NewCategories: return QStringLiteral("New categories");
    case DriftAlert::Kind::Target: return QStringLiteral("Target drift");
    case DriftAlert::Kind::Prediction: return QStringLiteral("Prediction drift");
    case DriftAlert::Kind::Window: return QStringLiteral("Window drift");
    case DriftAlert::Kind::Performance: return QStringLiteral("Performance");
    }
    return {};
}

QList<DriftAlert> driftAlerts(const DriftAnalysis &analysis)
{
    QList<DriftAlert> alerts;
    const DriftReport &report = analysis.report;
    if (report.drifted()) {
        alerts.append({DriftAlert::Kind::Dataset, QStringLiteral("dataset"),
            QStringLiteral("Dataset drift: %1 of %2 features drifted (%3), at or above the drift share %4")
                .arg(report.driftedCount())
                .arg(report.features().size())
                .arg(percentText(report.shareDrifted()), percentText(report.driftShare())),
            -1, -1});
    }
    for (const std::size_t index : orderByDrift(report.features())) {
        const FeatureDrift &f = report.features()[index];
        const int feature = int(index);
        if (f.outcome.drifted) {
            alerts.append({DriftAlert::Kind::Feature, f.name,
                QStringLiteral("'%1' drifted: %2 %3")
                    .arg(f.name, driftTestTitle(f.outcome.test), comparison(f.outcome)),
                feature, -1});
        }
        if (f.missing.alert) {
            alerts.append({DriftAlert::Kind::MissingRate, f.name,
                QStringLiteral("'%1' has %2 missing values instead of %3 (a change of %4 or more alerts)")
                    .arg(f.name, percentText(f.missing.currentShare), percentText(f.missing.referenceShare),
                        percentText(f.missing.threshold)),
                feature, -1});
        }
        if (f.newCategories.alert) {
            QStringList shown = f.newCategories.categories.mid(0, 5);
            if (f.newCategories.categories.size() > 5)
                shown << QStringLiteral("\u2026");
            alerts.append({DriftAlert::Kind::NewCategories, f.name,
                QStringLiteral("'%1' has %2 categories the reference lacks (%3 of current values): %4")
                    .arg(f.name, QString::number(f.newCategories.categories.size()),
                        percentText(f.newCategories.currentShare), shown.join(QStringLiteral(", "))),
                feature, -1});
        }
    }
    if (analysis.target)
        addSideAlert(alerts, *analysis.target, DriftAlert::Kind::Target, QStringLiteral("The target"));
    if (analysis.prediction)
        addSideAlert(alerts, *analysis.prediction, DriftAlert::Kind::Prediction, QStringLiteral("The prediction"));
    if (analysis.probability)
        addSideAlert(alerts, *analysis.probability, DriftAlert::Kind::Prediction, QStringLiteral("The probability"));
    if (analysis.windows) {
        const WindowedDrift &windows = *analysis.windows;
        for (std::size_t w = 0; w < windows.windows.size(); ++w) {
            const DriftWindow &window = windows.windows[w];
            if (!window.datasetDrifted)
                continue;
            alerts.append({DriftAlert::Kind::Window, QStringLiteral("window %1").arg(w + 1),
                QStringLiteral("Window %1 (%2, %3 rows): %4 of the features drifted, at or above %5")
                    .arg(w + 1)
                    .arg(windowName(analysis, window.start, window.end))
                    .arg(window.rows)
                    .arg(percentText(window.shareDrifted), percentText(windows.driftShare)),
                -1, int(w)});
        }
    }
    if (analysis.performance) {
        const PerformanceDrift &p = *analysis.performance;
        for (std::size_t w = 0; w < p.windows.size(); ++w) {
            const PerformanceWindow &window = p.windows[w];
            if (!window.alert)
                continue;
            alerts.append({DriftAlert::Kind::Performance, p.metric,
                QStringLiteral("Window %1 (%2, %3 rows): %4 %5 is %6 the alert level %7 (reference %8)")
                    .arg(QString::number(w + 1), windowName(analysis, window.start, window.end),
                        QString::number(window.rows), p.metric, driftNumber(window.value),
                        p.greaterIsBetter ? QStringLiteral("below") : QStringLiteral("above"),
                        driftNumber(p.alertLevel), driftNumber(p.reference)),
                -1, int(w)});
        }
    }
    return alerts;
}

} // namespace Tandem::Drift
