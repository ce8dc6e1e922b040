// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/JsonRows.h"

#include "core/data/CellParsing.h"
#include "core/data/Dataset.h"

#include <QHash>
#include <QJsonObject>
#include <QLocale>

#include <functional>
#include <limits>

namespace Tandem::Bundle {
namespace {

using Data::ColumnType;

/// Builds one typed column from JSON values, one per row.
class ColumnFiller
{
public:
    ColumnFiller(const InputColumn &column, qsizetype rows) : m_column(column)
    {
        m_kind = column.type == ColumnType::Categorical ? Kind::Category
            : column.type == ColumnType::DateTime       ? Kind::Instant
                                                        : Kind::Number;
        if (m_kind == Kind::Number)
            m_numbers.reserve(std::size_t(rows));
        else if (m_kind == Kind::Instant)
            m_instants.reserve(std::size_t(rows));
        else
            m_codes.reserve(std::size_t(rows));
    }

    /// Appends `value` as row `row`; an error names the record and the column.
    Base::Status add(const QJsonValue &value, qint64 row, const QString &source)
    {
        if (value.isNull() || value.isUndefined()) {
            m_missing.setMissing(row);
            appendPlaceholder();
            return {};
        }
        const auto wrong = [&](const QString &expected) {
            return Base::Error(QStringLiteral("record %1, column \"%2\": %3 is not %4")
                                   .arg(row + 1)
                                   .arg(m_column.name, describe(value), expected),
                source);
        };
        switch (m_kind) {
        case Kind::Number: {
            double number = 0.0;
            if (value.isDouble()) {
                number = value.toDouble();
            } else if (value.isBool()) {
                number = value.toBool() ? 1.0 : 0.0;
            } else if (value.isString()) {
                const QByteArray utf8 = value.toString().toUtf8();
                const std::string_view text = Data::Detail::trimmed(std::string_view(utf8.constData(), utf8.size()));
                if (Data::Detail::parseDouble(text, '.', number) != Data::Detail::DoubleParse::Ok)
                    return wrong(QStringLiteral("a number"));
            } else {
                return wrong(QStringLiteral("a number"));
            }
            m_numbers.push_back(number);
            return {};
        }
        case Kind::Instant: {
            qint64 msecs = 0;
            const QByteArray utf8 = value.toString().toUtf8();
            if (!value.isString()
                || !Data::Detail::parseIsoDateTime(
                    Data::Detail::trimmed(std::string_view(utf8.constData(), utf8.size())), msecs))
                return wrong(QStringLiteral("an ISO 8601 date or date-time"));
            m_instants.push_back(msecs);
            return {};
        }
        case Kind::Category: {
            QString text;
            if (value.isString())
                text = value.toString();
            else if (value.isDouble())
                text = QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
            else if (value.isBool())
                text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            else
                return wrong(QStringLiteral("a category"));
            auto it = m_dictionary.constFind(text);
            if (it == m_dictionary.constEnd()) {
                it = m_dictionary.insert(text, qint32(m_categories.size()));
                m_categories << text;
            }
            m_codes.push_back(it.value());
            return {};
        }
        }
        return {};
    }

    Data::Column take()
    {
        switch (m_kind) {
        case Kind::Number: return Data::Column::numeric(m_column.name, std::move(m_numbers), std::move(m_missing));
        case Kind::Instant: return Data::Column::dateTime(m_column.name, std::move(m_instants), std::move(m_missing));
        case Kind::Category:
            return Data::Column::categorical(
                m_column.name, std::move(m_codes), std::move(m_categories), std::move(m_missing));
        }
        return {};
    }

private:
    enum class Kind : quint8 { Number, Instant, Category };

    static QString describe(const QJsonValue &value)
    {
        if (value.isString())
            return QLatin1Char('"') + value.toString().left(60) + QLatin1Char('"');
        if (value.isBool())
            return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        if (value.isDouble())
            return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
        return value.isArray() ? QStringLiteral("an array") : QStringLiteral("an object");
    }

