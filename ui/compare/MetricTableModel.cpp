// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/MetricTableModel.h"

#include "core/compare/Comparison.h"
#include "core/eval/MetricSet.h"
#include "ui/compare/CompareFormat.h"
#include "ui/compare/RunChip.h"

#include <QFont>

#include <cmath>

namespace Tandem::Ui {

MetricTableModel::MetricTableModel(QObject *parent) : QAbstractTableModel(parent) { }

void MetricTableModel::setComparison(std::shared_ptr<const Compare::Comparison> comparison)
{
    beginResetModel();
    m_comparison = std::move(comparison);
    m_metrics = m_comparison ? m_comparison->metricNames() : QStringList();
    m_best.clear();
    for (const QString &metric : std::as_const(m_metrics))
        m_best << m_comparison->best(metric);
    endResetModel();
}

void MetricTableModel::setDarkBackground(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, RunColumn), index(rowCount() - 1, RunColumn), {Qt::DecorationRole});
}

int MetricTableModel::columnOf(const QString &metric) const
{
    const qsizetype i = m_metrics.indexOf(metric);
    return i < 0 ? -1 : FixedColumnCount + int(i);
}

int MetricTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_comparison ? 0 : int(m_comparison->runs().size());
}

int MetricTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FixedColumnCount + int(m_metrics.size());
}

QVariant MetricTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_comparison)
        return {};
    const int row = index.row();
    const Compare::ComparedRun &run = m_comparison->runs().at(row);
    if (role == RunIdRole)
        return run.id();
    if (index.column() >= FixedColumnCount)
        return metricData(row, m_metrics.at(index.column() - FixedColumnCount), role);
    if (role == MetricRole)
        return QString();
    switch (index.column()) {
    case RunColumn:
        switch (role) {
        case Qt::DisplayRole: return runLabel(run);
        case SortRole: return run.id();
        case Qt::DecorationRole: return runChipIcon(run.id(), m_dark);
        case Qt::ToolTipRole: return runToolTip(run);
        default: return {};
        }
    case ModelColumn: return role == Qt::DisplayRole || role == SortRole ? QVariant(run.model()) : QVariant();
    case FoldsColumn:
        if (role == Qt::DisplayRole)
            return run.splitFolds > 0 ? QVariant(run.splitFolds) : QVariant(QStringLiteral("–"));
        if (role == SortRole)
            return run.splitFolds;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant MetricTableModel::metricData(int row, const QString &metric, int role) const
{
    const Eval::MetricSummary s = m_comparison->summary(row, metric);
    const bool best = m_best.at(m_metrics.indexOf(metric)).contains(row);
    switch (role) {
    case Qt::DisplayRole: {
        if (!std::isfinite(s.mean))
            return QStringLiteral("–");
        QString text = compareMetricText(s.mean);
        if (std::isfinite(s.std))
            text += QStringLiteral(" ± ") + compareMetricText(s.std);
        if (best)
            text += QStringLiteral(" ★");
        if (std::isfinite(s.ciLow))
            text += QStringLiteral("\n[%1, %2]").arg(compareMetricText(s.ciLow), compareMetricText(s.ciHigh));
        return text;
    }
    case SortRole:
    case MeanRole: return s.mean;
    case BestRole: return best;
    case MetricRole: return metric;
    case Qt::FontRole: {
        if (!best)
            return {};
        QFont font;
        font.setBold(true);
        return font;
    }
    case Qt::TextAlignmentRole: return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        if (!std::isfinite(s.mean))
            return tr("%1 has no %2").arg(runLabel(m_comparison->runs().at(row)), metric);
        QStringList lines {QStringLiteral("<b>%1</b>: %2").arg(metric.toHtmlEscaped(), compareMetricText(s.mean))};
        if (s.count > 0)
            lines << tr("mean over %n fold(s)", nullptr, int(s.count));
        else
            lines << tr("one value over all folds");
        if (std::isfinite(s.std))
            lines << tr("standard deviation %1").arg(compareMetricText(s.std));
        if (std::isfinite(s.ciLow))
            lines << tr("95 % interval [%1, %2]").arg(compareMetricText(s.ciLow), compareMetricText(s.ciHigh));
        if (best)
            lines << tr("★ best of the compared runs (%1)")
                         .arg(Eval::greaterIsBetter(metric) ? tr("higher is better") : tr("lower is better"));
        return lines.join(QStringLiteral("<br>"));
    }
    default: return {};
    }
}

QVariant MetricTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (section >= FixedColumnCount) {
        const QString &metric = m_metrics.at(section - FixedColumnCount);
        const bool higher = Eval::greaterIsBetter(metric);
        switch (role) {
        case Qt::DisplayRole: return metric + (higher ? QStringLiteral(" ↑") : QStringLiteral(" ↓"));
        case Qt::ToolTipRole:
            return tr("%1: mean ± standard deviation over the folds, 95 % interval below; %2; ★ marks the best")
                .arg(metric, higher ? tr("higher is better") : tr("lower is better"));
        case MetricRole: return metric;
        default: return {};
        }
    }
    if (role == MetricRole)
        return QString();
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RunColumn: return tr("Run");
    case ModelColumn: return tr("Model");
    case FoldsColumn: return tr("Folds");
    default: return {};
    }
}

} // namespace Tandem::Ui
