// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Column.h"

#include <QDateTime>

#include <charconv>
#include <cmath>
#include <limits>

namespace Tandem::Data {

QString columnTypeName(ColumnType type)
{
    switch (type) {
    case ColumnType::Numeric: return QStringLiteral("numeric");
    case ColumnType::Integer: return QStringLiteral("integer");
    case ColumnType::Boolean: return QStringLiteral("boolean");
    case ColumnType::Categorical: return QStringLiteral("categorical");
    case ColumnType::Text: return QStringLiteral("text");
    case ColumnType::DateTime: return QStringLiteral("datetime");
    }
    return {};
}

Column Column::numeric(QString name, std::vector<double> values, MissingMask missing)
{
    Column c;
    c.m_name = std::move(name);
    c.m_type = ColumnType::Numeric;
    c.m_size = static_cast<qint64>(values.size());
    c.m_doubles = std::move(values);
    c.m_missing = std::move(missing);
    return c;
}

Column Column::integer(QString name, std::vector<qint64> values, MissingMask missing)
{
    Column c;
    c.m_name = std::move(name);
    c.m_type = ColumnType::Integer;
    c.m_size = static_cast<qint64>(values.size());
    c.m_int64s = std::move(values);
    c.m_missing = std::move(missing);
    return c;
}

Column Column::boolean(QString name, std::vector<quint8> values, MissingMask missing)
{
    Column c;
    c.m_name = std::move(name);
    c.m_type = ColumnType::Boolean;
    c.m_size = static_cast<qint64>(values.size());
    c.m_bytes = std::move(values);
    c.m_missing = std::move(missing);
    return c;
}

Column Column::categorical(QString name, std::vector<qint32> codes, QStringList categories, MissingMask missing)
{
    Column c;
    c.m_name = std::move(name);
    c.m_type = ColumnType::Categorical;
    c.m_size = static_cast<qint64>(codes.size());
    c.m_codes = std::move(codes);
    c.m_categoryUtf8.reserve(static_cast<std::size_t>(categories.size()));
    for (const QString &category : categories)
        c.m_categoryUtf8.push_back(category.toUtf8().toStdString());
    c.m_categories = std::move(categories);
    c.m_missing = std::move(missing);
    return c;
}

Column Column::text(QString name, std::string utf8, std::vector<qint64> offsets, MissingMask missing)
{
    if (offsets.empty())
        offsets.push_back(0);
    Column c;
    c.m_name = std::move(name);
    c.m_type = ColumnType::Text;
    c.m_size = offsets.empty() ? 0 : static_cast<qint64>(offsets.size()) - 1;
    c.m_text = std::move(utf8);
    c.m_textOffsets = std::move(offsets);
    c.m_missing = std::move(missing);
    return c;
}

Column Column::text(QString name, const QStringList &values, MissingMask missing)
{
    std::string utf8;
    std::vector<qint64> offsets;
    offsets.reserve(static_cast<std::size_t>(values.size()) + 1);
    offsets.push_back(0);
    for (const QString &value : values) {
        utf8 += value.toUtf8().toStdString();
        offsets.push_back(static_cast<qint64>(utf8.size()));
    }
    return text(std::move(name), std::move(utf8), std::move(offsets), std::move(missing));
}

Column Column::dateTime(QString name, std::vector<qint64> msecsSinceEpochUtc, MissingMask missing)
{
    Column c;
    c.m_name = std::move(name);
    c.m_type = ColumnType::DateTime;
    c.m_size = static_cast<qint64>(msecsSinceEpochUtc.size());
    c.m_int64s = std::move(msecsSinceEpochUtc);
    c.m_missing = std::move(missing);
    return c;
}

std::string_view Column::utf8(qint64 row) const
{
    if (row < 0 || row >= m_size)
        return {};
    if (m_type == ColumnType::Text) {
        const auto i = static_cast<std::size_t>(row);
        return std::string_view(m_text).substr(static_cast<std::size_t>(m_textOffsets[i]),
            static_cast<std::size_t>(m_textOffsets[i + 1] - m_textOffsets[i]));
    }
    if (m_type == ColumnType::Categorical) {
        const qint32 code = m_codes[static_cast<std::size_t>(row)];
        if (code >= 0 && static_cast<std::size_t>(code) < m_categoryUtf8.size())
            return m_categoryUtf8[static_cast<std::size_t>(code)];
    }
    return {};
}

double Column::toDouble(qint64 row) const
{
    if (row < 0 || row >= m_size || isMissing(row))
        return std::numeric_limits<double>::quiet_NaN();
    const auto i = static_cast<std::size_t>(row);
    switch (m_type) {
    case ColumnType::Numeric: return m_doubles[i];
    case ColumnType::Integer:
    case ColumnType::DateTime: return static_cast<double>(m_int64s[i]);
    case ColumnType::Boolean: return m_bytes[i] ? 1.0 : 0.0;
    case ColumnType::Categorical:
    case ColumnType::Text: break;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

namespace {
/// ISO 8601 in UTC, as short as exact: a date alone at midnight, no milliseconds when zero.
QString dateTimeText(qint64 msecs)
{
    constexpr qint64 msecsPerDay = 24 * 60 * 60 * 1000;
    const QDateTime dateTime = QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
    if ((msecs % msecsPerDay + msecsPerDay) % msecsPerDay == 0)
        return dateTime.date().toString(Qt::ISODate);
    return dateTime.toString(msecs % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}
} // namespace

QString Column::toString(qint64 row) const
{
    if (row < 0 || row >= m_size || isMissing(row))
        return {};
    const auto i = static_cast<std::size_t>(row);
    switch (m_type) {
    case ColumnType::Numeric: {
        char buffer[32];
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, m_doubles[i]);
        return QString::fromLatin1(buffer, result.ptr - buffer);
    }
    case ColumnType::Integer: return QString::number(m_int64s[i]);
    case ColumnType::Boolean: return m_bytes[i] ? QStringLiteral("true") : QStringLiteral("false");
    case ColumnType::Categorical: {
        const qint32 code = m_codes[i];
        return code >= 0 && code < m_categories.size() ? m_categories.at(code) : QString();
    }
    case ColumnType::Text: {
        const std::string_view v = utf8(row);
        return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
    }
    case ColumnType::DateTime: return dateTimeText(m_int64s[i]);
    }
    return {};
}

qint64 Column::memoryBytes() const
{
    qint64 bytes = m_missing.memoryBytes();
    bytes += static_cast<qint64>(m_doubles.capacity() * sizeof(double));
    bytes += static_cast<qint64>(m_int64s.capacity() * sizeof(qint64));
    bytes += static_cast<qint64>(m_bytes.capacity());
    bytes += static_cast<qint64>(m_codes.capacity() * sizeof(qint32));
    bytes += static_cast<qint64>(m_text.capacity() + m_textOffsets.capacity() * sizeof(qint64));
    for (const std::string &category : m_categoryUtf8)
        bytes += static_cast<qint64>(category.capacity() * 3); // UTF-8 copy + QString (UTF-16)
    return bytes;
}

} // namespace Tandem::Data
