// SPDX-License-Identifier: GPL-3.0-or-later
// `tandem-cli drift` with a model and closing the loop, as a black box: --model
// (a bundle, or a run refit), prediction drift against scipy, performance windows
// with --target/--time, --retrain (a new run in the same experiment, on the
// current data or on both), and the refusals.
#include "../support/CliRunner.h"
#include "core/data/Dataset.h"
#include "core/data/DatasetReader.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Tandem;
using Tandem::Testing::CliResult;
using Tandem::Testing::runCli;

namespace {

constexpr int rows = 300;

double fraction(int i, double multiplier)
{
    return std::fmod(double(i) * multiplier, 1.0);
}

/// Column a, in hundredths (a tree splits exactly between two of its 90 to 110
/// values) and never in (0.45, 0.55): the reference spreads over [0, 0.45) and
/// [0.55, 1), the current data over [0.3, 1.5) (drifted). b is a spread over
/// [0, 10) on both sides (not drifted), t = i. label is hi when a > 0.5, lo
/// otherwise, but flipped on every even current row after row 150. A depth-1 tree
/// on a, fitted on the reference, then predicts the rule on every current row:
/// right on rows 1-150 and on half of the rest (accuracy 0.75). Its predicted
/// classes (hi/lo): reference 150/150, current 262/38. In numpy:
///   i = np.arange(1, 301); u = np.fmod(i * 0.6180339887498949, 1.0)
///   ra = np.floor(np.where(u < 0.5, u * 0.9, 0.55 + (u - 0.5) * 0.9) * 100) / 100
///   ca = 0.3 + 1.2 * np.fmod(i * 0.41421356237309515, 1.0)
///   ca = np.floor(np.where((ca > 0.45) & (ca < 0.55), ca + 0.1, ca) * 100) / 100
/// scipy.stats.chi2_contingency([[150, 150], [262, 38]], correction=False):
/// statistic 97.17000619706673, p 6.36231713367859e-23.
double columnA(int i, bool current)
{
    double a = 0.0;
    if (current) {
        a = 0.3 + 1.2 * fraction(i, 0.41421356237309515);
        if (a > 0.45 && a < 0.55)
            a += 0.1;
    } else {
        const double u = fraction(i, 0.6180339887498949);
        a = u < 0.5 ? u * 0.9 : 0.55 + (u - 0.5) * 0.9;
    }
    return std::floor(a * 100) / 100;
}

QByteArray csv(bool current, bool withLabel = true)
{
    QByteArray text = withLabel ? "a,b,label,t\n" : "a,b,t\n";
    for (int i = 1; i <= rows; ++i) {
        const double a = columnA(i, current);
        const double b = current ? fraction(i, 0.5698402909980532) * 10 : fraction(i, 0.7548776662466927) * 10;
        const bool flipped = current && i > 150 && i % 2 == 0;
        const bool high = (a > 0.5) != flipped;
        text += QByteArray::number(a, 'g', 17) + ',' + QByteArray::number(b, 'g', 17) + ','
            + (withLabel ? QByteArray(high ? "hi," : "lo,") : QByteArray()) + QByteArray::number(i) + '\n';
    }
    return text;
}

QString write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray specJson(const QString &dataPath)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("version"), 1}, {QStringLiteral("name"), QStringLiteral("stump")},
                             {QStringLiteral("experiment"), QStringLiteral("drift loop")},
                             {QStringLiteral("dataset"), QJsonObject {{QStringLiteral("path"), dataPath}}},
                             {QStringLiteral("target"), QStringLiteral("label")},
                             {QStringLiteral("features"), QJsonArray {QStringLiteral("a")}},
                             {QStringLiteral("model"),
                                 QJsonObject {{QStringLiteral("id"), QStringLiteral("tree")},
                                     {QStringLiteral("params"), QJsonObject {{QStringLiteral("max_depth"), 1}}}}},
                             {QStringLiteral("evaluation"),
                                 QJsonObject {{QStringLiteral("method"), QStringLiteral("kfold")},
                                     {QStringLiteral("folds"), 3}, {QStringLiteral("seed"), 1}}}})
        .toJson();
}

QJsonObject jsonOf(const CliResult &result)
{
    return QJsonDocument::fromJson(result.out.toUtf8()).object();
}

