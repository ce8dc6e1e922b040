// SPDX-License-Identifier: GPL-3.0-or-later
// tandem-cli export and predict, as a black box: a run exported as a bundle
// predicts the training file exactly as the fitted pipeline does in-process,
// with and without probabilities, in batches; bad input names its line and
// column; `export --check` confirms a rebuild or names what differs.
#include "core/bundle/Bundle.h"
#include "core/bundle/ModelFit.h"
#include "core/data/CsvReader.h"
#include "core/data/Dataset.h"
#include "core/runs/CsvText.h"
#include "core/runs/RunSpec.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using namespace Tandem;

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;

    QStringList outLines() const { return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
};

CliResult runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TANDEM_CLI_PATH), arguments);
    CliResult result;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("tandem-cli did not finish: ") + process.errorString();
        return result;
    }
    if (process.exitStatus() == QProcess::NormalExit)
        result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString describe(const CliResult &result)
{
    return QStringLiteral("exit %1\n--- stdout:\n%2--- stderr:\n%3").arg(result.exitCode).arg(result.out, result.err);
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() ? path : QString();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QString irisPath = QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples/iris.csv");
const QString irisSpec = QStringLiteral(TANDEM_SOURCE_DIR "/resources/examples/iris_logreg.json");

/// A table with a categorical input, and a holdout spec over it.
QByteArray colorTable()
{
    static const char *colors[] = {"red", "green", "blue"};
    QByteArray text = "x,color,label\n";
    for (int i = 0; i < 60; ++i) {
        const double x = double((i * 17) % 29) / 4.0;
        const int c = (i * 7) % 3;
        text += QByteArray::number(x) + ',' + colors[c] + ',' + (x + c * 2.0 > 5.0 ? "high" : "low") + '\n';
    }
    return text;
}

const QByteArray colorSpec = R"({"version": 1, "name": "colors", "dataset": {"path": "colors.csv"},
    "target": "label", "model": {"id": "logreg"},
    "evaluation": {"method": "holdout", "holdout_fraction": 0.25, "seed": 3}})";

/// The CSV `predict` should print for `data`: the run's spec fitted in-process on
/// all rows of its data, then its pipeline and model applied to `data` whole.
QByteArray inProcessPredictions(const QString &workspace, qint64 runId, const QString &dataPath, bool probabilities)
{
    auto opened = Store::Workspace::open(workspace, Store::Workspace::Access::ReadOnly);
    if (!opened.ok())
        return {};
    const auto spec = Runs::RunSpec::fromJson(opened.value()->store().run(runId).value().run.spec);
    Base::NullProgressSink sink;
    const Base::Progress progress(sink);
    const auto training = spec.value().loadDataset(progress);
    const auto fitted = Bundle::fitModel(*training->dataset, spec.value(), Bundle::FitScope::AllRows, 1, progress);
    const auto loaded = Data::CsvReader::read(dataPath);
    if (!fitted.ok() || !loaded.ok())
        return {};
    const Data::Dataset &data = *loaded.value().dataset;
    const Learn::Pipeline &pipeline = fitted.value().pipeline;
    const Learn::Matrix X = pipeline.transform(data, Learn::Pipeline::allRows(data)).value();
    const Learn::Vector predicted = fitted.value().model->predict(X).value();
    const QStringList labels = pipeline.decodeClasses(predicted);
    QByteArray text = "prediction";
    Learn::Matrix proba;
    if (probabilities) {
        proba = fitted.value().model->predictProba(X).value();
        for (const QString &label : pipeline.classes())
            text += ",proba_" + label.toUtf8();
    }
    text += '\n';
    for (Eigen::Index i = 0; i < predicted.size(); ++i) {
        text += Runs::CsvText::field(labels.at(i)).toUtf8();
        for (Eigen::Index k = 0; k < proba.cols(); ++k)
            text += ',' + Runs::CsvText::number(proba(i, k)).toUtf8();
        text += '\n';
    }
    return text;
}

} // namespace

class TestCliBundle : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_bundle;

