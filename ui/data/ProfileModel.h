// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Profile.h"

#include <QAbstractListModel>

#include <optional>

namespace Tandem::Ui {

/// The columns of a Profile as a list (one row per column) for the column panel.
/// Display text is the column name; further roles carry what the row draws.
class ProfileModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        TypeNameRole = Qt::UserRole + 1, ///< "numeric", "categorical", ...
        MissingFractionRole, ///< double in [0, 1]
        SummaryRole, ///< one short line: "mean 5.84 · sd 0.828" or "3 values · setosa 50"
        ShapeRole, ///< QList<double> in [0, 1]: histogram or top-value bar heights for a sparkline
        AssociationRole, ///< the association with the target, or an invalid QVariant
    };

    explicit ProfileModel(QObject *parent = nullptr);

    void setProfile(std::optional<Data::Profile> profile);
    const std::optional<Data::Profile> &profile() const { return m_profile; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /// The one-line summary of a column (also used by the detail panel).
    static QString summary(const Data::ColumnProfile &column);
    /// A number as the panel shows it: up to 4 significant digits, dates for datetime columns.
    static QString formatValue(const Data::ColumnProfile &column, double value);

private:
    std::optional<Data::Profile> m_profile;
};

} // namespace Tandem::Ui
