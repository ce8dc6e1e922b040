// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/compare/ComparePage.h"

namespace Tandem::Ui {

/// The Compare view's Metrics tab.
class MetricsPage : public ComparePage
{
    Q_OBJECT
public:
    explicit MetricsPage(QWidget *parent = nullptr);
    ~MetricsPage() override;

    void setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
        std::shared_ptr<const Compare::Comparison> comparison) override;
    QString title() const override;

private:
    std::shared_ptr<const Compare::Comparison> m_comparison;
};

} // namespace Tandem::Ui