private Q_SLOTS:
    void initTestCase()
    {
        // One run of the iris example, exported once for the tests that follow.
        m_workspace = m_dir.filePath(QStringLiteral("ws"));
        const CliResult ran = runCli({QStringLiteral("run"), irisSpec, QStringLiteral("--workspace"), m_workspace});
        QVERIFY2(ran.exitCode == 0, qPrintable(describe(ran)));
        m_bundle = m_dir.filePath(QStringLiteral("iris.tandem"));
        const CliResult exported = runCli({QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("--workspace"),
            m_workspace, QStringLiteral("--out"), m_bundle, QStringLiteral("--threads"), QStringLiteral("2")});
        QVERIFY2(exported.exitCode == 0, qPrintable(describe(exported)));
        QCOMPARE(exported.outLines().first(),
            QStringLiteral("run 1 exported to %1").arg(QDir::toNativeSeparators(m_bundle)));
        QVERIFY(exported.out.contains(QStringLiteral("logreg (Logistic regression), fitted on 150 rows (all rows)")));
        QVERIFY(
            exported.out.contains(QStringLiteral("inputs     sepal_length, sepal_width, petal_length, petal_width")));
        // Progress on stderr, from reading to profiling.
        QVERIFY(exported.errLines().first().startsWith(QStringLiteral("tandem-cli export:   0% Reading")));
        QVERIFY(exported.err.contains(QStringLiteral("Fitting Logistic regression")));
        QVERIFY(exported.errLines().last().startsWith(QStringLiteral("tandem-cli export: 100%")));
        QVERIFY(Bundle::Bundle::load(m_bundle).ok());
    }

    void predictEqualsTheInProcessModel()
    {
        const CliResult predicted = runCli({QStringLiteral("predict"), m_bundle, irisPath});
        QVERIFY2(predicted.exitCode == 0, qPrintable(describe(predicted)));
        const QByteArray expected = inProcessPredictions(m_workspace, 1, irisPath, false);
        QCOMPARE(expected.count('\n'), 151);
        QCOMPARE(predicted.out.toUtf8(), expected);
        QCOMPARE(predicted.errLines().last(),
            QStringLiteral("tandem-cli predict: scored 150 rows in 1 batch(es) of at most 150 rows"));
    }

    void predictProbabilitiesInSmallBatchesToAFile()
    {
        const QString out = m_dir.filePath(QStringLiteral("scores.csv"));
        const CliResult predicted = runCli({QStringLiteral("predict"), m_bundle, irisPath, QStringLiteral("--proba"),
            QStringLiteral("--batch-rows"), QStringLiteral("7"), QStringLiteral("--out"), out});
        QVERIFY2(predicted.exitCode == 0, qPrintable(describe(predicted)));
        QVERIFY(predicted.out.isEmpty());
        const QByteArray written = readFile(out);
        QVERIFY(written.startsWith("prediction,proba_setosa,proba_versicolor,proba_virginica\n"));
        QCOMPARE(written, inProcessPredictions(m_workspace, 1, irisPath, true));
        // Never more than a batch held: 21 batches of 7 rows and one of 3.
        QCOMPARE(predicted.errLines().last(),
            QStringLiteral("tandem-cli predict: scored 150 rows in 22 batch(es) of at most 7 rows"));
    }

    void inputThatDoesNotFitNamesLineAndColumn()
    {
        const QByteArray iris = readFile(irisPath);
        QList<QByteArray> lines = iris.split('\n');
        const QString missing = writeFile(m_dir, QStringLiteral("missing.csv"),
            "sepal_length,sepal_width,petal_length,species\n5.1,3.5,1.4,setosa\n");
        CliResult result = runCli({QStringLiteral("predict"), m_bundle, missing});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.errLines().last(),
            QStringLiteral("tandem-cli: error: %1:1: column \"petal_width\" is missing from the header (line 1): the "
                           "model reads sepal_length, sepal_width, petal_length, petal_width")
                .arg(missing));

        lines[4] = "4.6,abc,1.5,0.2,setosa"; // line 5
        const QString badType = writeFile(m_dir, QStringLiteral("badtype.csv"), lines.join('\n'));
        // An earlier --out stays as it was: the file is replaced only when every row was scored.
        const QString out = writeFile(m_dir, QStringLiteral("kept.csv"), "old\n");
        result = runCli({QStringLiteral("predict"), m_bundle, badType, QStringLiteral("--batch-rows"),
            QStringLiteral("2"), QStringLiteral("--out"), out});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.errLines().last(),
            QStringLiteral("tandem-cli: error: %1:5:2: line 5, column \"sepal_width\": \"abc\" is not numeric, the "
                           "type the model reads")
                .arg(badType));
        QCOMPARE(readFile(out), QByteArray("old\n"));

        result = runCli({QStringLiteral("predict"), irisPath, irisPath});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("not a Tandem model bundle")), qPrintable(result.err));
    }

    void unknownCategoriesAndTheHoldoutModel()
    {
        // A holdout run exported with --no-refit: the model the run evaluated.
        QTemporaryDir dir;
        writeFile(dir, QStringLiteral("colors.csv"), colorTable());
        const QString spec = writeFile(dir, QStringLiteral("colors.json"), colorSpec);
        const QString workspace = dir.filePath(QStringLiteral("ws"));
        const CliResult ran = runCli({QStringLiteral("run"), spec, QStringLiteral("--workspace"), workspace});
        QVERIFY2(ran.exitCode == 0, qPrintable(describe(ran)));
        const QString bundle = dir.filePath(QStringLiteral("colors.tandem"));
        const CliResult exported = runCli({QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("--workspace"),
            workspace, QStringLiteral("--out"), bundle, QStringLiteral("--no-refit")});
        QVERIFY2(exported.exitCode == 0, qPrintable(describe(exported)));
        QVERIFY(exported.out.contains(QStringLiteral("fitted on 45 rows (the holdout's training part)")));

        const QString unknown = writeFile(dir, QStringLiteral("unknown.csv"), "x,color\n1.5,red\n2.5,teal\n3,blue\n");
        CliResult result = runCli({QStringLiteral("predict"), bundle, unknown});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.errLines().last(),
            QStringLiteral(
                "tandem-cli: error: %1:3:2: line 3, column \"color\": the category \"teal\" is unknown to the "
                "model (it knows blue, green, red)")
                .arg(unknown));
        result = runCli({QStringLiteral("predict"), bundle, unknown, QStringLiteral("--allow-unknown-categories"),
            QStringLiteral("--proba")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QCOMPARE(result.outLines().size(), 4);
        QCOMPARE(result.outLines().first(), QStringLiteral("prediction,proba_high,proba_low"));

        // A cross-validated run has no single model to export without a refit.
        const CliResult refused
            = runCli({QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("--workspace"), m_workspace,
                QStringLiteral("--out"), dir.filePath(QStringLiteral("x.tandem")), QStringLiteral("--no-refit")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.errLines().last().startsWith(
                     QStringLiteral("tandem-cli: error: the run was evaluated by 5-fold cross-validation")),
            qPrintable(refused.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.tandem"))));
    }

    void checkConfirmsARebuildOrNamesTheDifferences()
    {
        CliResult result = runCli({QStringLiteral("export"), QStringLiteral("--check"), m_bundle, irisPath});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const QStringList lines = result.outLines();
        QCOMPARE(lines.last(), QStringLiteral("reproduced: all 12 checks match"));
        QVERIFY(lines.first().startsWith(QStringLiteral("match     dataset fingerprint")));
        QVERIFY(
            lines.first().endsWith(QStringLiteral("743e9674227a2c21ffda8455887e13405db4102e6b059de4e026e500d4d85a8a")));
        QVERIFY(std::any_of(lines.begin(), lines.end(),
            [](const QString &line) { return line.startsWith(QStringLiteral("match     metric accuracy")); }));
        QVERIFY(lines.at(lines.size() - 2).startsWith(QStringLiteral("match     model")));

        // One value changed: another fingerprint, and the rest as it falls.
        QList<QByteArray> iris = readFile(irisPath).split('\n');
        iris[1] = "5.2,3.5,1.4,0.2,setosa";
        const QString changed = writeFile(m_dir, QStringLiteral("changed.csv"), iris.join('\n'));
        result = runCli({QStringLiteral("export"), QStringLiteral("--check"), m_bundle, changed});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.outLines().first().startsWith(QStringLiteral("MISMATCH  dataset fingerprint")));
        QVERIFY(result.outLines().first().contains(QStringLiteral("bundle 743e9674")));
        QVERIFY(result.outLines().last().startsWith(QStringLiteral("not reproduced: ")));
        QVERIFY(result.errLines().last().startsWith(
            QStringLiteral("tandem-cli: error: %1: the bundle does not rebuild from this data").arg(changed)));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("firstErr");
        const auto args = [](std::initializer_list<const char *> list) {
            QStringList result;
            for (const char *arg : list)
                result << QString::fromUtf8(arg);
            return result;
        };
        QTest::newRow("export without run") << args({"export", "--workspace", "w", "--out", "o"})
                                            << QStringLiteral("tandem-cli export: missing argument RUN_ID");
        QTest::newRow("export without out")
            << args({"export", "1", "--workspace", "w"}) << QStringLiteral("tandem-cli export: missing option --out");
        QTest::newRow("export bad id") << args({"export", "one", "--workspace", "w", "--out", "o"})
                                       << QStringLiteral("tandem-cli export: invalid run id 'one'");
        QTest::newRow("check without data")
            << args({"export", "--check", "b.tandem"}) << QStringLiteral("tandem-cli export: missing argument DATA");
        QTest::newRow("check with out") << args({"export", "--check", "b", "d", "--out", "o"})
                                        << QStringLiteral("tandem-cli export: --check takes no --out");
        QTest::newRow("predict without data")
            << args({"predict", "b.tandem"}) << QStringLiteral("tandem-cli predict: missing argument DATA");
        QTest::newRow("predict bad batch")
            << args({"predict", "b", "d", "--batch-rows", "0"})
            << QStringLiteral("tandem-cli predict: invalid --batch-rows '0': expected a whole "
                              "number >= 1");
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, firstErr);
        const CliResult result = runCli(arguments);
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.errLines().first(), firstErr);
    }

    void helpShowsBothForms()
    {
        CliResult result = runCli({QStringLiteral("help"), QStringLiteral("export")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QStringLiteral(
            "export RUN_ID --workspace DIR --out FILE.tandem [--no-refit] [--data FILE] [--threads N]")));
        QVERIFY(result.out.contains(QStringLiteral("export --check BUNDLE DATA [--threads N]")));
        result = runCli({QStringLiteral("help"), QStringLiteral("predict")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QStringLiteral(
            "predict BUNDLE DATA [--out FILE] [--proba] [--batch-rows N] [--allow-unknown-categories]")));
    }
};

QTEST_GUILESS_MAIN(TestCliBundle)
#include "tst_cli_bundle.moc"
