// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting a run of a workspace as a bundle (refitted on all rows, or the very
// model a holdout run evaluated), what is refused, and the reproducibility check
// that rebuilds a bundle from its spec.
#include "core/bundle/Export.h"
#include "core/bundle/ReproducibilityCheck.h"
#include "core/runs/CsvText.h"
#include "core/runs/OutOfFoldPredictions.h"
#include "core/runs/RunExecution.h"
#include "core/runs/RunPlan.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "tests/bundle/BundleTestData.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using namespace Tandem::BundleTest;

namespace {

class ExportFixture
{
public:
    ExportFixture()
    {
        csvPath = dir.filePath(QStringLiteral("table.csv"));
        QFile file(csvPath);
        if (file.open(QIODevice::WriteOnly))
            file.write(tableCsv());
        file.close();
        if (auto created = Store::Workspace::create(dir.filePath(QStringLiteral("ws"))); created.ok())
            workspace = created.value();
    }

    /// A spec over table.csv, pinned to its fingerprint.
    Runs::RunSpec spec(const QString &modelId, Eval::EvaluationSpec::Method method) const
    {
        Runs::RunSpec spec = specFor(modelId, method);
        spec.datasetPath = csvPath;
        return spec;
    }

    /// Runs `spec` to the end as a job would; its id, or 0.
    qint64 run(const Runs::RunSpec &spec)
    {
        Base::NullProgressSink sink;
        const Base::Progress progress(sink);
        auto data = spec.loadDataset(progress);
        if (!data.ok())
            return 0;
        auto planned = Runs::planRuns(spec, *data->dataset);
        if (!planned.ok() || planned->size() != 1)
            return 0;
        auto id = Runs::queueRun(store(), planned->first());
        if (!id.ok())
            return 0;
        if (!Runs::executeRun(store(), id.value(), planned->first().spec, *data->dataset, 1, progress).ok())
            return 0;
        return id.value();
    }

    Store::ExperimentStore &store() { return workspace->store(); }

    Base::Result<Bundle::Bundle> exportRun(
        qint64 id, Bundle::FitScope scope = Bundle::FitScope::AllRows, const QString &dataPath = {})
    {
        Bundle::ExportOptions options;
        options.scope = scope;
        options.dataPath = dataPath;
        options.threads = 2;
        Base::NullProgressSink sink;
        return Bundle::exportRun(store(), id, options, Base::Progress(sink));
    }

