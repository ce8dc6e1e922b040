// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/DriftAlertList.h"

#include "ui/drift/VerdictIcon.h"

namespace Tandem::Ui {

DriftAlertList::DriftAlertList(QWidget *parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("driftAlerts"));
    // Each alert is a sentence: wrapped whole, and again when the pane is resized.
    setWordWrap(true);
    setUniformItemSizes(false);
    setResizeMode(QListView::Adjust);
    setSpacing(2);
    setTextElideMode(Qt::ElideNone);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    setToolTip(tr("Every threshold crossed. Double-click an alert to see its feature or window."));
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int index = row(item);
        if (index < 0 || index >= m_alerts.size())
            return;
        const Drift::DriftAlert &alert = m_alerts[index];
        if (alert.feature >= 0)
            Q_EMIT featureActivated(alert.feature);
        else if (alert.window >= 0)
            Q_EMIT windowActivated(alert.window, alert.kind == Drift::DriftAlert::Kind::Performance);
    });
}

void DriftAlertList::setAlerts(const QList<Drift::DriftAlert> &alerts)
{
    m_alerts = alerts;
    clear();
    const QIcon icon = verdictIcon(VerdictKind::Drifted);
    for (const Drift::DriftAlert &alert : alerts) {
        auto *item = new QListWidgetItem(
            icon, QStringLiteral("%1 · %2").arg(Drift::driftAlertKindName(alert.kind), alert.message), this);
        item->setToolTip(alert.message);
    }
}

} // namespace Tandem::Ui
