// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/compare/Comparison.h"
#include "core/eval/WinTieLoss.h"

#include <QAbstractTableModel>

#include <memory>
#include <optional>

namespace Tandem::Ui {

/// Every run against every other on one metric at level alpha, as Weka's
/// Experimenter counts them: cell (row, column) is the row run's win, tie or loss
/// against the column run, filled green, grey or red (compareOutcomeColor) with
/// the word written, the p-value and test in the tooltip; a last column totals
/// each row. Pairs that could not be tested show "–" and say why in the tooltip.
class WinTieLossModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        OutcomeRole = Qt::UserRole + 1, ///< Eval::PairOutcome as int (cells against runs)
        RunIdRole, ///< headerData: the run's id
    };

    explicit WinTieLossModel(QObject *parent = nullptr);

    /// `pairs`: Compare::Comparison::pairs of one metric.
    void setPairs(
        std::shared_ptr<const Compare::Comparison> comparison, QList<Compare::PairComparison> pairs, double alpha);
    void setAlpha(double alpha);
    void setDarkBackground(bool dark);
    const std::optional<Eval::WinTieLossMatrix> &matrix() const { return m_matrix; }
    /// The column holding the totals.
    int totalsColumn() const { return runCount(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    int runCount() const;
    void rebuild();
    const Compare::PairComparison *pairOf(int row, int column) const;

    std::shared_ptr<const Compare::Comparison> m_comparison;
    QList<Compare::PairComparison> m_pairs;
    /// Row-major runs × runs: the index in m_pairs of each cell's pair, or -1.
    QList<int> m_pairAt;
    double m_alpha = 0.05;
    bool m_dark = false;
    std::optional<Eval::WinTieLossMatrix> m_matrix;
};

} // namespace Tandem::Ui
