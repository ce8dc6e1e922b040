// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/MissingMask.h"

#include <QString>
#include <QStringList>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace Tandem::Data {

/// The type of a column's values. Each type has one storage layout (see Column).
enum class ColumnType : quint8 {
    Numeric, ///< double, 8 bytes per cell
    Integer, ///< qint64, 8 bytes per cell
    Boolean, ///< quint8 0/1, 1 byte per cell
    Categorical, ///< qint32 codes into a dictionary of categories, 4 bytes per cell
    Text, ///< UTF-8 bytes of all cells back to back plus a 64-bit end offset per cell
    DateTime, ///< qint64 milliseconds since 1970-01-01T00:00:00Z (UTC), 8 bytes per cell
};

/// "numeric", "integer", "boolean", "categorical", "text", "datetime".
QString columnTypeName(ColumnType type);

/// One typed, immutable column of a Dataset.
///
/// Values live in one contiguous vector of the column's type, indexed by 64-bit
/// row numbers; missing cells are marked in a MissingMask (a bitmap). The value
/// stored under a missing cell carries no meaning (readers write NaN, 0 or code -1)
/// and is never part of the fingerprint. Columns are built with the static
/// factories and checked by DatasetBuilder::build().
class Column
{
public:
    Column() = default;

    static Column numeric(QString name, std::vector<double> values, MissingMask missing = {});
    static Column integer(QString name, std::vector<qint64> values, MissingMask missing = {});
    static Column boolean(QString name, std::vector<quint8> values, MissingMask missing = {});
    /// `codes[row]` indexes `categories`; missing cells may hold any code (by convention -1).
    static Column categorical(
        QString name, std::vector<qint32> codes, QStringList categories, MissingMask missing = {});
    /// Cell `row` is utf8.substr(offsets[row], offsets[row + 1] - offsets[row]);
    /// offsets has one entry more than there are rows and starts at 0.
    static Column text(QString name, std::string utf8, std::vector<qint64> offsets, MissingMask missing = {});
    /// Convenience for small columns (tests, UI edits): one QString per row.
    static Column text(QString name, const QStringList &values, MissingMask missing = {});
    static Column dateTime(QString name, std::vector<qint64> msecsSinceEpochUtc, MissingMask missing = {});

    const QString &name() const { return m_name; }
    ColumnType type() const { return m_type; }
    qint64 size() const { return m_size; }

    bool isMissing(qint64 row) const { return m_missing.isMissing(row); }
    qint64 missingCount() const { return m_missing.count(); }
    const MissingMask &missing() const { return m_missing; }

    /// The typed storage; each is empty unless the column has that type.
    std::span<const double> numericValues() const { return m_doubles; }
    std::span<const qint64> integerValues() const { return m_type == ColumnType::Integer ? m_int64s : empty64(); }
    std::span<const qint64> dateTimeValues() const { return m_type == ColumnType::DateTime ? m_int64s : empty64(); }
    std::span<const quint8> booleanValues() const { return m_bytes; }
    std::span<const qint32> codes() const { return m_codes; }
    const QStringList &categories() const { return m_categories; }
    /// UTF-8 bytes of a Text cell (or of a Categorical cell's category); empty for other types.
    std::string_view utf8(qint64 row) const;

    /// The cell as a number: numeric, integer, boolean (0/1) and datetime (ms) cells;
    /// NaN for missing cells and for categorical or text columns.
    double toDouble(qint64 row) const;
    /// The cell as text, for display and export: numbers in their shortest exact
    /// form, datetimes as ISO 8601 in UTC (a date alone
    /// at midnight), booleans as true/false; empty if missing.
    QString toString(qint64 row) const;

    /// Heap bytes held by this column's values and mask.
    qint64 memoryBytes() const;

private:
    static std::span<const qint64> empty64() { return {}; }
    friend class DatasetBuilder;

    QString m_name;
    ColumnType m_type = ColumnType::Numeric;
    qint64 m_size = 0;
    std::vector<double> m_doubles;
    std::vector<qint64> m_int64s; // Integer and DateTime
    std::vector<quint8> m_bytes;
    std::vector<qint32> m_codes;
    QStringList m_categories;
    std::vector<std::string> m_categoryUtf8;
    std::string m_text;
    std::vector<qint64> m_textOffsets;
    MissingMask m_missing;
};

} // namespace Tandem::Data
