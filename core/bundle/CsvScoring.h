// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/bundle/Scorer.h"
#include "core/data/CsvOptions.h"
#include "core/data/CsvReader.h"

class QIODevice;

namespace Tandem::Bundle {

struct CsvScoreOptions {
    ScoreOptions score;
    /// Rows read, checked and scored at a time: memory holds one batch, whatever the file's size.
    qint64 batchRows = 10000;
    /// Also write each row's cells, every column of the file in its order, before
    /// the predictions: a scored copy of the data (the workbench opens it as a
    /// dataset and compares it with the training data for drift). Cells are
    /// written as read (Data::Column::toString), so the model's columns show the
    /// values it was given.
    bool keepInputColumns = false;
    /// How the file is read (delimiter, encoding, NA tokens, ...). The header is
    /// required (columns are found by name) and the types of the model's columns
    /// are forced from its schema, whatever these say.
    Data::CsvOptions csv;
};

/// What scoring a file did.
struct CsvScoreSummary {
    qint64 rows = 0;
    qint64 batches = 0;
    /// The most rows held at once (at most CsvScoreOptions::batchRows).
    qint64 largestBatchRows = 0;
};

/// Scores the delimited file `path` with `scorer` a batch at a time (Data::CsvStream)
/// and writes one CSV row of Scorer::outputColumns per input row, in order, after
/// that header, to `out` (UTF-8, "\n" line ends; labels quoted when needed, numbers
/// in the shortest form that reads back exactly, NaN as an empty cell). With
/// keepInputColumns the file's own columns come first in each row.
///
/// Before anything is scored: the header must hold every column of the model's
/// schema. Then each batch is checked: a cell that does not parse as its column's
/// type, or a category the model does not know, is an error naming the line and
/// the column. Rows already written stay written: write to a QSaveFile to keep
/// all or nothing. Progress is the share of the file read; a stop request ends
/// it with the error "Cancelled".
Base::Result<CsvScoreSummary> scoreCsv(const Scorer &scorer, const QString &path, QIODevice &out,
    const CsvScoreOptions &options, const Base::Progress &progress);

/// Makes `stream` (opened with a header) ready to be scored with `schema`, as
/// scoreCsv does: the header must name every column of the schema (an error names
/// the first one missing and the header's line), and those columns' types are
/// forced from the schema so that every batch reads them as the model does.
/// `source` names the file or request in errors.
Base::Status prepareScoringStream(Data::CsvStream &stream, const InputSchema &schema, const QString &source);

/// The next batch of at most `maxRows` rows of a prepared stream. A cell of a
/// model column that does not parse as its type (the stream only warns and reads
/// it as missing) is an error naming the line and the column.
Base::Result<Data::CsvBatch> nextScoringBatch(
    Data::CsvStream &stream, const InputSchema &schema, qint64 maxRows, const QString &source);

} // namespace Tandem::Bundle
