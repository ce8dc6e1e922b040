// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/data/Column.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <span>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Learn {
class Pipeline;
}

namespace Tandem::Bundle {

/// One column a bundle's model reads.
struct InputColumn {
    QString name;
    /// The type the column had in the training data. Numeric, integer and boolean
    /// count as one kind (numbers); datetime and categorical must stay what they were.
    Data::ColumnType type = Data::ColumnType::Numeric;
    /// Categorical: the categories the model was fitted with, sorted. Others are unknown to it.
    QStringList categories;

    friend bool operator==(const InputColumn &, const InputColumn &) = default;
};

/// How rows are named in messages: by the line each starts on in a file, or by
/// their record number (1-based) in a request.
struct RowPlaces {
    /// The file or request named in errors.
    QString source;
    /// The physical line of each row of the data checked; empty to count records.
    std::span<const qint64> lines;
    /// Without lines: the record number of the data's first row, minus one.
    qint64 firstRecord = 0;

    /// "line 17" or "record 3" for row `row` of the data.
    QString name(qint64 row) const;
    /// The line of row `row`, or -1 when rows are records.
    qint64 line(qint64 row) const;
};

/// What a bundle's model needs of its input: the columns its pipeline reads, in
/// the pipeline's order, with their types and known categories. Columns the
/// pipeline left out (text, all missing) are not part of it; other columns of the
/// data are ignored.
class InputSchema
{
public:
    InputSchema() = default;
    explicit InputSchema(QList<InputColumn> columns) : m_columns(std::move(columns)) { }
    /// The schema of a fitted pipeline.
    static InputSchema fromPipeline(const Learn::Pipeline &pipeline);

    const QList<InputColumn> &columns() const { return m_columns; }
    const InputColumn *find(const QString &name) const;

    /// [{"name": ..., "type": "numeric", "categories": [...] (categorical only)}, ...]
    QJsonArray toJson() const;
    /// Errors name the entry and the field ("input_schema[2].type: unknown type \"colour\"").
    static Base::Result<InputSchema> fromJson(const QJsonArray &json);

    /// The types to force when reading a delimited file with these columns (its
    /// header), so that every batch of a stream reads the same types: integer
    /// columns as numeric (a 2.5 is still a number), the others as themselves, and
    /// columns the model does not read as text.
    QHash<QString, Data::ColumnType> forcedCsvTypes(const QStringList &fileColumns) const;

    /// The first column the data lacks, named with what the model needs.
    Base::Status checkColumns(const QStringList &columns, const QString &source, qint64 headerLine = -1) const;

    /// Checks `data` against the schema: every column present and of the right
    /// kind, and (unless `allowUnknownCategories`) no category the model does not
    /// know. Errors name the column, and the row by its line or record number.
    Base::Status check(const Data::Dataset &data, const RowPlaces &places, bool allowUnknownCategories) const;

    friend bool operator==(const InputSchema &, const InputSchema &) = default;

private:
    QList<InputColumn> m_columns;
};

/// The ColumnType called `name` (columnTypeName's spelling), or nothing.
std::optional<Data::ColumnType> columnTypeFromName(const QString &name);

/// True when data of type `given` can be fed where `expected` was trained:
/// numbers for numbers, and otherwise the same type.
bool sameKind(Data::ColumnType expected, Data::ColumnType given);

} // namespace Tandem::Bundle
