// SPDX-License-Identifier: GPL-3.0-or-later
// `tandem-cli drift` as a black box: the report, --json, the CI gate's exit codes,
// chosen tests, target/prediction/performance, and errors naming the column.
#include "../support/CliRunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using Tandem::Testing::CliResult;
using Tandem::Testing::runCli;

namespace {

constexpr int rows = 300;

double fraction(int i, double multiplier)
{
    return std::fmod(double(i) * multiplier, 1.0);
}

/// A reference or current file. Feature a moves (uniform [0, 1) -> [0.3, 1.5)),
/// b does not (two low-discrepancy spreads over [0, 10)), color gains a category
/// v on the current side; label/pred are a logged classifier's truth and
/// prediction (wrong on every 10th reference row, every 4th current row) and t
/// the time order. The numbers are written exactly, so that the p-values can be
/// checked against scipy on the same values:
///   i = np.arange(1, 301); ra = np.fmod(i * 0.6180339887498949, 1.0)
///   ca = np.fmod(i * 0.41421356237309515, 1.0) * 1.2 + 0.3
///   rb = np.fmod(i * 0.7548776662466927, 1.0) * 10; cb = np.fmod(i * 0.5698402909980532, 1.0) * 10
QByteArray csv(bool current, bool withColor = true, bool textB = false)
{
    QByteArray text = withColor ? "id,a,b,color,label,pred,t\n" : "id,a,b,label,pred,t\n";
    for (int i = 1; i <= rows; ++i) {
        const double a = current ? fraction(i, 0.41421356237309515) * 1.2 + 0.3 : fraction(i, 0.6180339887498949);
        const double b = current ? fraction(i, 0.5698402909980532) * 10 : fraction(i, 0.7548776662466927) * 10;
        static const char *const colors[] = {"r", "g", "b", "v"};
        const char *color = current ? colors[(i - 1) % 4] : colors[(i - 1) % 3];
        const bool yes = a > 0.7;
        const bool wrong = current ? i % 4 == 0 : i % 10 == 0;
        text += QByteArray::number(i) + ',' + QByteArray::number(a, 'g', 17) + ','
            + (textB && i == 7 ? QByteArray("seven") : QByteArray::number(b, 'g', 17)) + ','
            + (withColor ? QByteArray(color) + ',' : QByteArray()) + (yes ? "yes" : "no") + ','
            + ((yes != wrong) ? "yes" : "no") + ',' + QByteArray::number(rows + 1 - i) + '\n';
    }
    return text;
}

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QJsonObject featureNamed(const QJsonArray &features, const QString &name)
{
    for (const QJsonValue &value : features) {
        if (value.toObject().value(QStringLiteral("name")).toString() == name)
            return value.toObject();
    }
    return {};
}

bool close(double actual, double expected, double relative)
{
    return std::abs(actual - expected) <= relative * std::abs(expected);
}

} // namespace

