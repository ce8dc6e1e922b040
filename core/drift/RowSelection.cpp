// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/RowSelection.h"

#include <string>
#include <vector>

namespace Tandem::Drift {
namespace {

template<typename T> std::vector<T> gather(std::span<const T> values, std::span<const qint64> rows)
{
    std::vector<T> picked(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        picked[i] = values[std::size_t(rows[i])];
    return picked;
}

} // namespace

Data::Column selectRows(const Data::Column &column, std::span<const qint64> rows)
{
    Data::MissingMask missing;
    if (column.missing().any()) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (column.isMissing(rows[i]))
                missing.setMissing(qint64(i));
        }
    }
    const QString &name = column.name();
    switch (column.type()) {
    case Data::ColumnType::Numeric:
        return Data::Column::numeric(name, gather(column.numericValues(), rows), std::move(missing));
    case Data::ColumnType::Integer:
        return Data::Column::integer(name, gather(column.integerValues(), rows), std::move(missing));
    case Data::ColumnType::DateTime:
        return Data::Column::dateTime(name, gather(column.dateTimeValues(), rows), std::move(missing));
    case Data::ColumnType::Boolean:
        return Data::Column::boolean(name, gather(column.booleanValues(), rows), std::move(missing));
    case Data::ColumnType::Categorical:
        return Data::Column::categorical(name, gather(column.codes(), rows), column.categories(), std::move(missing));
    case Data::ColumnType::Text: {
        std::string utf8;
        std::vector<qint64> offsets;
        offsets.reserve(rows.size() + 1);
        offsets.push_back(0);
        for (const qint64 row : rows) {
            utf8 += column.utf8(row);
            offsets.push_back(qint64(utf8.size()));
        }
        return Data::Column::text(name, std::move(utf8), std::move(offsets), std::move(missing));
    }
    }
    return {};
}

} // namespace Tandem::Drift