bool close(double actual, double expected, double relative)
{
    return std::abs(actual - expected) <= relative * std::abs(expected);
}

} // namespace

class TestCliDriftLoop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_reference = write(m_dir.filePath(QStringLiteral("reference.csv")), csv(false));
        m_current = write(m_dir.filePath(QStringLiteral("current.csv")), csv(true));
        m_spec = write(m_dir.filePath(QStringLiteral("stump.json")), specJson(m_reference));
        m_workspace = m_dir.filePath(QStringLiteral("ws"));
        const CliResult run = runCli(
            {QStringLiteral("run"), m_spec, QStringLiteral("--workspace"), m_workspace, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        m_runId = jsonOf(run).value(QStringLiteral("id")).toInteger();
        m_runAccuracy
            = jsonOf(run).value(QStringLiteral("metrics")).toObject().value(QStringLiteral("accuracy")).toDouble();
        m_bundle = m_dir.filePath(QStringLiteral("stump.tandem"));
        const CliResult exported = runCli({QStringLiteral("export"), QString::number(m_runId),
            QStringLiteral("--workspace"), m_workspace, QStringLiteral("--out"), m_bundle});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));
    }

    // The model's predicted classes drift as scipy says; a run refit gives the same
    // model as its exported bundle, so the same prediction drift.
    void predictionDriftOfABundleAndOfARun()
    {
        const QStringList common {QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--exclude"),
            QStringLiteral("label,t"), QStringLiteral("--json"), QStringLiteral("--model")};
        const CliResult bundle = runCli(common + QStringList {m_bundle});
        QVERIFY2(bundle.exitCode == 3, qPrintable(bundle.describe()));
        const QJsonObject report = jsonOf(bundle);
        const QJsonObject prediction = report.value(QStringLiteral("prediction")).toObject();
        QCOMPARE(prediction.value(QStringLiteral("name")).toString(), QStringLiteral("prediction"));
        QCOMPARE(prediction.value(QStringLiteral("test")).toString(), QStringLiteral("chisquare"));
        QCOMPARE(prediction.value(QStringLiteral("threshold")).toDouble(), 0.05);
        QVERIFY(prediction.value(QStringLiteral("drifted")).toBool());
        QVERIFY(close(prediction.value(QStringLiteral("statistic")).toDouble(), 97.17000619706673, 1e-12));
        QVERIFY(close(prediction.value(QStringLiteral("score")).toDouble(), 6.36231713367859e-23, 1e-9));
        // Two classes: the probability of the second ("lo"; 0 or 1 for a stump) drifts the same way.
        const QJsonObject probability = report.value(QStringLiteral("prediction_probability")).toObject();
        QCOMPARE(probability.value(QStringLiteral("name")).toString(), QStringLiteral("proba_lo"));
        QVERIFY(close(probability.value(QStringLiteral("score")).toDouble(), 6.36231713367859e-23, 1e-9));
        const QJsonObject model = report.value(QStringLiteral("model")).toObject();
        QCOMPARE(model.value(QStringLiteral("id")).toString(), QStringLiteral("tree"));
        QCOMPARE(model.value(QStringLiteral("classes")).toArray(),
            (QJsonArray {QStringLiteral("hi"), QStringLiteral("lo")}));
        // The features are as without a model: a drifted, b not; no performance without --target.
        QCOMPARE(report.value(QStringLiteral("features")).toArray().size(), 2);
        QVERIFY(report.value(QStringLiteral("performance")).isNull());
        QVERIFY(report.value(QStringLiteral("retrain")).isNull());

        const CliResult run
            = runCli(common + QStringList {QString::number(m_runId), QStringLiteral("--workspace"), m_workspace});
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        QCOMPARE(jsonOf(run).value(QStringLiteral("prediction")), report.value(QStringLiteral("prediction")));
        QVERIFY2(
            run.err.contains(QStringLiteral("tandem-cli drift: 100%")), qPrintable(run.err)); // the refit's progress

        const CliResult text = runCli({QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--exclude"),
            QStringLiteral("label,t"), QStringLiteral("--model"), m_bundle});
        QVERIFY2(text.out.contains(QStringLiteral("Model: bundle ")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("prediction  categorical  chisquare")), qPrintable(text.out));
    }

    // REFERENCE is the model's training data: the level is the run's cross-validated
    // accuracy, and the windows after row 150 (half the labels flipped) alert.
    void performanceWindowsAgainstTheCrossValidatedLevel()
    {
        const CliResult result = runCli({QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--model"),
            m_bundle, QStringLiteral("--target"), QStringLiteral("label"), QStringLiteral("--time"),
            QStringLiteral("t"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
        const QJsonObject performance = jsonOf(result).value(QStringLiteral("performance")).toObject();
        QCOMPARE(performance.value(QStringLiteral("metric")).toString(), QStringLiteral("accuracy"));
        QCOMPARE(performance.value(QStringLiteral("order")).toString(), QStringLiteral("t"));
        QCOMPARE(performance.value(QStringLiteral("reference_source")).toString(), QStringLiteral("cross_validation"));
        QCOMPARE(performance.value(QStringLiteral("reference")).toDouble(), m_runAccuracy);
        QCOMPARE(performance.value(QStringLiteral("alert_level")).toDouble(), m_runAccuracy - 0.1 * m_runAccuracy);
        const QJsonArray windows = performance.value(QStringLiteral("windows")).toArray();
        QCOMPARE(windows.size(), 10);
        for (int w = 0; w < 10; ++w) {
            const QJsonObject window = windows.at(w).toObject();
            QCOMPARE(window.value(QStringLiteral("rows")).toInt(), 30);
            QCOMPARE(window.value(QStringLiteral("start")).toDouble(), 30.0 * w + 1);
            QCOMPARE(window.value(QStringLiteral("end")).toDouble(), 30.0 * w + 30);
            QCOMPARE(window.value(QStringLiteral("value")).toDouble(), w < 5 ? 1.0 : 0.5);
            QCOMPARE(window.value(QStringLiteral("alert")).toBool(), w >= 5);
        }
        QCOMPARE(performance.value(QStringLiteral("alerts")).toInt(), 5);
        // The target is left out of the features and its drift reported apart.
        QCOMPARE(jsonOf(result).value(QStringLiteral("target")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("label"));

        // Another reference (here the current data itself): the level is the model's
        // accuracy on it, 0.75.
        const CliResult other = runCli({QStringLiteral("drift"), m_current, m_current, QStringLiteral("--model"),
            m_bundle, QStringLiteral("--target"), QStringLiteral("label"), QStringLiteral("--time"),
            QStringLiteral("t"), QStringLiteral("--json")});
        QVERIFY2(other.exitCode == 0, qPrintable(other.describe()));
        const QJsonObject level = jsonOf(other).value(QStringLiteral("performance")).toObject();
        QCOMPARE(level.value(QStringLiteral("reference_source")).toString(), QStringLiteral("reference_predictions"));
        QCOMPARE(level.value(QStringLiteral("reference")).toDouble(), 0.75);
        QCOMPARE(level.value(QStringLiteral("alerts")).toInt(), 5);
    }

    // The gate trips: the run's spec runs again on the current data as a new run of
    // its experiment, and the old model is scored there as a run of its own.
    void retrainARunOnTheCurrentData()
    {
        const qsizetype before = runCount();
        const CliResult result = runCli({QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--exclude"),
            QStringLiteral("label,t"), QStringLiteral("--retrain"), QString::number(m_runId),
            QStringLiteral("--workspace"), m_workspace, QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
        const QJsonObject retrain = jsonOf(result).value(QStringLiteral("retrain")).toObject();
        QCOMPARE(retrain.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
        QCOMPARE(retrain.value(QStringLiteral("original_run_id")).toInteger(), m_runId);
        QCOMPARE(retrain.value(QStringLiteral("data")).toString(), QStringLiteral("current"));
        QCOMPARE(retrain.value(QStringLiteral("dataset")).toString(), QFileInfo(m_current).absoluteFilePath());
        QCOMPARE(runCount(), before + 2);

        auto workspace = Store::Workspace::open(m_workspace, Store::Workspace::Access::ReadOnly);
        QVERIFY(workspace.ok());
        const Store::ExperimentStore &store = workspace.value()->store();
        const Store::RunRecord original = store.run(m_runId).value().run;
        const Store::RunRecord retrained = store.run(retrain.value(QStringLiteral("run_id")).toInteger()).value().run;
        QCOMPARE(retrained.status, Store::RunStatus::Done);
        QCOMPARE(retrained.experimentId, original.experimentId);
        QCOMPARE(retrained.experimentName, QStringLiteral("drift loop"));
        const QJsonObject dataset = retrained.spec.value(QStringLiteral("dataset")).toObject();
        QCOMPARE(dataset.value(QStringLiteral("path")).toString(), QFileInfo(m_current).absoluteFilePath());
        QVERIFY(dataset.value(QStringLiteral("fingerprint")).toString()
            != original.spec.value(QStringLiteral("dataset"))
                   .toObject()
                   .value(QStringLiteral("fingerprint"))
                   .toString());
        QVERIFY(retrained.tags.contains(QStringLiteral("retrain-of:%1").arg(m_runId)));
        QCOMPARE(retrained.spec.value(QStringLiteral("model")), original.spec.value(QStringLiteral("model")));

        // The old model on the current data: right on rows 1-150 and half of the rest.
        const Store::RunRecord external
            = store.run(retrain.value(QStringLiteral("original_on_current_run_id")).toInteger()).value().run;
        QCOMPARE(external.status, Store::RunStatus::Done);
        QCOMPARE(external.experimentId, original.experimentId);
        QVERIFY(external.tags.contains(QStringLiteral("evaluation:external")));
        QVERIFY(external.tags.contains(QStringLiteral("model-of:%1").arg(m_runId)));
        QCOMPARE(external.metrics.value(QStringLiteral("accuracy")), 0.75);
        QVERIFY2(result.err.contains(QStringLiteral("retraining run %1").arg(m_runId)), qPrintable(result.err));
    }

    // --retrain-data both stacks the run's data and the current rows in the workspace.
    void retrainOnBoth()
    {
        const CliResult result = runCli({QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--exclude"),
            QStringLiteral("label,t"), QStringLiteral("--retrain"), QString::number(m_runId),
            QStringLiteral("--workspace"), m_workspace, QStringLiteral("--retrain-data"), QStringLiteral("both")});
        QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
        QVERIFY2(result.out.contains(QStringLiteral("Retrain: run ")), qPrintable(result.out));
        const QStringList stacked = QDir(m_workspace + QStringLiteral("/datasets"))
                                        .entryList({QStringLiteral("retrain-%1-*.csv").arg(m_runId)}, QDir::Files);
        QCOMPARE(stacked.size(), 1);
        // The reference's rows, then the current ones, cell for cell.
        const auto read = [](const QString &path) { return Data::DatasetReader::read(path).value().dataset; };
        const auto both = read(m_workspace + QStringLiteral("/datasets/") + stacked.first());
        const auto reference = read(m_reference);
        const auto current = read(m_current);
        QCOMPARE(both->columnNames(), reference->columnNames());
        QCOMPARE(both->rowCount(), 2 * rows);
        for (qsizetype c = 0; c < both->columnCount(); ++c) {
            QCOMPARE(both->column(c).type(), reference->column(c).type());
            for (qint64 row = 0; row < rows; ++row) {
                QCOMPARE(both->column(c).toString(row), reference->column(c).toString(row));
                QCOMPARE(both->column(c).toString(rows + row), current->column(c).toString(row));
            }
        }
    }

    // A spec file: its experiment, no run to refer to.
    void retrainASpec()
    {
        const CliResult result = runCli({QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--exclude"),
            QStringLiteral("label,t"), QStringLiteral("--retrain"), m_spec, QStringLiteral("--workspace"), m_workspace,
            QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
        const QJsonObject retrain = jsonOf(result).value(QStringLiteral("retrain")).toObject();
        QCOMPARE(retrain.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
        QVERIFY(retrain.value(QStringLiteral("original_run_id")).isNull());
        QVERIFY(retrain.value(QStringLiteral("original_on_current_run_id")).isNull());
        auto workspace = Store::Workspace::open(m_workspace, Store::Workspace::Access::ReadOnly);
        QVERIFY(workspace.ok());
        const Store::RunRecord run
            = workspace.value()->store().run(retrain.value(QStringLiteral("run_id")).toInteger()).value().run;
        QCOMPARE(run.experimentName, QStringLiteral("drift loop"));
        QVERIFY(run.tags.contains(QStringLiteral("retrain")));
    }

    // No drift, no retrain.
    void noDriftNoRetrain()
    {
        const qsizetype before = runCount();
        const CliResult result = runCli({QStringLiteral("drift"), m_reference, m_reference, QStringLiteral("--exclude"),
            QStringLiteral("label,t"), QStringLiteral("--retrain"), QString::number(m_runId),
            QStringLiteral("--workspace"), m_workspace, QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        QVERIFY(jsonOf(result).value(QStringLiteral("retrain")).isNull());
        QCOMPARE(runCount(), before);
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("firstErr");
        const QString ws = m_dir.filePath(QStringLiteral("ws"));
        QTest::newRow("unknown run") << QStringList {QStringLiteral("--model"), QStringLiteral("99"),
            QStringLiteral("--workspace"), ws}
                                     << 1 << QStringLiteral("99");
        QTest::newRow("no such bundle") << QStringList {QStringLiteral("--model"),
            m_dir.filePath(QStringLiteral("nope.tandem"))}
                                        << 1 << QStringLiteral("nope.tandem");
        QTest::newRow("target missing from current")
            << QStringList {QStringLiteral("--model"), m_dir.filePath(QStringLiteral("stump.tandem")),
                   QStringLiteral("--target"), QStringLiteral("label"), QStringLiteral("--current"),
                   QStringLiteral("nolabel.csv")}
            << 1
            << QStringLiteral("There is no column named 'label' (--target) in %1")
                   .arg(m_dir.filePath(QStringLiteral("nolabel.csv")));
        QTest::newRow("run id without workspace") << QStringList {QStringLiteral("--model"), QStringLiteral("1")} << 1
                                                  << QStringLiteral("without a workspace");
        QTest::newRow("model and logged predictions") << QStringList {QStringLiteral("--model"), QStringLiteral("1"),
            QStringLiteral("--prediction"), QStringLiteral("b")}
                                                      << 2 << QStringLiteral("--model and --prediction");
        QTest::newRow("retrain without workspace") << QStringList {QStringLiteral("--retrain"), QStringLiteral("1")}
                                                   << 2 << QStringLiteral("--retrain needs --workspace");
        QTest::newRow("retrain unknown run")
            << QStringList {QStringLiteral("--retrain"), QStringLiteral("99"), QStringLiteral("--workspace"), ws} << 1
            << QStringLiteral("99");
        QTest::newRow("bad retrain data") << QStringList {QStringLiteral("--retrain"), QStringLiteral("1"),
            QStringLiteral("--workspace"), ws, QStringLiteral("--retrain-data"), QStringLiteral("all")}
                                          << 2 << QStringLiteral("invalid --retrain-data 'all'");
    }
    void refusals()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, firstErr);
        write(m_dir.filePath(QStringLiteral("nolabel.csv")), csv(true, false));
        QString current = m_current;
        if (const qsizetype at = arguments.indexOf(QStringLiteral("--current")); at >= 0) {
            current = m_dir.filePath(arguments.at(at + 1));
            arguments.remove(at, 2);
        }
        const qsizetype before = runCount();
        const CliResult result = runCli(QStringList {QStringLiteral("drift"), m_reference, current} + arguments);
        QVERIFY2(result.exitCode == exitCode, qPrintable(result.describe()));
        QVERIFY2(result.firstErrLine().contains(firstErr), qPrintable(result.describe()));
        QVERIFY(result.out.isEmpty());
        QCOMPARE(runCount(), before);
    }

private:
    qsizetype runCount() const
    {
        auto workspace = Store::Workspace::open(m_workspace, Store::Workspace::Access::ReadOnly);
        return workspace.ok() ? workspace.value()->store().runs().value().size() : -1;
    }

    QTemporaryDir m_dir;
    QString m_reference;
    QString m_current;
    QString m_spec;
    QString m_workspace;
    QString m_bundle;
    qint64 m_runId = 0;
    double m_runAccuracy = 0.0;
};

QTEST_GUILESS_MAIN(TestCliDriftLoop)
#include "tst_cli_driftloop.moc"
