// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/CsvScoring.h"

#include "core/data/CsvReader.h"
#include "core/data/Dataset.h"
#include "core/runs/CsvText.h"

#include <QIODevice>

namespace Tandem::Bundle {
namespace {

namespace CsvText = Runs::CsvText;

/// A cell of a model column that did not parse as its type is an error here (the
/// reader only warns and reads it as missing).
Base::Status checkWarnings(
    const Data::CsvBatch &batch, const QStringList &columns, const InputSchema &schema, const QString &source)
{
    for (const Data::LoadWarning &warning : batch.warnings) {
        if (warning.kind != Data::LoadWarning::Kind::ForcedTypeMismatch || warning.column < 1
            || warning.column > columns.size())
            continue;
        const QString &name = columns.at(warning.column - 1);
        const InputColumn *expected = schema.find(name);
        if (!expected)
            continue;
        // "<value> is not <type> (the type chosen ...); the cell ...": the value and the type.
        QString what = warning.message;
        what.truncate(what.indexOf(QStringLiteral(" (the type chosen")));
        return Base::Error(
            QStringLiteral("line %1, column \"%2\": %3, the type the model reads").arg(warning.line).arg(name, what),
            source, warning.line, warning.column);
    }
    return {};
}

QByteArray csvLine(const QStringList &cells)
{
    return cells.join(QLatin1Char(',')).toUtf8() + '\n';
}

Base::Status writeAll(QIODevice &out, const QByteArray &bytes)
{
    if (out.write(bytes) != bytes.size())
        return Base::Error(QStringLiteral("cannot write the predictions: %1").arg(out.errorString()));
    return {};
}

} // namespace

Base::Result<CsvScoreSummary> scoreCsv(const Scorer &scorer, const QString &path, QIODevice &out,
    const CsvScoreOptions &options, const Base::Progress &progress)
{
    const InputSchema &schema = scorer.bundle().manifest().inputs;
    Data::CsvOptions csv = options.csv;
    csv.header = Data::CsvOptions::Header::Present;
    auto opened = Data::CsvStream::open(path, csv);
    if (!opened.ok())
        return opened.error();
    Data::CsvStream &stream = *opened.value();
    if (const Base::Status status = prepareScoringStream(stream, schema, path); !status.ok())
        return status.error();
    const QStringList columns = stream.columnNames();

    QStringList header;
    if (options.keepInputColumns) {
        for (const QString &name : columns)
            header << CsvText::field(name);
    }
    for (const QString &name : scorer.outputColumns(options.score.probabilities))
        header << CsvText::field(name);
    if (const Base::Status status = writeAll(out, csvLine(header)); !status.ok())
        return status.error();

    const bool classify = scorer.bundle().manifest().task == Learn::Task::Classification;
    const qint64 batchRows = std::max<qint64>(1, options.batchRows);
    CsvScoreSummary summary;
    while (!stream.atEnd()) {
        if (progress.stopRequested())
            return Base::Error(Data::CsvReader::cancelledMessage());
        progress.report(stream.fractionRead(), QStringLiteral("Scoring"));
        auto batch = nextScoringBatch(stream, schema, batchRows, path);
        if (!batch.ok())
            return batch.error();
        const Data::Dataset &data = *batch.value().dataset;
        const RowPlaces places {path, batch.value().lines, batch.value().firstRow};
        auto scores = scorer.score(data, places, options.score);
        if (!scores.ok())
            return scores.error();
        QByteArray text;
        for (qint64 row = 0; row < scores.value().rowCount(); ++row) {
            QStringList cells;
            if (options.keepInputColumns) {
                for (const Data::Column &column : data.columns())
                    cells << CsvText::field(column.toString(row));
            }
            if (classify)
                cells << CsvText::field(scores.value().labels.at(row));
            else
                cells << CsvText::number(scores.value().predicted[Eigen::Index(row)]);
            const Learn::Matrix &probabilities = scores.value().probabilities;
            for (Eigen::Index k = 0; k < probabilities.cols(); ++k)
                cells << CsvText::number(probabilities(Eigen::Index(row), k));
            text += csvLine(cells);
        }
        if (const Base::Status status = writeAll(out, text); !status.ok())
            return status.error();
    }
    summary.rows = stream.rowsRead();
    summary.batches = stream.batchesRead();
    summary.largestBatchRows = stream.largestBatchRows();
    progress.report(1.0, QStringLiteral("Scored %1 rows").arg(summary.rows));
    return summary;
}

Base::Status prepareScoringStream(Data::CsvStream &stream, const InputSchema &schema, const QString &source)
{
    // The header says which columns there are; their types come from the schema.
    const QStringList &columns = stream.columnNames();
    if (const Base::Status status = schema.checkColumns(columns, source, stream.headerLine()); !status.ok())
        return status;
    return stream.setColumnTypes(schema.forcedCsvTypes(columns));
}

Base::Result<Data::CsvBatch> nextScoringBatch(
    Data::CsvStream &stream, const InputSchema &schema, qint64 maxRows, const QString &source)
{
    auto batch = stream.next(maxRows);
    if (!batch.ok())
        return batch.error();
    if (const Base::Status status = checkWarnings(batch.value(), stream.columnNames(), schema, source); !status.ok())
        return status.error();
    return batch;
}

} // namespace Tandem::Bundle
