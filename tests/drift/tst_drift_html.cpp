// SPDX-License-Identifier: GPL-3.0-or-later
// The self-contained HTML drift report: well-formed markup (read back as XML),
// nothing loaded from outside, every name from the data escaped, one table row
// per feature, the verdict, drift over time and performance, atomic writing.
#include "../support/RecordingSink.h"
#include "DriftPairs.h"

#include "core/drift/DriftAnalysis.h"
#include "core/drift/DriftHtmlReport.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Tandem;
using namespace Tandem::Drift;
using Testing::driftSide;

namespace {

// Names a report must escape: markup, an entity, quotes and a QString::arg placeholder.
const QString scriptName = QStringLiteral("<script>alert(1)</script>");
const QString ampersandName = QStringLiteral("a<b & \"c\" %1");
const QStringList names = {QStringLiteral("plain"), scriptName, ampersandName, QStringLiteral("shifted")};

DriftAnalysis analysisOf(const QStringList &shifted, bool withTime)
{
    const auto reference = driftSide(names, 500, 21);
    const auto current = driftSide(names, 400, 22, shifted, withTime ? 200 : 0);
    DriftAnalysisOptions options;
    if (withTime) {
        options.order = QStringLiteral("time");
        options.windows.count = 4;
    } else {
        options.drift.excluded = {QStringLiteral("time")};
    }
    Testing::RecordingSink sink;
    auto analysis = analyseDrift(*reference, *current, options, Base::Progress(sink));
    if (!analysis.ok())
        qFatal("%s", qPrintable(analysis.error().message));
    analysis.value().referenceName = QStringLiteral("reference & co.csv");
    analysis.value().currentName = QStringLiteral("current <new>.csv");
    return std::move(analysis).value();
}

/// The XML reader's complaint about `html`, empty when it is well-formed.
QString xmlError(const QString &html)
{
    QXmlStreamReader reader(html);
    while (!reader.atEnd())
        reader.readNext();
    return reader.hasError() ? QStringLiteral("line %1, column %2: %3")
                                   .arg(reader.lineNumber())
                                   .arg(reader.columnNumber())
                                   .arg(reader.errorString())
                             : QString();
}

/// The texts of the first cell of each feature row, in order.
QStringList featureRowNames(const QString &html)
{
    QStringList found;
    QXmlStreamReader reader(html);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == QLatin1String("tr")
            && reader.attributes().value(QLatin1String("class")).startsWith(QLatin1String("feature "))) {
            reader.readNextStartElement(); // td
            found << reader.readElementText(QXmlStreamReader::IncludeChildElements);
        }
    }
    return found;
}

} // namespace

class TestDriftHtml : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wellFormedAndSelfContained()
    {
        const QString html = driftHtmlReport(analysisOf({QStringLiteral("shifted")}, true));
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        const QString error = xmlError(html);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(html.contains(QStringLiteral("<style>")));
        QVERIFY(html.contains(QStringLiteral("<svg ")));
        // Nothing to fetch and nothing to run.
        for (const QString &outside : {QStringLiteral("<script"), QStringLiteral(" src="), QStringLiteral("<link"),
                 QStringLiteral("url("), QStringLiteral("@import"), QStringLiteral("<iframe")})
            QVERIFY2(!html.contains(outside, Qt::CaseInsensitive), qPrintable(outside));
        QVERIFY(!html.contains(QRegularExpression(QStringLiteral("href=\"(?!#)"))));
    }

    void namesAreEscaped()
    {
        const QString html = driftHtmlReport(analysisOf({QStringLiteral("shifted")}, true));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;")));
        QVERIFY(html.contains(QStringLiteral("a&lt;b &amp; &quot;c&quot; %1")));
        QVERIFY(html.contains(QStringLiteral("reference &amp; co.csv")));
        QVERIFY(html.contains(QStringLiteral("current &lt;new&gt;.csv")));
        QVERIFY(!html.contains(scriptName));
        // Read back, the names are whole.
        const QStringList rows = featureRowNames(html);
        QVERIFY(rows.contains(scriptName));
        QVERIFY(rows.contains(ampersandName));
    }

    void oneRowPerFeatureStrongestFirst()
    {
        const DriftAnalysis analysis = analysisOf({QStringLiteral("shifted")}, false);
        const QString html = driftHtmlReport(analysis);
        const QStringList rows = featureRowNames(html);
        QCOMPARE(rows.size(), qsizetype(analysis.report.features().size()));
        QCOMPARE(rows.size(), 5); // four numbers and colour
        QCOMPARE(rows.front(), QStringLiteral("shifted"));
        QCOMPARE(html.count(QStringLiteral("<tr class=\"feature drifted\">")), 1);
        QCOMPARE(html.count(QStringLiteral("<details id=\"feature-")), 5);
        QCOMPARE(html.count(QStringLiteral("<details id=\"feature-3\" open=\"open\">")), 1); // the drifted one
    }

    void theVerdict()
    {
        const QString drifted
            = driftHtmlReport(analysisOf({QStringLiteral("plain"), QStringLiteral("shifted"), scriptName}, false));
        QVERIFY(
            drifted.contains(QStringLiteral("<div class=\"verdict drift\" id=\"verdict\">Dataset drift detected: 3 of "
                                            "5 features drifted (60.0%)")));
        const QString stable = driftHtmlReport(analysisOf({}, false));
        QVERIFY(stable.contains(QStringLiteral("<div class=\"verdict ok\" id=\"verdict\">No dataset drift: 0 of 5 "
                                               "features drifted (0.0%)")));
        QVERIFY(stable.contains(QStringLiteral("<h2>Alerts (0)</h2>")));
    }

    void driftOverTime()
    {
        const QString html = driftHtmlReport(analysisOf({QStringLiteral("shifted")}, true));
        QVERIFY(html.contains(QStringLiteral("<h2>Drift over time</h2>")));
        QVERIFY(html.contains(QStringLiteral("4 windows of current rows by time")));
        QVERIFY(html.contains(QStringLiteral("Share of drifted features per window")));
        // One chart of the score per window in each feature's details.
        QCOMPARE(html.count(QStringLiteral("per window</title>")), 1 + 5);
        QVERIFY(!html.contains(QStringLiteral("<h2>Performance over time</h2>")));
    }

    void writesAtomically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.html"));
        const DriftAnalysis analysis = analysisOf({QStringLiteral("shifted")}, false);
        HtmlReportOptions options;
        options.created = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC);
        QVERIFY(writeDriftHtmlReport(path, analysis, options).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), driftHtmlReport(analysis, options));

        const Base::Status refused = writeDriftHtmlReport(dir.filePath(QStringLiteral("no/such/dir/r.html")), analysis);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QStringLiteral("r.html")));
    }
};

QTEST_GUILESS_MAIN(TestDriftHtml)
#include "tst_drift_html.moc"
