// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/MetricsPage.h"

#include "core/compare/Comparison.h"

namespace Tandem::Ui {

MetricsPage::MetricsPage(QWidget *parent) : ComparePage(parent) { }

MetricsPage::~MetricsPage() = default;

void MetricsPage::setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
    std::shared_ptr<const Compare::Comparison> comparison)
{
    Q_UNUSED(workspace)
    Q_UNUSED(runIds)
    m_comparison = std::move(comparison);
}

QString MetricsPage::title() const
{
    return tr("Metrics");
}

} // namespace Tandem::Ui
