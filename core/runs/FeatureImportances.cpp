// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/FeatureImportances.h"

#include "core/base/Progress.h"
#include "core/data/CsvReader.h"
#include "core/data/Dataset.h"
#include "core/eval/CrossValidation.h"
#include "core/runs/CsvText.h"
#include "core/store/ExperimentStore.h"

#include <QDir>
#include <QFile>
#include <QHash>

#include <algorithm>
#include <limits>

namespace Tandem::Runs {

QList<FeatureImportance> featureImportancesOf(const Eval::EvaluationResult &result)
{
    QList<FeatureImportance> importances;
    for (qsizetype f = 0; f < result.folds.size(); ++f) {
        const Eval::FoldOutcome &fold = result.folds.at(f);
        for (const Eval::Metric &importance : fold.impurityImportance)
            importances.append({impurityImportanceKind, importance.name, int(f), importance.value});
        for (const Eval::Metric &importance : fold.permutationImportance)
            importances.append({permutationImportanceKind, importance.name, int(f), importance.value});
    }
    return importances;
}

QByteArray featureImportancesCsv(const QList<FeatureImportance> &importances)
{
    QString text = QStringLiteral("kind,feature,fold,importance\n");
    for (const FeatureImportance &importance : importances) {
        text += importance.kind + QLatin1Char(',') + CsvText::field(importance.feature) + QLatin1Char(',')
            + QString::number(importance.fold) + QLatin1Char(',') + CsvText::number(importance.value)
            + QLatin1Char('\n');
    }
    return text.toUtf8();
}

Base::Result<QList<FeatureImportance>> parseFeatureImportances(const QByteArray &csv, const QString &name)
{
    const QString source = name.isEmpty() ? featureImportancesFileName : name;
    // Feature names are kept as written: only an empty importance is missing.
    Data::CsvOptions options;
    options.delimiter = ',';
    options.header = Data::CsvOptions::Header::Present;
    options.encoding = Data::CsvOptions::Encoding::Utf8;
    options.naTokens = {QString()};
    options.columnTypes = {{QStringLiteral("kind"), Data::ColumnType::Categorical},
        {QStringLiteral("feature"), Data::ColumnType::Categorical}, {QStringLiteral("fold"), Data::ColumnType::Integer},
        {QStringLiteral("importance"), Data::ColumnType::Numeric}};
    Base::NullProgressSink sink;
    auto loaded = Data::CsvReader::readBytes(csv, source, options, Base::Progress(sink));
    if (!loaded.ok())
        return loaded.error();
    // Forcing the four columns' types also makes the reader refuse a file without them.
    const Data::Dataset &data = *loaded->dataset;
    const Data::Column &kinds = data.column(data.indexOf(QStringLiteral("kind")));
    const Data::Column &features = data.column(data.indexOf(QStringLiteral("feature")));
    const Data::Column &folds = data.column(data.indexOf(QStringLiteral("fold")));
    const Data::Column &values = data.column(data.indexOf(QStringLiteral("importance")));

    QList<FeatureImportance> importances;
    importances.reserve(qsizetype(data.rowCount()));
    for (qint64 i = 0; i < data.rowCount(); ++i) {
        const qint64 line = i + 2;
        const QString kind = kinds.isMissing(i) ? QString() : kinds.toString(i);
        if (kind != impurityImportanceKind && kind != permutationImportanceKind)
            return Base::Error(QStringLiteral("unknown importance kind '%1' (expected %2 or %3)")
                                   .arg(kind, impurityImportanceKind, permutationImportanceKind),
                source, line);
        const double fold = folds.toDouble(i);
        if (!(fold >= 0.0 && fold <= double(std::numeric_limits<int>::max())))
            return Base::Error(QStringLiteral("fold must be a whole number >= 0"), source, line);
        importances.append(
            {kind, features.isMissing(i) ? QString() : features.toString(i), int(fold), values.toDouble(i)});
    }
    return importances;
}

Base::Result<QList<FeatureImportance>> loadFeatureImportances(const Store::ExperimentStore &store, qint64 runId)
{
    const QString path = QDir(store.artifactDir(runId)).filePath(featureImportancesFileName);
    QFile file(path);
    if (!file.exists())
        return QList<FeatureImportance>();
    if (!file.open(QIODevice::ReadOnly))
        return Base::Error(QStringLiteral("cannot read the feature importances: %1").arg(file.errorString()), path);
    return parseFeatureImportances(file.readAll(), path);
}

QList<Eval::MetricSummary> summarizeImportances(const QList<FeatureImportance> &importances, const QString &kind)
{
    QStringList order;
    QHash<QString, QList<double>> values;
    for (const FeatureImportance &importance : importances) {
        if (importance.kind != kind)
            continue;
        auto found = values.find(importance.feature);
        if (found == values.end()) {
            order.append(importance.feature);
            found = values.insert(importance.feature, {});
        }
        found->append(importance.value);
    }
    QList<Eval::MetricSummary> summaries;
    summaries.reserve(order.size());
    for (const QString &feature : std::as_const(order))
        summaries.append(Eval::summarize(feature, values.value(feature)));
    return summaries;
}

QStringList importanceKinds(const QList<FeatureImportance> &importances)
{
    QStringList kinds;
    for (const QString &kind : {impurityImportanceKind, permutationImportanceKind}) {
        if (std::any_of(importances.cbegin(), importances.cend(),
                [&kind](const FeatureImportance &importance) { return importance.kind == kind; }))
            kinds.append(kind);
    }
    return kinds;
}

} // namespace Tandem::Runs