class TestCliDrift : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_reference = write(m_dir, QStringLiteral("reference.csv"), csv(false));
        m_current = write(m_dir, QStringLiteral("current.csv"), csv(true));
    }

    void jsonReportAndGate()
    {
        const CliResult result = runCli({QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--exclude"),
            QStringLiteral("id,label,pred,t"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 3, qPrintable(result.describe())); // 2 of 3 features drifted
        const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
        const QJsonArray features = report.value(QStringLiteral("features")).toArray();
        QCOMPARE(features.size(), 3);
        QCOMPARE(features.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("a"));

        // 300 reference values: KS and chi-square, with scipy's p-values.
        const QJsonObject a = featureNamed(features, QStringLiteral("a"));
        QCOMPARE(a.value(QStringLiteral("test")).toString(), QStringLiteral("ks"));
        QCOMPARE(a.value(QStringLiteral("threshold")).toDouble(), 0.05);
        QVERIFY(a.value(QStringLiteral("drifted")).toBool());
        QVERIFY(close(a.value(QStringLiteral("score")).toDouble(), 1.0427642021280988e-23, 1e-10));
        QCOMPARE(a.value(QStringLiteral("statistic")).toDouble(), 0.4166666666666667);
        const QJsonObject b = featureNamed(features, QStringLiteral("b"));
        QVERIFY(!b.value(QStringLiteral("drifted")).toBool());
        QVERIFY(close(b.value(QStringLiteral("score")).toDouble(), 0.9999999999989688, 1e-10));
        QVERIFY(b.value(QStringLiteral("findings")).toArray().isEmpty());
        const QJsonObject color = featureNamed(features, QStringLiteral("color"));
        QCOMPARE(color.value(QStringLiteral("test")).toString(), QStringLiteral("chisquare"));
        QCOMPARE(color.value(QStringLiteral("kind")).toString(), QStringLiteral("categorical"));
        QVERIFY(close(color.value(QStringLiteral("score")).toDouble(), 1.8231691129925593e-18, 1e-10));
        const QJsonArray findings = color.value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("new_categories"));
        QCOMPARE(
            findings.at(0).toObject().value(QStringLiteral("categories")).toArray(), QJsonArray {QStringLiteral("v")});
        QCOMPARE(findings.at(0).toObject().value(QStringLiteral("current_share")).toDouble(), 0.25);

        QCOMPARE(report.value(QStringLiteral("drifted_count")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("share_drifted")).toDouble(), 2.0 / 3.0);
        QCOMPARE(report.value(QStringLiteral("fail_share")).toDouble(), 0.5);
        QVERIFY(report.value(QStringLiteral("drifted")).toBool());
        QVERIFY(report.value(QStringLiteral("performance")).isNull());
        QCOMPARE(report.value(QStringLiteral("reference")).toObject().value(QStringLiteral("rows")).toInt(), rows);

        // Above the share that drifted: no drift, exit 0.
        const CliResult relaxed = runCli({QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--exclude"),
            QStringLiteral("id,label,pred,t"), QStringLiteral("--fail-share"), QStringLiteral("0.7"),
            QStringLiteral("--json")});
        QVERIFY2(relaxed.exitCode == 0, qPrintable(relaxed.describe()));
        QVERIFY(!QJsonDocument::fromJson(relaxed.out.toUtf8()).object().value(QStringLiteral("drifted")).toBool());
    }

    void textReport()
    {
        const CliResult result = runCli(
            {QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--columns"), QStringLiteral("b,color")});
        QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
        QVERIFY2(result.out.contains(QStringLiteral("new categories v (25.0% of current)")), qPrintable(result.out));
        QVERIFY2(result.out.contains(QStringLiteral("Dataset drift: 1 of 2 features drifted (50.0%; fail share 50.0%): "
                                                    "DRIFT")),
            qPrintable(result.out));
        QVERIFY(result.err.isEmpty());
    }

    void chosenTests()
    {
        // psi on every feature it fits, b by KS with its own threshold.
        const CliResult result = runCli({QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--columns"),
            QStringLiteral("a,b,color"), QStringLiteral("--test"), QStringLiteral("psi:0.25"), QStringLiteral("--test"),
            QStringLiteral("b=ks:0.5"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
        const QJsonArray features
            = QJsonDocument::fromJson(result.out.toUtf8()).object().value(QStringLiteral("features")).toArray();
        const QJsonObject a = featureNamed(features, QStringLiteral("a"));
        QCOMPARE(a.value(QStringLiteral("test")).toString(), QStringLiteral("psi"));
        QCOMPARE(a.value(QStringLiteral("threshold")).toDouble(), 0.25);
        const QJsonObject b = featureNamed(features, QStringLiteral("b"));
        QCOMPARE(b.value(QStringLiteral("test")).toString(), QStringLiteral("ks"));
        QCOMPARE(b.value(QStringLiteral("threshold")).toDouble(), 0.5);
        QCOMPARE(featureNamed(features, QStringLiteral("color")).value(QStringLiteral("test")).toString(),
            QStringLiteral("psi"));
    }

    void targetPredictionAndPerformance()
    {
        const CliResult result = runCli({QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--exclude"),
            QStringLiteral("id"), QStringLiteral("--target"), QStringLiteral("label"), QStringLiteral("--prediction"),
            QStringLiteral("pred"), QStringLiteral("--time"), QStringLiteral("t"), QStringLiteral("--windows"),
            QStringLiteral("3"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
        const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
        // The target, prediction and time columns are not features.
        QCOMPARE(report.value(QStringLiteral("features")).toArray().size(), 3);
        QCOMPARE(report.value(QStringLiteral("target")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("label"));
        QCOMPARE(report.value(QStringLiteral("prediction")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("pred"));
        const QJsonObject performance = report.value(QStringLiteral("performance")).toObject();
        QCOMPARE(performance.value(QStringLiteral("metric")).toString(), QStringLiteral("accuracy"));
        QCOMPARE(performance.value(QStringLiteral("order")).toString(), QStringLiteral("t"));
        QCOMPARE(performance.value(QStringLiteral("reference")).toDouble(), 0.9);
        QCOMPARE(performance.value(QStringLiteral("alert_level")).toDouble(), 0.9 - 0.09);
        const QJsonArray windows = performance.value(QStringLiteral("windows")).toArray();
        QCOMPARE(windows.size(), 3);
        for (const QJsonValue &window : windows) {
            QCOMPARE(window.toObject().value(QStringLiteral("rows")).toInt(), 100);
            QCOMPARE(window.toObject().value(QStringLiteral("value")).toDouble(), 0.75);
            QVERIFY(window.toObject().value(QStringLiteral("alert")).toBool());
        }
        QCOMPARE(windows.at(0).toObject().value(QStringLiteral("start")).toDouble(), 1.0);
        QCOMPARE(performance.value(QStringLiteral("alerts")).toInt(), 3);
    }

    void htmlReport()
    {
        // --html writes the report beside the text: a row per feature, the verdict,
        // the performance and the windows along --time; the gate's exit code stays.
        const QString html = m_dir.filePath(QStringLiteral("report.html"));
        const CliResult result = runCli({QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--exclude"),
            QStringLiteral("id"), QStringLiteral("--target"), QStringLiteral("label"), QStringLiteral("--prediction"),
            QStringLiteral("pred"), QStringLiteral("--time"), QStringLiteral("t"), QStringLiteral("--windows"),
            QStringLiteral("3"), QStringLiteral("--html"), html});
        QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(file.readAll());
        QVERIFY(page.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QCOMPARE(page.count(QStringLiteral("<tr class=\"feature ")), 3); // a, b, color
        QVERIFY(page.contains(QStringLiteral("Dataset drift detected")));
        QVERIFY(page.contains(QStringLiteral("<h2>Performance over time</h2>")));
        QVERIFY(page.contains(QStringLiteral("3 windows of current rows by t")));
        QVERIFY(!page.contains(QStringLiteral("<script"), Qt::CaseInsensitive));

        const CliResult refused = runCli({QStringLiteral("drift"), m_reference, m_current, QStringLiteral("--html"),
            m_dir.filePath(QStringLiteral("missing/dir/report.html"))});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.firstErrLine().contains(QStringLiteral("Cannot write the drift report")),
            qPrintable(refused.describe()));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("currentFile");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("firstErr");
        QTest::newRow("column missing from current")
            << QStringList() << QStringLiteral("nocolor.csv") << 1
            << QStringLiteral("tandem-cli: error: Column 'color' of the reference is missing from the current data");
        QTest::newRow("type mismatch") << QStringList() << QStringLiteral("textb.csv") << 1
                                       << QStringLiteral(
                                              "tandem-cli: error: Column 'b' is numeric in the reference but "
                                              "text in the current data");
        QTest::newRow("test that does not fit")
            << QStringList {QStringLiteral("--test"), QStringLiteral("color=ks")} << QStringLiteral("current.csv") << 1
            << QStringLiteral("tandem-cli: error: The test 'ks' compares numbers; column 'color' is categorical");
        QTest::newRow("unknown column") << QStringList {QStringLiteral("--columns"), QStringLiteral("a,zz")}
                                        << QStringLiteral("current.csv") << 1
                                        << QStringLiteral("tandem-cli: error: There is no column named 'zz' in the "
                                                          "reference data");
        QTest::newRow("unknown target") << QStringList {QStringLiteral("--target"), QStringLiteral("y")}
                                        << QStringLiteral("current.csv") << 1
                                        << QStringLiteral("tandem-cli: error: There is no column named 'y' (--target) "
                                                          "in {dir}/reference.csv");
        QTest::newRow("unknown test") << QStringList {QStringLiteral("--test"), QStringLiteral("a=t-test")}
                                      << QStringLiteral("current.csv") << 2
                                      << QStringLiteral(
                                             "tandem-cli drift: invalid --test 'a=t-test': unknown test "
                                             "'t-test': expected one of ks, wasserstein, psi, jensenshannon, "
                                             "chisquare, anderson");
        QTest::newRow("bad fail share") << QStringList {QStringLiteral("--fail-share"), QStringLiteral("2")}
                                        << QStringLiteral("current.csv") << 2
                                        << QStringLiteral(
                                               "tandem-cli drift: invalid --fail-share '2': expected a number "
                                               "from 0 to 1");
        QTest::newRow("missing current") << QStringList() << QString() << 2
                                         << QStringLiteral("tandem-cli drift: missing argument CURRENT");
    }
    void errors()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, currentFile);
        QFETCH(int, exitCode);
        QFETCH(QString, firstErr);
        write(m_dir, QStringLiteral("nocolor.csv"), csv(true, false));
        write(m_dir, QStringLiteral("textb.csv"), csv(true, true, true));
        QStringList arguments {QStringLiteral("drift"), m_reference};
        if (!currentFile.isEmpty())
            arguments << m_dir.filePath(currentFile);
        const CliResult result = runCli(arguments + extra);
        QVERIFY2(result.exitCode == exitCode, qPrintable(result.describe()));
        QCOMPARE(result.firstErrLine(), QString(firstErr).replace(QStringLiteral("{dir}"), m_dir.path()));
        QVERIFY(result.out.isEmpty());
    }

    void helpIsAvailable()
    {
        const CliResult result = runCli({QStringLiteral("help"), QStringLiteral("drift")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith(QStringLiteral("Usage: tandem-cli drift ")));
        QVERIFY(result.out.contains(QStringLiteral("Exit codes: 0 no dataset drift, 3 dataset drift")));
    }

private:
    QTemporaryDir m_dir;
    QString m_reference;
    QString m_current;
};

QTEST_GUILESS_MAIN(TestCliDrift)
#include "tst_cli_drift.moc"
