// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/compare/Comparison.h"

#include <QAbstractTableModel>

#include <memory>

namespace Tandem::Ui {

/// The paired tests of one metric: a row per pair of runs (a, b) with the mean
/// difference a − b, the p-value, the deciding test and the outcome at level
/// alpha. A pair that could not be tested says why in place of an outcome ("Not
/// compared: different seeds (42 vs 7)") and shows no p-value.
class PairTestsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        SortRole = Qt::UserRole + 1,
        OutcomeRole, ///< Eval::PairOutcome as int, for a's side
        PValueRole, ///< NaN when not compared
    };
    enum Column { FirstColumn, SecondColumn, DifferenceColumn, PValueColumn, OutcomeColumn, TestColumn, ColumnCount };

    explicit PairTestsModel(QObject *parent = nullptr);

    void setPairs(
        std::shared_ptr<const Compare::Comparison> comparison, QList<Compare::PairComparison> pairs, double alpha);
    void setAlpha(double alpha);
    /// The run chips' shades follow the background (RunColors).
    void setDarkBackground(bool dark);
    const QList<Compare::PairComparison> &pairs() const { return m_pairs; }
    /// What the outcome column says for `pair` at the model's alpha.
    QString outcomeText(const Compare::PairComparison &pair) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Eval::PairOutcome outcome(const Compare::PairComparison &pair) const;
    QString pairToolTip(const Compare::PairComparison &pair) const;

    std::shared_ptr<const Compare::Comparison> m_comparison;
    QList<Compare::PairComparison> m_pairs;
    double m_alpha = 0.05;
    bool m_dark = false;
};

} // namespace Tandem::Ui
