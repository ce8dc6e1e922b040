// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/compare/PredictionTable.h"

#include "core/base/Progress.h"
#include "core/data/CsvReader.h"
#include "core/data/Dataset.h"
#include "core/runs/OutOfFoldPredictions.h"
#include "core/store/ExperimentStore.h"

#include <QDir>
#include <QFile>
#include <QHash>

#include <cmath>
#include <limits>

namespace Tandem::Compare {
namespace {

const QString probabilityPrefix = QStringLiteral("proba_");

} // namespace

bool PredictionTable::correct(qsizetype i) const
{
    const Eigen::Index at = Eigen::Index(i);
    return task == Learn::Task::Classification && !std::isnan(truth[at]) && truth[at] == predicted[at];
}

Base::Result<PredictionTable> parsePredictionTable(const QByteArray &csv, Learn::Task task, const QString &name)
{
    const bool classify = task == Learn::Task::Classification;
    const QString source = name.isEmpty() ? Runs::outOfFoldPredictionsFileName : name;
    // Labels are kept as written: only an empty cell is missing, and truth and
    // predicted are never guessed to be numbers or dates.
    Data::CsvOptions options;
    options.delimiter = ',';
    options.header = Data::CsvOptions::Header::Present;
    options.encoding = Data::CsvOptions::Encoding::Utf8;
    options.naTokens = {QString()};
    const Data::ColumnType labels = classify ? Data::ColumnType::Categorical : Data::ColumnType::Numeric;
    options.columnTypes
        = {{QStringLiteral("row"), Data::ColumnType::Integer}, {QStringLiteral("fold"), Data::ColumnType::Integer},
            {QStringLiteral("truth"), labels}, {QStringLiteral("predicted"), labels}};
    Base::NullProgressSink sink;
    auto loaded = Data::CsvReader::readBytes(csv, source, options, Base::Progress(sink));
    if (!loaded.ok())
        return loaded.error();
    // Forcing the four columns' types also makes the reader refuse a file without them.
    const Data::Dataset &data = *loaded->dataset;

    PredictionTable table;
    table.task = task;
    const qint64 n = data.rowCount();
    const Data::Column &rows = data.column(data.indexOf(QStringLiteral("row")));
    const Data::Column &folds = data.column(data.indexOf(QStringLiteral("fold")));
    table.rows.reserve(size_t(n));
    table.folds.reserve(size_t(n));
    for (qint64 i = 0; i < n; ++i) {
        const double row = rows.toDouble(i);
        const double fold = folds.toDouble(i);
        if (!(row >= 0.0) || !(fold >= 0.0 && fold <= double(std::numeric_limits<int>::max())))
            return Base::Error(QStringLiteral("row and fold must be whole numbers >= 0"), source, i + 2);
        table.rows.push_back(qint64(row));
        table.folds.push_back(int(fold));
    }

    const Data::Column &truth = data.column(data.indexOf(QStringLiteral("truth")));
    const Data::Column &predicted = data.column(data.indexOf(QStringLiteral("predicted")));
    table.truth.resize(n);
    table.predicted.resize(n);
    if (!classify) {
        for (qint64 i = 0; i < n; ++i) {
            table.truth[i] = truth.toDouble(i);
            table.predicted[i] = predicted.toDouble(i);
        }
        return table;
    }

    QList<qsizetype> probabilityColumns;
    for (qsizetype c = 0; c < data.columnCount(); ++c) {
        const QString &column = data.column(c).name();
        if (column.startsWith(probabilityPrefix)) {
            table.classes.append(column.mid(probabilityPrefix.size()));
            probabilityColumns.append(c);
        }
    }
    QHash<QString, int> indexOf;
    for (qsizetype k = 0; k < table.classes.size(); ++k)
        indexOf.insert(table.classes.at(k), int(k));
    const auto classIndex = [&](const Data::Column &column, qint64 i) {
        if (column.isMissing(i))
            return std::numeric_limits<double>::quiet_NaN();
        const QString label = column.toString(i);
        auto found = indexOf.constFind(label);
        if (found == indexOf.constEnd()) {
            found = indexOf.insert(label, int(table.classes.size()));
            table.classes.append(label);
        }
        return double(found.value());
    };
    table.probabilities.resize(n, Eigen::Index(probabilityColumns.size()));
    for (qint64 i = 0; i < n; ++i) {
        table.truth[i] = classIndex(truth, i);
        table.predicted[i] = classIndex(predicted, i);
        for (qsizetype k = 0; k < probabilityColumns.size(); ++k)
            table.probabilities(i, Eigen::Index(k)) = data.column(probabilityColumns.at(k)).toDouble(i);
    }
    return table;
}

Base::Result<PredictionTable> loadPredictionTable(const Store::ExperimentStore &store, qint64 runId, Learn::Task task)
{
    const QString path = QDir(store.artifactDir(runId)).filePath(Runs::outOfFoldPredictionsFileName);
    QFile file(path);
    if (!file.exists())
        return Base::Error(QStringLiteral("run %1 has no out-of-fold predictions").arg(runId), path);
    if (!file.open(QIODevice::ReadOnly))
        return Base::Error(QStringLiteral("cannot read the predictions: %1").arg(file.errorString()), path);
    return parsePredictionTable(file.readAll(), task, path);
}

} // namespace Tandem::Compare