    void appendPlaceholder()
    {
        if (m_kind == Kind::Number)
            m_numbers.push_back(std::numeric_limits<double>::quiet_NaN());
        else if (m_kind == Kind::Instant)
            m_instants.push_back(0);
        else
            m_codes.push_back(-1);
    }

    const InputColumn &m_column;
    Kind m_kind = Kind::Number;
    std::vector<double> m_numbers;
    std::vector<qint64> m_instants;
    std::vector<qint32> m_codes;
    QStringList m_categories;
    QHash<QString, qint32> m_dictionary;
    Data::MissingMask m_missing;
};

/// The Dataset of `rows` rows whose cell (row, schema column c) is value(row, c).
Base::Result<std::shared_ptr<const Data::Dataset>> build(const InputSchema &schema, qsizetype rows,
    const std::function<QJsonValue(qsizetype row, qsizetype column)> &value, const QString &source)
{
    Data::DatasetBuilder builder;
    const QList<InputColumn> &columns = schema.columns();
    builder.reserveColumns(columns.size());
    for (qsizetype c = 0; c < columns.size(); ++c) {
        ColumnFiller filler(columns.at(c), rows);
        for (qsizetype row = 0; row < rows; ++row) {
            if (const Base::Status status = filler.add(value(row, c), row, source); !status.ok())
                return status.error();
        }
        builder.addColumn(filler.take());
    }
    auto built = builder.build();
    if (!built.ok())
        return Base::Error(built.error().message, source);
    return built;
}

QString missingColumn(const InputSchema &schema, const QString &name)
{
    QStringList needed;
    for (const InputColumn &column : schema.columns())
        needed << column.name;
    return QStringLiteral("column \"%1\" is missing: the model reads %2").arg(name, needed.join(QStringLiteral(", ")));
}

} // namespace

Base::Result<std::shared_ptr<const Data::Dataset>> datasetFromRecords(
    const InputSchema &schema, const QJsonArray &records, const QString &source)
{
    for (qsizetype row = 0; row < records.size(); ++row) {
        if (!records.at(row).isObject())
            return Base::Error(QStringLiteral("record %1 is not a JSON object").arg(row + 1), source);
    }
    for (const InputColumn &column : schema.columns()) {
        const bool held = std::any_of(records.begin(), records.end(),
            [&](const QJsonValue &record) { return record.toObject().contains(column.name); });
        if (!held && !records.isEmpty())
            return Base::Error(missingColumn(schema, column.name), source);
    }
    std::vector<QJsonObject> objects;
    objects.reserve(std::size_t(records.size()));
    for (const QJsonValue &record : records)
        objects.push_back(record.toObject());
    return build(
        schema, records.size(),
        [&](qsizetype row, qsizetype c) { return objects[std::size_t(row)].value(schema.columns().at(c).name); },
        source);
}

Base::Result<std::shared_ptr<const Data::Dataset>> datasetFromColumns(
    const InputSchema &schema, const QStringList &columns, const QJsonArray &rows, const QString &source)
{
    std::vector<qsizetype> positions;
    for (const InputColumn &column : schema.columns()) {
        const qsizetype at = columns.indexOf(column.name);
        if (at < 0)
            return Base::Error(missingColumn(schema, column.name), source);
        positions.push_back(at);
    }
    std::vector<QJsonArray> arrays;
    arrays.reserve(std::size_t(rows.size()));
    for (qsizetype row = 0; row < rows.size(); ++row) {
        const QJsonArray array = rows.at(row).toArray();
        if (!rows.at(row).isArray() || array.size() != columns.size())
            return Base::Error(QStringLiteral("record %1 is not an array of %2 values, one per column")
                                   .arg(row + 1)
                                   .arg(columns.size()),
                source);
        arrays.push_back(array);
    }
    return build(
        schema, rows.size(),
        [&](qsizetype row, qsizetype c) { return arrays[std::size_t(row)].at(positions[std::size_t(c)]); }, source);
}

} // namespace Tandem::Bundle
