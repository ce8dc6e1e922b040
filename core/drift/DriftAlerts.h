// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace Tandem::Drift {

struct DriftAnalysis;

/// One threshold crossed in a drift analysis.
struct DriftAlert {
    enum class Kind : quint8 {
        Dataset, ///< the share of drifted features reached the drift share
        Feature, ///< a feature's test flagged drift
        MissingRate, ///< a feature's share of missing values moved
        NewCategories, ///< a feature has categories the reference lacks
        Target, ///< the target's distribution drifted
        Prediction, ///< the predictions' distribution drifted
        Window, ///< a window of current rows drifted as a dataset
        Performance, ///< a window's metric crossed the alert level
    };
    Kind kind = Kind::Feature;
    /// What crossed it: a feature's name, a window ("window 3"), a metric.
    QString subject;
    /// The whole finding as a sentence, with the value and the threshold.
    QString message;
    /// The feature's index in DriftReport::features() (Feature, MissingRate,
    /// NewCategories), else -1.
    int feature = -1;
    /// The window's index (Window, Performance), else -1.
    int window = -1;
};

/// "Dataset drift", "Feature drift", "Missing values", "New categories", "Target
/// drift", "Prediction drift", "Window drift", "Performance".
QString driftAlertKindName(DriftAlert::Kind kind);

/// Every threshold the analysis crossed: the dataset verdict first, then the
/// features from the strongest drift down (each test, then its findings), the
/// target and the predictions, the windows, the performance windows.
QList<DriftAlert> driftAlerts(const DriftAnalysis &analysis);

} // namespace Tandem::Drift
