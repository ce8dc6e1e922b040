// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/drift/DriftAlerts.h"

#include <QListWidget>

namespace Tandem::Ui {

/// Every threshold a drift analysis crossed (Drift::driftAlerts), one row each:
/// its kind and the sentence with value and threshold, wrapped to the list's
/// width. Activating a row (double-click, Enter) names the feature or window it
/// concerns; the actions added to the list (Retrain…) are on its context menu.
class DriftAlertList : public QListWidget
{
    Q_OBJECT
public:
    explicit DriftAlertList(QWidget *parent = nullptr);

    void setAlerts(const QList<Drift::DriftAlert> &alerts);
    const QList<Drift::DriftAlert> &alerts() const { return m_alerts; }

Q_SIGNALS:
    /// A feature's alert was activated (its index in DriftReport::features()).
    void featureActivated(int feature);
    /// A window's alert was activated (drift or performance).
    void windowActivated(int window, bool performance);

private:
    QList<Drift::DriftAlert> m_alerts;
};

} // namespace Tandem::Ui
