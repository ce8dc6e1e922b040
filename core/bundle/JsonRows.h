// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/bundle/InputSchema.h"

#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Bundle {

/// Rows given as JSON values (a scoring request) as a Dataset with the columns of
/// `schema`, typed as the model reads them, ready for Scorer::score with
/// RowPlaces {source} (rows are then named "record N"):
///  - number columns (numeric, integer, boolean): JSON numbers, true/false (1/0),
///    or strings that spell a number;
///  - datetime columns: ISO 8601 strings ("2024-05-01", "2024-05-01T12:30:00Z");
///  - categorical columns: strings (numbers and booleans as their text: 3 is "3");
///  - null, or a key left out of a record: a missing value.
/// Other keys are ignored. A value of the wrong kind is an error naming the record
/// and the column; so is a schema column that no record holds.
///
/// Records: an array of objects, one per row ({"age": 31, "color": "red"}).
Base::Result<std::shared_ptr<const Data::Dataset>> datasetFromRecords(
    const InputSchema &schema, const QJsonArray &records, const QString &source);

/// Columns and rows: the column names, then an array of rows, each an array of
/// values in the columns' order (pandas' "split" orientation).
Base::Result<std::shared_ptr<const Data::Dataset>> datasetFromColumns(
    const InputSchema &schema, const QStringList &columns, const QJsonArray &rows, const QString &source);

} // namespace Tandem::Bundle
