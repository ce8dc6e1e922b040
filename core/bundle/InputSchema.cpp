// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/InputSchema.h"

#include "core/data/Dataset.h"
#include "core/learn/preprocess/Pipeline.h"

#include <QJsonObject>
#include <QSet>

namespace Tandem::Bundle {
namespace {

using Data::ColumnType;

bool isNumber(ColumnType type)
{
    return type == ColumnType::Numeric || type == ColumnType::Integer || type == ColumnType::Boolean;
}

/// "numeric", or "a number (numeric, integer or boolean)" for the number kind.
QString expectedText(ColumnType type)
{
    return isNumber(type) ? QStringLiteral("numbers") : Data::columnTypeName(type);
}

QString listText(const QStringList &values, qsizetype limit = 12)
{
    if (values.size() <= limit)
        return values.join(QStringLiteral(", "));
    return values.first(limit).join(QStringLiteral(", ")) + QStringLiteral(", … (%1 in all)").arg(values.size());
}

} // namespace

QString RowPlaces::name(qint64 row) const
{
    if (!lines.empty() && row >= 0 && std::size_t(row) < lines.size())
        return QStringLiteral("line %1").arg(lines[std::size_t(row)]);
    return QStringLiteral("record %1").arg(firstRecord + row + 1);
}

qint64 RowPlaces::line(qint64 row) const
{
    return !lines.empty() && row >= 0 && std::size_t(row) < lines.size() ? lines[std::size_t(row)] : -1;
}

std::optional<ColumnType> columnTypeFromName(const QString &name)
{
    for (const ColumnType type : {ColumnType::Numeric, ColumnType::Integer, ColumnType::Boolean,
             ColumnType::Categorical, ColumnType::Text, ColumnType::DateTime}) {
        if (Data::columnTypeName(type) == name)
            return type;
    }
    return std::nullopt;
}

bool sameKind(ColumnType expected, ColumnType given)
{
    return isNumber(expected) ? isNumber(given) : expected == given;
}

InputSchema InputSchema::fromPipeline(const Learn::Pipeline &pipeline)
{
    QList<InputColumn> columns;
    for (const Learn::Pipeline::Feature &feature : pipeline.features()) {
        InputColumn column {feature.column, feature.type, {}};
        if (feature.type == ColumnType::Categorical)
            column.categories = feature.categories;
        columns.append(std::move(column));
    }
    return InputSchema(std::move(columns));
}

const InputColumn *InputSchema::find(const QString &name) const
{
    for (const InputColumn &column : m_columns) {
        if (column.name == name)
            return &column;
    }
    return nullptr;
}

QJsonArray InputSchema::toJson() const
{
    QJsonArray array;
    for (const InputColumn &column : m_columns) {
        QJsonObject object {
            {QStringLiteral("name"), column.name}, {QStringLiteral("type"), Data::columnTypeName(column.type)}};
        if (column.type == ColumnType::Categorical)
            object.insert(QStringLiteral("categories"), QJsonArray::fromStringList(column.categories));
        array.append(object);
    }
    return array;
}

Base::Result<InputSchema> InputSchema::fromJson(const QJsonArray &json)
{
    QList<InputColumn> columns;
    QSet<QString> names;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QString where = QStringLiteral("input_schema[%1]").arg(i);
        const QJsonObject object = json.at(i).toObject();
        const QString name = object.value(QStringLiteral("name")).toString();
        if (name.isEmpty() || names.contains(name))
            return Base::Error(QStringLiteral("%1.name is missing or repeated").arg(where));
        names.insert(name);
        const auto type = columnTypeFromName(object.value(QStringLiteral("type")).toString());
        if (!type || *type == ColumnType::Text)
            return Base::Error(QStringLiteral("%1.type: unknown type \"%2\"")
                                   .arg(where, object.value(QStringLiteral("type")).toString()));
        InputColumn column {name, *type, {}};
        if (*type == ColumnType::Categorical) {
            for (const QJsonValue &category : object.value(QStringLiteral("categories")).toArray()) {
                if (!category.isString())
                    return Base::Error(QStringLiteral("%1.categories holds a value that is not a string").arg(where));
                column.categories << category.toString();
            }
        }
        columns.append(std::move(column));
    }
    return InputSchema(std::move(columns));
}

QHash<QString, ColumnType> InputSchema::forcedCsvTypes(const QStringList &fileColumns) const
{
    QHash<QString, ColumnType> types;
    for (const QString &name : fileColumns) {
        const InputColumn *column = find(name);
        if (!column)
            types.insert(name, ColumnType::Text);
        else
            types.insert(name, column->type == ColumnType::Integer ? ColumnType::Numeric : column->type);
    }
    return types;
}

Base::Status InputSchema::checkColumns(const QStringList &columns, const QString &source, qint64 headerLine) const
{
    for (const InputColumn &column : m_columns) {
        if (columns.contains(column.name))
            continue;
        QStringList needed;
        for (const InputColumn &c : m_columns)
            needed << c.name;
        return Base::Error(
            QStringLiteral("column \"%1\" is missing%2: the model reads %3")
                .arg(column.name,
                    headerLine > 0 ? QStringLiteral(" from the header (line %1)").arg(headerLine) : QString(),
                    listText(needed)),
            source, headerLine);
    }
    return {};
}

Base::Status InputSchema::check(const Data::Dataset &data, const RowPlaces &places, bool allowUnknownCategories) const
{
    if (const Base::Status present = checkColumns(data.columnNames(), places.source); !present.ok())
        return present;
    for (const InputColumn &expected : m_columns) {
        const qsizetype index = data.indexOf(expected.name);
        const Data::Column &column = data.column(index);
        const qint64 columnNumber = places.lines.empty() ? -1 : qint64(index) + 1;
        if (!sameKind(expected.type, column.type()))
            return Base::Error(
                QStringLiteral("column \"%1\" holds %2 values where the model expects %3")
                    .arg(expected.name, Data::columnTypeName(column.type()), expectedText(expected.type)),
                places.source, -1, columnNumber);
        if (expected.type != ColumnType::Categorical || allowUnknownCategories)
            continue;
        // Map this data's dictionary onto the known categories once, then find the
        // first row holding an unknown one.
        const QSet<QString> known(expected.categories.cbegin(), expected.categories.cend());
        std::vector<bool> unknown(std::size_t(column.categories().size()), false);
        bool any = false;
        for (qsizetype code = 0; code < column.categories().size(); ++code) {
            unknown[std::size_t(code)] = !known.contains(column.categories().at(code));
            any = any || unknown[std::size_t(code)];
        }
        if (!any)
            continue;
        const std::span<const qint32> codes = column.codes();
        for (qint64 row = 0; row < data.rowCount(); ++row) {
            const qint32 code = codes[std::size_t(row)];
            if (column.isMissing(row) || code < 0 || std::size_t(code) >= unknown.size() || !unknown[std::size_t(code)])
                continue;
            return Base::Error(
                QStringLiteral("%1, column \"%2\": the category \"%3\" is unknown to the model "
                               "(it knows %4)")
                    .arg(places.name(row), expected.name, column.categories().at(code), listText(expected.categories)),
                places.source, places.line(row), columnNumber);
        }
    }
    return {};
}

} // namespace Tandem::Bundle
