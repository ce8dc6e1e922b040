// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing stored runs: which runs share splits (RunSpec::splitsKey), the
// out-of-fold predictions read back, and the comparison of real runs recorded in a
// workspace (summaries, best run, paired tests, win/tie/loss, ranks over datasets).
#include "core/base/Progress.h"
#include "core/compare/Comparison.h"
#include "core/compare/PredictionTable.h"
#include "core/data/Dataset.h"
#include "core/eval/Statistics.h"
#include "core/runs/OutOfFoldPredictions.h"
#include "core/runs/RunExecution.h"
#include "core/runs/RunPlan.h"
#include "core/runs/RunSpec.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Tandem;
using Compare::Comparison;
using Compare::PairedTest;
using Runs::RunSpec;

namespace {

const QString samples = QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples");
const QString irisFingerprint = QStringLiteral("743e9674227a2c21ffda8455887e13405db4102e6b059de4e026e500d4d85a8a");

/// A spec on a sample file; `evaluation` is the JSON of its evaluation object.
RunSpec makeSpec(const QString &file, const QString &target, const QString &model, const QByteArray &evaluation,
    const QString &fingerprint = irisFingerprint)
{
    QJsonObject dataset {{QStringLiteral("path"), samples + QLatin1Char('/') + file}};
    if (!fingerprint.isEmpty())
        dataset.insert(QStringLiteral("fingerprint"), fingerprint);
    const QJsonObject json {{QStringLiteral("dataset"), dataset}, {QStringLiteral("target"), target},
        {QStringLiteral("model"), QJsonObject {{QStringLiteral("id"), model}}},
        {QStringLiteral("evaluation"), QJsonDocument::fromJson(evaluation).object()}};
    auto spec = RunSpec::fromJson(json);
    if (!spec.ok())
        qFatal("bad test spec: %s", qPrintable(spec.error().toString()));
    return spec.value();
}

RunSpec irisSpec(const QString &model, const QByteArray &evaluation)
{
    return makeSpec(QStringLiteral("iris.csv"), QStringLiteral("species"), model, evaluation);
}

/// Runs `spec` (one configuration) to the end in `workspace`, as a job would; its id, or 0.
qint64 runToEnd(Store::Workspace &workspace, const RunSpec &spec)
{
    Base::NullProgressSink sink;
    const Base::Progress progress(sink);
    auto data = spec.loadDataset(progress);
    if (!data.ok()) {
        qWarning() << data.error().toString();
        return 0;
    }
    auto planned = Runs::planRuns(spec, *data->dataset);
    if (!planned.ok() || planned->size() != 1)
        return 0;
    Store::ExperimentStore &store = workspace.store();
    auto id = Runs::queueRun(store, planned->first());
    if (!id.ok())
        return 0;
    const Base::Status done = Runs::executeRun(store, id.value(), planned->first().spec, *data->dataset, 1, progress);
    if (!done.ok()) {
        qWarning() << done.error().toString();
        return 0;
    }
    return id.value();
}

/// The run's value of `metric` in each fold, straight from the store.
QList<double> storedFolds(const Store::ExperimentStore &store, qint64 runId, const QString &metric)
{
    QList<double> values;
    const auto details = store.run(runId);
    if (!details.ok())
        return values;
    for (const Store::MetricPoint &point : details->metrics) {
        if (point.name == metric && point.fold && !point.step) {
            values.resize(std::max<qsizetype>(values.size(), *point.fold + 1), std::nan(""));
            values[*point.fold] = point.value;
        }
    }
    return values;
}

/// Per (fold,row) of the predictions file, whether the prediction was right: read
/// with a plain split, as iris labels need no quoting.
QHash<QString, bool> correctness(const Store::ExperimentStore &store, qint64 runId)
{
    QFile file(QDir(store.artifactDir(runId)).filePath(Runs::outOfFoldPredictionsFileName));
    QHash<QString, bool> result;
    if (!file.open(QIODevice::ReadOnly))
        return result;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines.at(i).split(',');
        if (fields.size() >= 4)
            result.insert(QString::fromLatin1(fields[1] + ':' + fields[0]), fields[2] == fields[3]);
    }
    return result;
}

} // namespace

class TestComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Runs share splits when the data, target and what decides the folds agree;
    // the model, its parameters and the seed of an unshuffled split do not matter.
    void splitsKey()
    {
        const QByteArray fiveFolds = R"({"method": "kfold", "folds": 5, "seed": 42})";
        const RunSpec logreg = irisSpec(QStringLiteral("logreg"), fiveFolds);
        const RunSpec knn = irisSpec(QStringLiteral("knn"), fiveFolds);
        QVERIFY(!logreg.splitsKey().isEmpty());
        QCOMPARE(logreg.splitsKey(), knn.splitsKey());
        QCOMPARE(Runs::splitsDifference(logreg, knn), QString());

        const auto differs = [&](const RunSpec &other, const QString &reason) {
            QVERIFY2(logreg.splitsKey() != other.splitsKey(), qPrintable(reason));
            QCOMPARE(Runs::splitsDifference(logreg, other), reason);
        };
        differs(irisSpec(QStringLiteral("knn"), R"({"method": "kfold", "folds": 5, "seed": 7})"),
            QStringLiteral("different seeds (42 vs 7)"));
        differs(irisSpec(QStringLiteral("knn"), R"({"method": "kfold", "folds": 10, "seed": 42})"),
            QStringLiteral("different fold counts (5 vs 10)"));
        differs(irisSpec(QStringLiteral("knn"), R"({"method": "kfold", "folds": 5, "repeats": 2, "seed": 42})"),
            QStringLiteral("different repeat counts (1 vs 2)"));
        differs(irisSpec(QStringLiteral("knn"), R"({"method": "holdout", "seed": 42})"),
            QStringLiteral("different evaluations (k-fold vs holdout)"));
        differs(irisSpec(QStringLiteral("knn"), R"({"method": "kfold", "folds": 5, "seed": 42, "stratify": false})"),
            QStringLiteral("one split is stratified, the other not"));
        differs(irisSpec(QStringLiteral("knn"), R"({"method": "kfold", "folds": 5, "seed": 42, "shuffle": false})"),
            QStringLiteral("one split is shuffled, the other not"));
        differs(makeSpec(QStringLiteral("iris.csv"), QStringLiteral("petal_width"), QStringLiteral("ridge"), fiveFolds),
            QStringLiteral("different targets (species vs petal_width)"));
        differs(makeSpec(QStringLiteral("wine.csv"), QStringLiteral("cultivar"), QStringLiteral("knn"), fiveFolds,
                    QString(64, QLatin1Char('a'))),
            QStringLiteral("different datasets"));

        // Stratification left to its default is the classifier's: the same as asking for it.
        QCOMPARE(irisSpec(QStringLiteral("knn"), R"({"method": "kfold", "folds": 5, "seed": 42, "stratify": true})")
                     .splitsKey(),
            logreg.splitsKey());
        // Without shuffling the seed does not touch the folds.
        QCOMPARE(irisSpec(QStringLiteral("knn"), R"({"method": "kfold", "folds": 5, "shuffle": false, "seed": 1})")
                     .splitsKey(),
            irisSpec(QStringLiteral("gnb"), R"({"method": "kfold", "folds": 5, "shuffle": false, "seed": 2})")
                .splitsKey());
        // A stratified holdout always shuffles, whatever `shuffle` says.
        QCOMPARE(irisSpec(QStringLiteral("knn"), R"({"method": "holdout", "shuffle": false, "seed": 3})").splitsKey(),
            irisSpec(QStringLiteral("knn"), R"({"method": "holdout", "seed": 3})").splitsKey());
        // Unpinned data: its splits cannot be known.
        const RunSpec unpinned = makeSpec(
            QStringLiteral("iris.csv"), QStringLiteral("species"), QStringLiteral("knn"), fiveFolds, QString());
        QCOMPARE(unpinned.splitsKey(), QString());
        QCOMPARE(Runs::splitsDifference(logreg, unpinned), QStringLiteral("data not pinned by a fingerprint"));
    }

    void predictionTable()
    {
        const QByteArray csv = "row,fold,truth,predicted,proba_NA,\"proba_a,b\",proba_1.0\n"
                               "4,0,NA,\"a,b\",0.2,0.7,0.1\n"
                               "9,0,1.0,1.0,0.1,0.1,0.8\n"
                               "2,1,\"a,b\",zz,,,\n";
        const auto table = Compare::parsePredictionTable(csv, Learn::Task::Classification);
        QVERIFY2(table.ok(), qPrintable(table.error().toString()));
        QCOMPARE(table->size(), 3);
        QCOMPARE(table->rows, std::vector<qint64>({4, 9, 2}));
        QCOMPARE(table->folds, std::vector<int>({0, 0, 1}));
        // Labels stay text ("NA" and "1.0" are classes, not missing or numbers); an
        // unknown label joins the classes after those with probabilities.
        QCOMPARE(table->classes,
            QStringList({QStringLiteral("NA"), QStringLiteral("a,b"), QStringLiteral("1.0"), QStringLiteral("zz")}));
        QCOMPARE(table->truth[0], 0.0);
        QCOMPARE(table->predicted[0], 1.0);
        QCOMPARE(table->predicted[2], 3.0);
        QCOMPARE(table->probabilities.cols(), 3);
        QCOMPARE(table->probabilities(0, 1), 0.7);
        QVERIFY(std::isnan(table->probabilities(2, 0)));
        QVERIFY(!table->correct(0));
        QVERIFY(table->correct(1));

        const auto regression = Compare::parsePredictionTable(
            "row,fold,truth,predicted\n0,0,1.5,1.25\n1,0,2,\n", Learn::Task::Regression);
        QVERIFY2(regression.ok(), qPrintable(regression.error().toString()));
        QCOMPARE(regression->predicted[0], 1.25);
        QVERIFY(std::isnan(regression->predicted[1]));
        QCOMPARE(regression->probabilities.size(), 0);

        const auto missing = Compare::parsePredictionTable("row,truth,predicted\n0,a,a\n", Learn::Task::Classification);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(QStringLiteral("\"fold\"")), qPrintable(missing.error().message));
        const auto negative
            = Compare::parsePredictionTable("row,fold,truth,predicted\n-3,0,a,a\n", Learn::Task::Classification);
        QVERIFY(!negative.ok());
        QCOMPARE(negative.error().line, 2);
    }

    // Real runs on iris: two models on the same 5 folds, one on other folds, two on
    // one holdout. The comparison's numbers are those of the stored folds and predictions.
    void comparesRealRuns()
    {
        QTemporaryDir dir;
        auto workspace = Store::Workspace::create(dir.path());
        QVERIFY2(workspace.ok(), qPrintable(workspace.error().toString()));
        Store::Workspace &ws = *workspace.value();
        const QByteArray fiveFolds = R"({"method": "kfold", "folds": 5, "seed": 42})";
        const QByteArray holdout = R"({"method": "holdout", "holdout_fraction": 0.4, "seed": 1})";
        const qint64 logreg = runToEnd(ws, irisSpec(QStringLiteral("logreg"), fiveFolds));
        const qint64 knn = runToEnd(ws, irisSpec(QStringLiteral("knn"), fiveFolds));
        const qint64 otherSeed
            = runToEnd(ws, irisSpec(QStringLiteral("gnb"), R"({"method": "kfold", "folds": 5, "seed": 7})"));
        const qint64 holdoutTree = runToEnd(ws, irisSpec(QStringLiteral("tree"), holdout));
        const qint64 holdoutKnn = runToEnd(ws, irisSpec(QStringLiteral("knn"), holdout));
        for (qint64 id : {logreg, knn, otherSeed, holdoutTree, holdoutKnn})
            QVERIFY(id > 0);
        const Store::ExperimentStore &store = ws.store();

        const auto loaded = Comparison::load(store, {logreg, knn, otherSeed, holdoutTree, holdoutKnn});
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Comparison &comparison = loaded.value();
        QCOMPARE(comparison.runs().size(), 5);
        QCOMPARE(comparison.indexOf(knn), 1);
        QCOMPARE(comparison.runs().at(0).model(), QStringLiteral("logreg"));
        QCOMPARE(comparison.runs().at(0).splitFolds, 5);
        QCOMPARE(comparison.runs().at(0).splitsKey, comparison.runs().at(1).splitsKey);
        const QStringList metrics = comparison.metricNames();
        QCOMPARE(metrics.first(), QStringLiteral("accuracy"));
        QVERIFY(metrics.contains(QStringLiteral("log_loss")));
        QVERIFY(!metrics.contains(QStringLiteral("train_loss"))); // per-step values are not scores

        // Mean, std and 95% interval over the stored folds.
        const QString accuracy = QStringLiteral("accuracy");
        const QList<double> folds = storedFolds(store, logreg, accuracy);
        QCOMPARE(folds.size(), 5);
        double mean = 0.0;
        for (double v : folds)
            mean += v / 5.0;
        double squares = 0.0;
        for (double v : folds)
            squares += (v - mean) * (v - mean);
        const double sd = std::sqrt(squares / 4.0);
        const Eval::MetricSummary summary = comparison.summary(0, accuracy);
        QCOMPARE(summary.count, 5);
        QVERIFY(std::abs(summary.mean - mean) < 1e-12);
        QVERIFY(std::abs(summary.std - sd) < 1e-12);
        const double half = Eval::studentTQuantile(0.975, 4.0) * sd / std::sqrt(5.0);
        QVERIFY(std::abs(summary.ciHigh - (mean + half)) < 1e-12);
        QVERIFY(std::abs(summary.ciLow - (mean - half)) < 1e-12);
        QCOMPARE(comparison.summary(3, accuracy).count, 1); // a holdout: one fold, no spread
        QVERIFY(std::isnan(comparison.summary(3, accuracy).std));

        // The best run: highest accuracy, lowest log loss.
        const QString logLoss = QStringLiteral("log_loss");
        int highest = 0;
        int lowest = 0;
        for (int i = 1; i < 5; ++i) {
            if (comparison.summary(i, accuracy).mean > comparison.summary(highest, accuracy).mean)
                highest = i;
            if (comparison.summary(i, logLoss).mean < comparison.summary(lowest, logLoss).mean)
                lowest = i;
        }
        QVERIFY(comparison.best(accuracy).contains(highest));
        QCOMPARE(comparison.best(logLoss), QList<int>({lowest}));

        // Same folds: the corrected t-test on the stored fold scores, and McNemar on the predictions.
        const Compare::PairComparison shared = comparison.compare(0, 1, accuracy);
        QCOMPARE(shared.test, PairedTest::CorrectedTTest);
        const auto expected
            = Eval::correctedResampledTTest(folds, storedFolds(store, knn, accuracy), Eval::kFoldTestTrainRatio(5));
        QVERIFY(expected.ok());
        QVERIFY(shared.tTest.has_value());
        QCOMPARE(shared.tTest->pairs, 5);
        QCOMPARE(shared.pValue, expected->pValue);
        QCOMPARE(shared.meanDifference, expected->meanDifference);
        QVERIFY(shared.reason.isEmpty());
        const QHash<QString, bool> first = correctness(store, logreg);
        const QHash<QString, bool> second = correctness(store, knn);
        QCOMPARE(first.size(), 150);
        qint64 onlyFirst = 0;
        qint64 onlySecond = 0;
        for (auto it = first.constBegin(); it != first.constEnd(); ++it) {
            onlyFirst += it.value() && !second.value(it.key()) ? 1 : 0;
            onlySecond += !it.value() && second.value(it.key()) ? 1 : 0;
        }
        QVERIFY(shared.mcnemar.has_value());
        QCOMPARE(shared.mcnemar->onlyFirstCorrect, onlyFirst);
        QCOMPARE(shared.mcnemar->onlySecondCorrect, onlySecond);
        QCOMPARE(shared.mcnemar->pValue, Eval::mcnemarTest(onlyFirst, onlySecond).pValue);

        // Other folds: no paired test, and the reason.
        const Compare::PairComparison apart = comparison.compare(0, 2, accuracy);
        QCOMPARE(apart.test, PairedTest::None);
        QVERIFY(std::isnan(apart.pValue));
        QCOMPARE(apart.reason, QStringLiteral("different seeds (42 vs 7)"));
        QVERIFY(!apart.tTest && !apart.mcnemar);
        QCOMPARE(apart.meanDifference, comparison.summary(0, accuracy).mean - comparison.summary(2, accuracy).mean);
        QCOMPARE(
            comparison.compare(0, 3, accuracy).reason, QStringLiteral("different evaluations (k-fold vs holdout)"));

        // One holdout: McNemar decides accuracy; other metrics cannot be tested there.
        const Compare::PairComparison holdoutPair = comparison.compare(3, 4, accuracy);
        QCOMPARE(holdoutPair.test, PairedTest::McNemar);
        QVERIFY(holdoutPair.mcnemar.has_value());
        QCOMPARE(holdoutPair.pValue, holdoutPair.mcnemar->pValue);
        QCOMPARE(holdoutPair.mcnemar->method, Eval::McNemarMethod::ExactBinomial); // 60 rows, few disagree
        const qint64 discordant = holdoutPair.mcnemar->onlyFirstCorrect - holdoutPair.mcnemar->onlySecondCorrect;
        QVERIFY(std::abs(holdoutPair.meanDifference - double(discordant) / 60.0) < 1e-12);
        const Compare::PairComparison holdoutF1 = comparison.compare(3, 4, QStringLiteral("f1_macro"));
        QCOMPARE(holdoutF1.test, PairedTest::None);
        QCOMPARE(holdoutF1.reason, QStringLiteral("a single split: only accuracy can be tested (McNemar's test)"));
        QCOMPARE(comparison.compare(0, 1, QStringLiteral("r2")).reason, QStringLiteral("run 1 has no r2"));

        // Every pair, and the win/tie/loss matrix they make.
        const QList<Compare::PairComparison> pairs = comparison.pairs(accuracy);
        QCOMPARE(pairs.size(), 10);
        const Eval::WinTieLossMatrix matrix = comparison.winTieLoss(accuracy, 0.05);
        for (const Compare::PairComparison &pair : pairs)
            QCOMPARE(matrix.cell(pair.first, pair.second).outcome, Eval::pairOutcome(pair.pairwiseTest(), 0.05, true));
        QCOMPARE(matrix.cell(0, 2).outcome, Eval::PairOutcome::NotCompared);
        const Eval::WinTieLossMatrix::Totals totals = matrix.totals(0);
        QCOMPARE(totals.wins + totals.ties + totals.losses, 1); // only run 2 shares its folds
        QCOMPARE(totals.notCompared, 3);
        QVERIFY(!comparison.spansDatasets());
        QVERIFY(!comparison.acrossDatasets(accuracy, 0.05).ok());

        // Without predictions, the holdout pair has nothing to test on.
        const auto bare = Comparison::load(store, {holdoutTree, holdoutKnn}, false);
        QVERIFY(bare.ok());
        QCOMPARE(bare->compare(0, 1, accuracy).test, PairedTest::None);
        QCOMPARE(bare->compare(0, 1, accuracy).reason, QStringLiteral("a single split and no predictions to pair"));

        const auto one = Comparison::load(store, {logreg});
        QVERIFY(!one.ok());
        QCOMPARE(one.error().message, QStringLiteral("a comparison needs at least two runs, got 1"));
        const auto twice = Comparison::load(store, {logreg, knn, logreg});
        QVERIFY(!twice.ok());
        QCOMPARE(twice.error().message, QStringLiteral("run %1 is given twice").arg(logreg));
        const auto unknown = Comparison::load(store, {logreg, 99});
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().message.contains(QStringLiteral("99")), qPrintable(unknown.error().message));
    }

    // Three models on three datasets: Friedman and Nemenyi over the runs' mean scores.
    void ranksOverDatasets()
    {
        QTemporaryDir dir;
        auto workspace = Store::Workspace::create(dir.path());
        QVERIFY(workspace.ok());
        const QByteArray threeFolds = R"({"method": "kfold", "folds": 3, "seed": 0})";
        const QList<std::pair<QString, QString>> datasets {{QStringLiteral("iris.csv"), QStringLiteral("species")},
            {QStringLiteral("wine.csv"), QStringLiteral("cultivar")},
            {QStringLiteral("breast_cancer.csv"), QStringLiteral("diagnosis")}};
        QList<qint64> ids;
        for (const auto &[file, target] : datasets) {
            for (const char *model : {"logreg", "gnb", "knn"}) {
                const qint64 id = runToEnd(
                    *workspace.value(), makeSpec(file, target, QString::fromLatin1(model), threeFolds, QString()));
                QVERIFY(id > 0);
                ids.append(id);
            }
        }
        // A second logreg configuration on iris only: not on every dataset.
        RunSpec strong = makeSpec(
            QStringLiteral("iris.csv"), QStringLiteral("species"), QStringLiteral("logreg"), threeFolds, QString());
        strong.params.insert(QStringLiteral("C"), 100.0);
        ids.append(runToEnd(*workspace.value(), strong));
        QVERIFY(ids.last() > 0);

        const auto comparison = Comparison::load(workspace.value()->store(), ids);
        QVERIFY2(comparison.ok(), qPrintable(comparison.error().toString()));
        QVERIFY(comparison->spansDatasets());
        const QString accuracy = QStringLiteral("accuracy");
        const auto ranks = comparison->acrossDatasets(accuracy, 0.05);
        QVERIFY2(ranks.ok(), qPrintable(ranks.error().toString()));
        QCOMPARE(ranks->datasets,
            QStringList({QStringLiteral("iris.csv"), QStringLiteral("wine.csv"), QStringLiteral("breast_cancer.csv")}));
        QCOMPARE(ranks->models, QStringList({QStringLiteral("logreg"), QStringLiteral("gnb"), QStringLiteral("knn")}));
        QCOMPARE(ranks->incomplete, QStringList({QStringLiteral("logreg (C=100)")}));
        QCOMPARE(ranks->scores.rows(), 3);
        QCOMPARE(ranks->scores.cols(), 3);
        for (int d = 0; d < 3; ++d) {
            for (int m = 0; m < 3; ++m) {
                QCOMPARE(ranks->runIds.at(d).at(m), ids.at(d * 3 + m));
                QCOMPARE(ranks->scores(d, m), comparison->summary(d * 3 + m, accuracy).mean);
            }
        }
        const auto friedman = Eval::friedmanTest(ranks->scores, true);
        QVERIFY(friedman.ok());
        QCOMPARE(ranks->friedman.chiSquare, friedman->chiSquare);
        QCOMPARE(ranks->friedman.averageRanks, friedman->averageRanks);
        QCOMPARE(ranks->nemenyi.datasets, 3);
        QCOMPARE(ranks->nemenyi.alpha, 0.05);
        QVERIFY(ranks->nemenyi.criticalDifference > 0.0);
        // Runs on different data are never paired.
        QCOMPARE(comparison->compare(0, 3, accuracy).reason, QStringLiteral("different datasets"));
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "tst_comparison.moc"
