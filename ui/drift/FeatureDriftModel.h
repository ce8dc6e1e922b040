// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace Tandem::Drift {
struct DriftAnalysis;
}

namespace Tandem::Ui {

/// The features of a drift analysis as a table: name, the two distributions (for
/// the sparkline delegate), kind, test, score, threshold, verdict (icon and
/// text) and findings. Rows follow DriftReport::features(); sort with SortRole
/// (Score sorts as Drift::orderByDrift orders: the drifted first, each group by
/// drift strength, so p-values and distances sort together).
class FeatureDriftModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    /// The verdict and score come first: they stay in view when the table is narrow.
    enum Column { Feature, Distribution, Verdict, Score, Threshold, Test, Kind, Findings, ColumnCount };
    enum Role {
        /// A number or text to sort by: drift strength for Score, drifted first for Verdict.
        SortRole = Qt::UserRole + 1,
        /// Distribution: std::vector<double> shares of the reference and current sides.
        ReferenceSharesRole,
        CurrentSharesRole,
        /// Distribution: true for categories (bars side by side), false for histograms.
        CategoricalRole,
        /// Every column: whether the feature drifted.
        DriftedRole,
    };

    explicit FeatureDriftModel(QObject *parent = nullptr);

    void setAnalysis(std::shared_ptr<const Drift::DriftAnalysis> analysis);
    const Drift::DriftAnalysis *analysis() const { return m_analysis.get(); }
    /// The feature's index in DriftReport::features() is its row.
    QString featureName(int row) const;
    int rowOf(const QString &feature) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Drift::DriftAnalysis> m_analysis;
    /// Each feature's position in Drift::orderByDrift.
    std::vector<std::size_t> m_rank;
};

} // namespace Tandem::Ui
