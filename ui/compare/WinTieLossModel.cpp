// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/WinTieLossModel.h"

#include "core/eval/MetricSet.h"
#include "ui/compare/CompareFormat.h"
#include "ui/compare/RunChip.h"

#include <QLocale>

namespace Tandem::Ui {

WinTieLossModel::WinTieLossModel(QObject *parent) : QAbstractTableModel(parent) { }

void WinTieLossModel::setPairs(
    std::shared_ptr<const Compare::Comparison> comparison, QList<Compare::PairComparison> pairs, double alpha)
{
    beginResetModel();
    m_comparison = std::move(comparison);
    m_pairs = m_comparison ? std::move(pairs) : QList<Compare::PairComparison>();
    m_alpha = alpha;
    rebuild();
    endResetModel();
}

void WinTieLossModel::setAlpha(double alpha)
{
    m_alpha = alpha;
    rebuild();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void WinTieLossModel::setDarkBackground(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (rowCount() > 0)
        Q_EMIT headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
}

void WinTieLossModel::rebuild()
{
    m_matrix.reset();
    m_pairAt.clear();
    if (!m_comparison || m_pairs.isEmpty())
        return;
    const int n = runCount();
    m_pairAt.fill(-1, qsizetype(n) * n);
    for (int i = 0; i < int(m_pairs.size()); ++i) {
        const Compare::PairComparison &pair = m_pairs.at(i);
        m_pairAt[qsizetype(pair.first) * n + pair.second] = i;
        m_pairAt[qsizetype(pair.second) * n + pair.first] = i;
    }
    // The same matrix as Comparison::winTieLoss, from the pairs already computed.
    QList<Eval::PairwiseTest> tests;
    for (const Compare::PairComparison &pair : std::as_const(m_pairs))
        tests << pair.pairwiseTest();
    m_matrix.emplace(runCount(), tests, m_alpha, Eval::greaterIsBetter(m_pairs.first().metric));
}

int WinTieLossModel::runCount() const
{
    return m_comparison ? int(m_comparison->runs().size()) : 0;
}

const Compare::PairComparison *WinTieLossModel::pairOf(int row, int column) const
{
    const qsizetype at = qsizetype(row) * runCount() + column;
    const int pair = at < m_pairAt.size() ? m_pairAt.at(at) : -1;
    return pair >= 0 ? &m_pairs.at(pair) : nullptr;
}

int WinTieLossModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_matrix ? 0 : runCount();
}

int WinTieLossModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_matrix ? 0 : runCount() + 1;
}

QVariant WinTieLossModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_matrix)
        return {};
    const int row = index.row(), column = index.column();
    if (column == totalsColumn()) {
        const Eval::WinTieLossMatrix::Totals t = m_matrix->totals(row);
        switch (role) {
        case Qt::DisplayRole: {
            QString text = QStringLiteral("%1 / %2 / %3").arg(t.wins).arg(t.ties).arg(t.losses);
            if (t.notCompared > 0)
                text += tr(" (%1 –)").arg(t.notCompared);
            return text;
        }
        case Qt::ToolTipRole:
            return tr("%1: %2 wins, %3 ties, %4 losses; %5 not compared")
                .arg(runLabel(m_comparison->runs().at(row)))
                .arg(t.wins)
                .arg(t.ties)
                .arg(t.losses)
                .arg(t.notCompared);
        case Qt::TextAlignmentRole: return int(Qt::AlignCenter);
        default: return {};
        }
    }
    if (row == column)
        return {};
    const Eval::WinTieLossMatrix::Cell &cell = m_matrix->cell(row, column);
    switch (role) {
    case Qt::DisplayRole: return compareOutcomeWord(cell.outcome);
    case OutcomeRole: return int(cell.outcome);
    case Qt::BackgroundRole: {
        const QColor fill = compareOutcomeColor(cell.outcome);
        return fill.isValid() ? QVariant(fill) : QVariant();
    }
    case Qt::TextAlignmentRole: return int(Qt::AlignCenter);
    case Qt::ToolTipRole: {
        const QString a = runLabel(m_comparison->runs().at(row)).toHtmlEscaped();
        const QString b = runLabel(m_comparison->runs().at(column)).toHtmlEscaped();
        const Compare::PairComparison *pair = pairOf(row, column);
        QStringList lines {tr("<b>%1</b> against <b>%2</b>").arg(a, b)};
        if (cell.outcome == Eval::PairOutcome::NotCompared) {
            lines << (pair && !pair->reason.isEmpty() ? tr("not compared: %1").arg(pair->reason.toHtmlEscaped())
                                                      : tr("not compared"));
        } else {
            lines << tr("%1 at α = %2").arg(compareOutcomeWord(cell.outcome), QLocale().toString(m_alpha));
            lines << tr("mean difference %1").arg(compareDifferenceText(cell.meanDifference));
            lines << tr("p = %1 (%2)")
                         .arg(comparePValueText(cell.pValue),
                             pair ? Compare::pairedTestName(pair->test) : QStringLiteral("?"));
        }
        return lines.join(QStringLiteral("<br>"));
    }
    default: return {};
    }
}

QVariant WinTieLossModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!m_comparison || section < 0)
        return {};
    if (orientation == Qt::Horizontal && section == totalsColumn()) {
        if (role == Qt::DisplayRole)
            return tr("W / T / L");
        if (role == Qt::ToolTipRole)
            return tr("Wins, ties and losses of the row's run (and pairs not compared)");
        return {};
    }
    if (section >= runCount())
        return {};
    const Compare::ComparedRun &run = m_comparison->runs().at(section);
    switch (role) {
    case Qt::DisplayRole: return QStringLiteral("#%1").arg(run.id()); // names: tooltip and run list
    case Qt::DecorationRole: return runChipIcon(run.id(), m_dark);
    case Qt::ToolTipRole: return runToolTip(run);
    case RunIdRole: return run.id();
    default: return {};
    }
}

} // namespace Tandem::Ui
