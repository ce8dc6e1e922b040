// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <memory>

namespace Tandem::Compare {
class Comparison;
}

namespace Tandem::Ui {

/// The Compare view's metric table: a row per run (its colour chip, label, model
/// and fold count), then a column per metric with the mean ± standard deviation
/// over the folds and, on a second line and in the tooltip, the 95 % interval.
/// The best run of each column (Compare::Comparison::best) is bold and marked ★.
/// It only translates the Comparison it is handed; SortRole gives numbers.
class MetricTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        SortRole = Qt::UserRole + 1,
        RunIdRole,
        MeanRole, ///< metric columns: the mean over the folds (NaN when the run has none)
        BestRole, ///< metric columns: the run is (one of) the best
        MetricRole, ///< the column's metric name (empty for the run columns); also headerData
    };
    /// The columns before the metrics.
    enum FixedColumn { RunColumn, ModelColumn, FoldsColumn, FixedColumnCount };

    explicit MetricTableModel(QObject *parent = nullptr);

    void setComparison(std::shared_ptr<const Compare::Comparison> comparison);
    /// The chips' shades follow the background (RunColors).
    void setDarkBackground(bool dark);

    QStringList metrics() const { return m_metrics; }
    /// The column of `metric`, or -1.
    int columnOf(const QString &metric) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant metricData(int row, const QString &metric, int role) const;

    std::shared_ptr<const Compare::Comparison> m_comparison;
    QStringList m_metrics;
    QList<QList<int>> m_best; ///< per metric column
    bool m_dark = false;
};

} // namespace Tandem::Ui
