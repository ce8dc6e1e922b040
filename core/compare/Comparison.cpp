// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/compare/Comparison.h"

#include "core/compare/PredictionTable.h"
#include "core/eval/MetricSet.h"
#include "core/learn/Registry.h"
#include "core/runs/OutOfFoldPredictions.h"
#include "core/store/ExperimentStore.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace Tandem::Compare {
namespace {

using Eval::EvaluationSpec;

const QString accuracyMetric = QStringLiteral("accuracy");

quint64 foldRowKey(int fold, qint64 row)
{
    return (quint64(fold) << 40) | quint64(row);
}

/// The folds of the split, and those of its first repeat (each row tested once).
std::pair<int, int> splitFoldCounts(const Runs::RunSpec &spec)
{
    if (spec.evaluation.method == EvaluationSpec::Method::Holdout)
        return {1, 1};
    return {spec.evaluation.folds * spec.evaluation.repeats, spec.evaluation.folds};
}

ComparedRun readRun(const Store::RunDetails &details)
{
    ComparedRun run;
    run.record = details.run;
    auto spec = Runs::RunSpec::fromJson(details.run.spec);
    if (spec.ok()) {
        run.spec = spec.value();
        run.splitsKey = run.spec->splitsKey();
        if (const Learn::ModelInfo *model = run.spec->model())
            run.task = model->task;
        run.splitFolds = splitFoldCounts(*run.spec).first;
    } else {
        run.specError = spec.error().message;
    }
    QSet<QString> stepped;
    for (const Store::MetricPoint &point : details.metrics) {
        if (point.step) {
            stepped.insert(point.name);
            continue;
        }
        if (!run.metrics.contains(point.name))
            run.metrics.append(point.name);
        if (!point.fold || *point.fold < 0)
            continue;
        QList<double> &values = run.foldValues[point.name];
        const qsizetype size = std::max<qsizetype>(run.splitFolds, *point.fold + 1);
        if (values.size() < size)
            values.resize(size, std::nan(""));
        values[*point.fold] = point.value;
    }
    for (auto it = details.run.metrics.constBegin(); it != details.run.metrics.constEnd(); ++it) {
        // A value over all folds recorded without fold rows; not a learning curve's last step.
        if (!run.metrics.contains(it.key()) && !stepped.contains(it.key()))
            run.metrics.append(it.key());
    }
    return run;
}

void readPredictions(const Store::ExperimentStore &store, const Store::RunDetails &details, ComparedRun &run)
{
    if (!run.spec || run.task != Learn::Task::Classification) {
        run.predictionsNote = QStringLiteral("not a classifier");
        return;
    }
    if (!details.artifacts.contains(Runs::outOfFoldPredictionsFileName)) {
        run.predictionsNote = QStringLiteral("no out-of-fold predictions");
        return;
    }
    const auto table = loadPredictionTable(store, run.id(), run.task);
    if (!table.ok()) {
        run.predictionsNote = table.error().toString();
        return;
    }
    const int firstRepeat = splitFoldCounts(*run.spec).second;
    std::vector<std::pair<quint64, bool>> entries;
    entries.reserve(size_t(table->size()));
    for (qsizetype i = 0; i < table->size(); ++i) {
        if (table->folds[size_t(i)] < firstRepeat)
            entries.emplace_back(foldRowKey(table->folds[size_t(i)], table->rows[size_t(i)]), table->correct(i));
    }
    std::sort(entries.begin(), entries.end());
    run.predictionKeys.reserve(entries.size());
    run.predictionCorrect.reserve(entries.size());
    for (const auto &[key, correct] : entries) {
        run.predictionKeys.push_back(key);
        run.predictionCorrect.push_back(correct);
    }
}

bool hasValue(const ComparedRun &run, const QString &metric)
{
    return run.metrics.contains(metric);
}

/// "C=0.1, penalty=l1": the values of `keys` in `params`.
QString paramsLabel(const QJsonObject &params, const QStringList &keys)
{
    QStringList parts;
    for (const QString &key : keys) {
        const QJsonValue value = params.value(key);
        const QString text = value.isDouble() ? QString::number(value.toDouble(), 'g', 6)
            : value.isBool()                  ? (value.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                              : value.toString();
        parts << key + QLatin1Char('=') + text;
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString ComparedRun::model() const
{
    return spec ? spec->modelId
                : record.spec.value(QStringLiteral("model"))
                      .toObject()
                      .value(QStringLiteral("id"))
                      .toString(QStringLiteral("?"));
}

QString pairedTestId(PairedTest test)
{
    switch (test) {
    case PairedTest::CorrectedTTest: return QStringLiteral("corrected_t");
    case PairedTest::McNemar: return QStringLiteral("mcnemar");
    case PairedTest::None: break;
    }
    return {};
}

QString pairedTestName(PairedTest test)
{
    switch (test) {
    case PairedTest::CorrectedTTest: return QStringLiteral("corrected t-test");
    case PairedTest::McNemar: return QStringLiteral("McNemar");
    case PairedTest::None: break;
    }
    return QStringLiteral("none");
}

Base::Result<Comparison> Comparison::load(
    const Store::ExperimentStore &store, const QList<qint64> &runIds, bool withPredictions)
{
    if (runIds.size() < 2)
        return Base::Error(QStringLiteral("a comparison needs at least two runs, got %1").arg(runIds.size()));
    QSet<qint64> seen;
    for (qint64 id : runIds) {
        if (seen.contains(id))
            return Base::Error(QStringLiteral("run %1 is given twice").arg(id));
        seen.insert(id);
    }
    QList<ComparedRun> runs;
    for (qint64 id : runIds) {
        const auto details = store.run(id);
        if (!details.ok())
            return details.error();
        ComparedRun run = readRun(details.value());
        if (withPredictions)
            readPredictions(store, details.value(), run);
        runs.append(std::move(run));
    }
    return fromRuns(std::move(runs));
}

Comparison Comparison::fromRuns(QList<ComparedRun> runs)
{
    Comparison comparison;
    comparison.m_runs = std::move(runs);
    return comparison;
}

int Comparison::indexOf(qint64 runId) const
{
    for (qsizetype i = 0; i < m_runs.size(); ++i) {
        if (m_runs.at(i).id() == runId)
            return int(i);
    }
    return -1;
}

QStringList Comparison::metricNames() const
{
    QStringList names;
    for (const ComparedRun &run : m_runs) {
        for (const QString &metric : run.metrics) {
            if (!names.contains(metric))
                names.append(metric);
        }
    }
    return names;
}

bool Comparison::hasMetric(const QString &metric) const
{
    return std::any_of(m_runs.cbegin(), m_runs.cend(), [&](const ComparedRun &run) { return hasValue(run, metric); });
}

Eval::MetricSummary Comparison::summary(int run, const QString &metric, double confidence) const
{
    const ComparedRun &compared = m_runs.at(run);
    const QList<double> values = compared.foldValues.value(metric);
    if (std::any_of(values.cbegin(), values.cend(), [](double v) { return std::isfinite(v); }))
        return Eval::summarize(metric, values, confidence);
    Eval::MetricSummary summary;
    summary.name = metric;
    if (compared.record.metrics.contains(metric))
        summary.mean = compared.record.metrics.value(metric);
    return summary;
}

QList<int> Comparison::best(const QString &metric) const
{
    const bool higher = Eval::greaterIsBetter(metric);
    QList<int> best;
    double bestMean = std::nan("");
    for (int i = 0; i < int(m_runs.size()); ++i) {
        const double mean = summary(i, metric).mean;
        if (!std::isfinite(mean))
            continue;
        if (best.isEmpty() || (higher ? mean > bestMean : mean < bestMean)) {
            best = {i};
            bestMean = mean;
        } else if (mean == bestMean) {
            best.append(i);
        }
    }
    return best;
}

PairComparison Comparison::compare(int first, int second, const QString &metric) const
{
    PairComparison pair;
    pair.first = first;
    pair.second = second;
    pair.metric = metric;
    const ComparedRun &a = m_runs.at(first);
    const ComparedRun &b = m_runs.at(second);
    pair.meanDifference = summary(first, metric).mean - summary(second, metric).mean;
    for (const ComparedRun *run : {&a, &b}) {
        if (!hasValue(*run, metric)) {
            pair.reason = QStringLiteral("run %1 has no %2").arg(run->id()).arg(metric);
            return pair;
        }
        if (!run->spec) {
            pair.reason = QStringLiteral("run %1's spec cannot be read").arg(run->id());
            return pair;
        }
    }
    if (const QString difference = Runs::splitsDifference(*a.spec, *b.spec); !difference.isEmpty()) {
        pair.reason = difference;
        return pair;
    }

    // The same splits: folds and rows pair up.
    {
        qint64 onlyFirst = 0;
        qint64 onlySecond = 0;
        qint64 paired = 0;
        // Both key lists ascend: one merge pass.
        for (size_t i = 0, j = 0; i < a.predictionKeys.size() && j < b.predictionKeys.size();) {
            if (a.predictionKeys[i] < b.predictionKeys[j]) {
                ++i;
            } else if (b.predictionKeys[j] < a.predictionKeys[i]) {
                ++j;
            } else {
                ++paired;
                onlyFirst += a.predictionCorrect[i] && !b.predictionCorrect[j] ? 1 : 0;
                onlySecond += !a.predictionCorrect[i] && b.predictionCorrect[j] ? 1 : 0;
                ++i;
                ++j;
            }
        }
        if (paired > 0)
            pair.mcnemar = Eval::mcnemarTest(onlyFirst, onlySecond);
    }

    QList<double> firstValues = a.foldValues.value(metric);
    QList<double> secondValues = b.foldValues.value(metric);
    const qsizetype folds = std::max(firstValues.size(), secondValues.size());
    firstValues.resize(folds, std::nan(""));
    secondValues.resize(folds, std::nan(""));
    qsizetype common = 0;
    for (qsizetype f = 0; f < folds; ++f)
        common += std::isfinite(firstValues[f]) && std::isfinite(secondValues[f]) ? 1 : 0;

    if (common >= 2) {
        const auto tTest = Eval::correctedResampledTTest(
            firstValues, secondValues, Eval::kFoldTestTrainRatio(a.spec->evaluation.folds));
        if (tTest.ok()) {
            pair.tTest = tTest.value();
            pair.test = PairedTest::CorrectedTTest;
            pair.pValue = tTest->pValue;
            pair.meanDifference = tTest->meanDifference;
            return pair;
        }
        pair.reason = tTest.error().message;
        return pair;
    }
    if (metric == accuracyMetric && pair.mcnemar) {
        pair.test = PairedTest::McNemar;
        pair.pValue = pair.mcnemar->pValue;
        return pair;
    }
    if (common == 0)
        pair.reason = QStringLiteral("no fold has %1 in both runs").arg(metric);
    else if (metric == accuracyMetric)
        pair.reason = QStringLiteral("a single split and no predictions to pair");
    else
        pair.reason = QStringLiteral("a single split: only accuracy can be tested (McNemar's test)");
    return pair;
}

QList<PairComparison> Comparison::pairs(const QString &metric) const
{
    QList<PairComparison> result;
    for (int i = 0; i < int(m_runs.size()); ++i) {
        for (int j = i + 1; j < int(m_runs.size()); ++j)
            result.append(compare(i, j, metric));
    }
    return result;
}

Eval::WinTieLossMatrix Comparison::winTieLoss(const QString &metric, double alpha) const
{
    QList<Eval::PairwiseTest> tests;
    for (const PairComparison &pair : pairs(metric))
        tests.append(pair.pairwiseTest());
    return Eval::WinTieLossMatrix(int(m_runs.size()), tests, alpha, Eval::greaterIsBetter(metric));
}

bool Comparison::spansDatasets() const
{
    QSet<QString> fingerprints;
    for (const ComparedRun &run : m_runs) {
        if (run.spec && !run.spec->datasetFingerprint.isEmpty())
            fingerprints.insert(run.spec->datasetFingerprint);
    }
    return fingerprints.size() >= 2;
}

Base::Result<RankComparison> Comparison::acrossDatasets(const QString &metric, double alpha) const
{
    struct Configuration {
        QString key;
        QString modelId;
        QJsonObject params;
    };
    QStringList datasetKeys;
    QStringList datasetNames;
    QList<Configuration> configurations;
    // (dataset, configuration) → the latest run's index.
    std::map<std::pair<qsizetype, qsizetype>, int> latest;
    for (int i = 0; i < int(m_runs.size()); ++i) {
        const ComparedRun &run = m_runs.at(i);
        if (!run.spec || run.spec->datasetFingerprint.isEmpty() || !std::isfinite(summary(i, metric).mean))
            continue;
        const QJsonObject json = run.spec->toJson();
        const QJsonObject model = json.value(QStringLiteral("model")).toObject();
        const QString key = QString::fromUtf8(
            QJsonDocument(QJsonArray {model, json.value(QStringLiteral("pipeline"))}).toJson(QJsonDocument::Compact));
        qsizetype dataset = datasetKeys.indexOf(run.spec->datasetFingerprint);
        if (dataset < 0) {
            dataset = datasetKeys.size();
            datasetKeys.append(run.spec->datasetFingerprint);
            datasetNames.append(QFileInfo(run.spec->datasetPath).fileName());
        }
        const auto found = std::find_if(
            configurations.cbegin(), configurations.cend(), [&](const Configuration &c) { return c.key == key; });
        qsizetype configuration = found - configurations.cbegin();
        if (found == configurations.cend())
            configurations.append({key, run.spec->modelId, model.value(QStringLiteral("params")).toObject()});
        auto &cell = latest[{dataset, configuration}];
        if (cell == 0 || m_runs.at(cell - 1).id() < run.id())
            cell = i + 1; // 0 means empty
    }
    if (datasetKeys.size() < 2)
        return Base::Error(
            QStringLiteral("ranking models over datasets needs runs on at least two datasets with %1, got %2")
                .arg(metric)
                .arg(datasetKeys.size()));

    RankComparison ranks;
    ranks.metric = metric;
    ranks.datasetKeys = datasetKeys;
    // Two files of the same name with different data are told apart by their fingerprints.
    for (qsizetype d = 0; d < datasetNames.size(); ++d) {
        const bool shared = datasetNames.count(datasetNames.at(d)) > 1;
        ranks.datasets.append(
            shared ? QStringLiteral("%1 (%2)").arg(datasetNames.at(d), datasetKeys.at(d).left(8)) : datasetNames.at(d));
    }
    QList<qsizetype> complete;
    for (qsizetype c = 0; c < configurations.size(); ++c) {
        bool everywhere = true;
        for (qsizetype d = 0; d < datasetKeys.size(); ++d)
            everywhere = everywhere && latest.count({d, c}) > 0;
        if (everywhere)
            complete.append(c);
    }
    // Labels: the model id, with the parameters that differ when a family appears twice.
    const auto label = [&](qsizetype c, const QList<qsizetype> &among) {
        const Configuration &configuration = configurations.at(c);
        QStringList differing;
        for (qsizetype other : among) {
            const Configuration &peer = configurations.at(other);
            if (other == c || peer.modelId != configuration.modelId)
                continue;
            for (const QString &key : configuration.params.keys()) {
                if (peer.params.value(key) != configuration.params.value(key) && !differing.contains(key))
                    differing.append(key);
            }
        }
        differing.sort();
        return differing.isEmpty()
            ? configuration.modelId
            : QStringLiteral("%1 (%2)").arg(configuration.modelId, paramsLabel(configuration.params, differing));
    };
    QList<qsizetype> all(configurations.size());
    std::iota(all.begin(), all.end(), 0);
    for (qsizetype c = 0; c < configurations.size(); ++c) {
        if (!complete.contains(c))
            ranks.incomplete.append(label(c, all));
    }
    if (complete.size() < 2)
        return Base::Error(QStringLiteral("ranking models over datasets needs at least two models run on every one of "
                                          "the %1 datasets, got %2")
                               .arg(datasetKeys.size())
                               .arg(complete.size()));

    ranks.scores.resize(datasetKeys.size(), complete.size());
    for (qsizetype d = 0; d < datasetKeys.size(); ++d) {
        QList<qint64> ids;
        for (qsizetype m = 0; m < complete.size(); ++m) {
            const int run = latest.at({d, complete.at(m)}) - 1;
            ranks.scores(d, m) = summary(run, metric).mean;
            ids.append(m_runs.at(run).id());
        }
        ranks.runIds.append(ids);
    }
    for (qsizetype c : complete)
        ranks.models.append(label(c, complete));

    const auto friedman = Eval::friedmanTest(ranks.scores, Eval::greaterIsBetter(metric));
    if (!friedman.ok())
        return friedman.error();
    ranks.friedman = friedman.value();
    const auto nemenyi = Eval::nemenyiTest(ranks.friedman.averageRanks, ranks.friedman.datasets, alpha);
    if (!nemenyi.ok())
        return nemenyi.error();
    ranks.nemenyi = nemenyi.value();
    return ranks;
}

} // namespace Tandem::Compare