    QTemporaryDir dir;
    QString csvPath;
    std::shared_ptr<Store::Workspace> workspace;
};

Base::Result<Bundle::CheckReport> check(const Bundle::Bundle &bundle, const Data::Dataset &data)
{
    Base::NullProgressSink sink;
    return Bundle::checkBundle(bundle, data, 2, Base::Progress(sink));
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aRunExportsRefittedOnAllRows()
    {
        ExportFixture fixture;
        QVERIFY(fixture.workspace);
        const qint64 id = fixture.run(fixture.spec(QStringLiteral("logreg"), Eval::EvaluationSpec::Method::KFold));
        QVERIFY(id > 0);
        auto bundle = fixture.exportRun(id);
        QVERIFY2(bundle.ok(), qPrintable(bundle.error().toString()));
        const Bundle::BundleManifest &m = bundle.value().manifest();
        QCOMPARE(m.runId, std::optional<qint64>(id));
        QCOMPARE(m.workspace, fixture.workspace->path());
        QCOMPARE(m.datasetPath, fixture.csvPath);
        QCOMPARE(m.fitScope, Bundle::FitScope::AllRows);
        QCOMPARE(m.fitRows, qint64(120));
        QCOMPARE(m.evaluation, QStringLiteral("3-fold stratified cross-validation, shuffled (seed 7)"));
        const Store::RunDetails details = fixture.store().run(id).value();
        const Store::RunRecord &run = details.run;
        // The mean of each metric over the folds; per-step values (the fits' losses) are left out.
        QMap<QString, double> means;
        for (const Store::MetricPoint &point : details.metrics) {
            if (!point.fold && !point.step)
                means.insert(point.name, point.value);
        }
        QCOMPARE(m.metrics, means);
        QVERIFY(m.metrics.contains(QStringLiteral("accuracy")) && !m.metrics.contains(QStringLiteral("train_loss")));
        QCOMPARE(m.runSpec, run.spec);

        // The model is the spec's fit on all rows: the same bytes as fitting it here.
        const auto data = table();
        Base::NullProgressSink sink;
        const auto fitted = Bundle::fitModel(
            *data, Runs::RunSpec::fromJson(run.spec).value(), Bundle::FitScope::AllRows, 1, Base::Progress(sink));
        QVERIFY(fitted.ok());
        const auto direct = Bundle::makeBundle(
            *data, Runs::RunSpec::fromJson(run.spec).value(), fitted.value(), {}, Base::Progress(sink));
        QCOMPARE(direct.value().modelBytes().value(), bundle.value().modelBytes().value());
        QCOMPARE(direct.value().pipelineBytes().value(), bundle.value().pipelineBytes().value());
    }

    void noRefitExportsTheModelAHoldoutRunEvaluated()
    {
        ExportFixture fixture;
        const qint64 id = fixture.run(fixture.spec(QStringLiteral("forest"), Eval::EvaluationSpec::Method::Holdout));
        QVERIFY(id > 0);
        auto bundle = fixture.exportRun(id, Bundle::FitScope::HoldoutTraining);
        QVERIFY2(bundle.ok(), qPrintable(bundle.error().toString()));
        QCOMPARE(bundle.value().manifest().fitScope, Bundle::FitScope::HoldoutTraining);
        QCOMPARE(bundle.value().manifest().fitRows, qint64(90)); // 120 minus ceil(25 %)

        // The run's out-of-fold predictions are this model's, row for row, to the last bit.
        QFile oof(fixture.store().artifactDir(id) + QLatin1Char('/') + Runs::outOfFoldPredictionsFileName);
        QVERIFY(oof.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = oof.readAll().split('\n');
        const auto data = table();
        const Bundle::Bundle &b = bundle.value();
        qsizetype compared = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            if (lines.at(i).isEmpty())
                continue;
            const QList<QByteArray> cells = lines.at(i).split(',');
            const qint64 row = cells.at(0).toLongLong();
            const std::vector<qint64> rows {row};
            const Learn::Matrix X = b.pipeline().transform(*data, rows).value();
            const Learn::Vector predicted = b.model().predict(X).value();
            QCOMPARE(QString::fromUtf8(cells.at(3)), b.pipeline().decodeClasses(predicted).first());
            const Learn::Matrix proba = b.model().predictProba(X).value();
            for (Eigen::Index k = 0; k < proba.cols(); ++k)
                QCOMPARE(QString::fromUtf8(cells.at(4 + k)), Runs::CsvText::number(proba(0, k)));
            ++compared;
        }
        QCOMPARE(compared, qsizetype(30));

        // The check rebuilds the same holdout model.
        const auto report = check(b, *data);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        QVERIFY(report.value().allMatched());
    }

    void whatCannotBeExportedIsRefused()
    {
        ExportFixture fixture;
        const qint64 kfold = fixture.run(fixture.spec(QStringLiteral("gnb"), Eval::EvaluationSpec::Method::KFold));
        QVERIFY(kfold > 0);
        auto refused = fixture.exportRun(kfold, Bundle::FitScope::HoldoutTraining);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.startsWith(QStringLiteral("the run was evaluated by 3-fold cross-validation: "
                                                                   "each fold fitted a model of its own")),
            qPrintable(refused.error().message));

        const qint64 queued = fixture.store().addRun({}).value();
        refused = fixture.exportRun(queued);
        QCOMPARE(refused.error().message,
            QStringLiteral("run %1 is queued: only a run that finished (done) can be exported").arg(queued));
        QVERIFY(!fixture.exportRun(9999).ok());

        // Other data than the run's is refused by its fingerprint; a copy is fine.
        const QString other = fixture.dir.filePath(QStringLiteral("other.csv"));
        QFile file(other);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(tableCsv(100));
        file.close();
        refused = fixture.exportRun(kfold, Bundle::FitScope::AllRows, other);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QStringLiteral("dataset.fingerprint")));
        QCOMPARE(refused.error().file, other);
        const QString copy = fixture.dir.filePath(QStringLiteral("copy.csv"));
        QVERIFY(QFile::copy(fixture.csvPath, copy));
        QVERIFY(fixture.exportRun(kfold, Bundle::FitScope::AllRows, copy).ok());
        // The run's data moved away: say which file is missing.
        QVERIFY(QFile::remove(fixture.csvPath));
        refused = fixture.exportRun(kfold);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().toString().contains(fixture.csvPath));
    }

    void theCheckConfirmsOrNamesTheDifferences()
    {
        ExportFixture fixture;
        const qint64 id = fixture.run(fixture.spec(QStringLiteral("gbdt"), Eval::EvaluationSpec::Method::KFold));
        QVERIFY(id > 0);
        auto bundle = fixture.exportRun(id);
        QVERIFY(bundle.ok());
        const auto data = table();
        auto report = check(bundle.value(), *data);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        QVERIFY(report.value().allMatched());
        const QList<Bundle::CheckItem> &items = report.value().items;
        QCOMPARE(items.first().name, QStringLiteral("dataset fingerprint"));
        QCOMPARE(items.last().name, QStringLiteral("model"));
        QCOMPARE(items.size(), 2 + bundle.value().manifest().metrics.size());

        // Other rows: another fingerprint, other metrics, another model.
        const auto fewer = table(100);
        report = check(bundle.value(), *fewer);
        QVERIFY(report.ok());
        QVERIFY(!report.value().allMatched());
        QVERIFY(!report.value().items.first().matched);
        QCOMPARE(report.value().items.first().found, fewer->fingerprint());
        QVERIFY(!report.value().items.last().matched);
        const auto accuracy = std::find_if(report.value().items.begin(), report.value().items.end(),
            [](const Bundle::CheckItem &item) { return item.name == QLatin1String("metric accuracy"); });
        QVERIFY(accuracy != report.value().items.end());
        QVERIFY(!accuracy->matched);

        // Data the spec cannot run on is an error, not a mismatch.
        Base::NullProgressSink sink;
        auto noTarget
            = Data::CsvReader::readBytes("x,n\n1,2\n3,4\n", QStringLiteral("n.csv"), {}, Base::Progress(sink));
        QVERIFY(!check(bundle.value(), *noTarget.value().dataset).ok());
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
