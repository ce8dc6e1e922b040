// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/DriftHtmlReport.h"

#include "core/base/Version.h"
#include "core/drift/DriftAlerts.h"
#include "core/drift/DriftAnalysis.h"
#include "core/drift/DriftFormat.h"
#include "core/drift/DriftStrength.h"
#include "core/drift/DriftSvg.h"

#include <QDir>
#include <QSaveFile>

#include <cmath>

namespace Tandem::Drift {
namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

const char *const styleSheet = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 24px auto;
  max-width: 1100px; padding: 0 16px; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
.sources { color: #555; margin: 0; }
.verdict { padding: 12px 16px; border-radius: 6px; margin: 16px 0; font-weight: 600; }
.verdict.drift { background: #fde8e6; border-left: 6px solid #c62828; }
.verdict.ok { background: #e7f5ea; border-left: 6px solid #2e7d32; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; vertical-align: middle; }
th { background: #f5f5f5; position: sticky; top: 0; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
tr.drifted td.verdict-cell { color: #c62828; font-weight: 600; }
tr.stable td.verdict-cell { color: #2e7d32; }
td.findings { color: #8a4b00; }
ul.alerts li { margin: 2px 0; }
.kind { display: inline-block; min-width: 9em; color: #555; }
details { margin: 6px 0; border: 1px solid #eee; border-radius: 4px; padding: 4px 8px; }
summary { cursor: pointer; font-weight: 600; }
.legend-ref { color: %1; } .legend-cur { color: %2; }
footer { margin-top: 2em; color: #777; font-size: 0.85em; }
svg { max-width: 100%; height: auto; }
)";

QString verdictText(const FeatureDrift &f)
{
    if (f.drifted())
        return QStringLiteral("\u26a0 drifted");
    if (std::isnan(f.outcome.score))
        return QStringLiteral("\u2013 no values");
    return QStringLiteral("\u2713 stable");
}

QString featureRow(const FeatureDrift &f, const FeatureSketch *sketch, std::size_t index)
{
    return QStringLiteral("<tr class=\"feature %1\"><td><a href=\"#feature-%2\">%3</a></td><td>%4</td><td>%5</td>"
                          "<td>%6</td><td class=\"number\">%7</td><td class=\"number\">%8</td>"
                          "<td class=\"verdict-cell\">%9</td><td class=\"findings\">%10</td></tr>\n")
        .arg(f.drifted() ? QStringLiteral("drifted") : QStringLiteral("stable"))
        .arg(index)
        .arg(esc(f.name), sketch ? svgSparkline(*sketch) : QString(), esc(featureKindName(f.kind)),
            esc(driftTestTitle(f.outcome.test)), esc(driftNumber(f.outcome.score)),
            esc(driftNumber(f.outcome.threshold)), esc(verdictText(f)), esc(findingsText(f)));
}

std::vector<double> windowNumbers(std::size_t count)
{
    std::vector<double> x(count);
    for (std::size_t i = 0; i < count; ++i)
        x[i] = double(i + 1);
    return x;
}

QString windowAxisTitle(const DriftAnalysis &analysis)
{
    return analysis.orderName.isEmpty() ? QStringLiteral("window (row order)")
                                        : QStringLiteral("window (by %1)").arg(analysis.orderName);
}

SvgSeries level(const QString &name, const QString &colour, double value, std::size_t count)
{
    SvgSeries s {name, colour, {1.0, double(std::max<std::size_t>(count, 1))}, {value, value}, true, false};
    return s;
}

QString featureWindowChart(const DriftAnalysis &analysis, std::size_t feature)
{
    const WindowedDrift &windows = *analysis.windows;
    const FeatureDrift &f = analysis.report.features()[feature];
    SvgLineChart chart;
    chart.title = QStringLiteral("%1: %2 per window").arg(f.name, driftTestTitle(f.outcome.test));
    chart.xTitle = windowAxisTitle(analysis);
    chart.yTitle = isPValue(f.outcome.test) ? QStringLiteral("p-value (log scale)") : QStringLiteral("distance");
    chart.logY = isPValue(f.outcome.test);
    SvgSeries scores {QStringLiteral("score"), currentColour(), windowNumbers(windows.windows.size()), {}, false, true};
    for (const DriftWindow &w : windows.windows)
        scores.y.push_back(feature < w.outcomes.size() ? w.outcomes[feature].score : std::nan(""));
    chart.series = {scores,
        level(QStringLiteral("threshold"), QStringLiteral("#c62828"), f.outcome.threshold, windows.windows.size())};
    return svgLineChart(chart);
}

QString sideTable(const DriftAnalysis &analysis)
{
    QString html = QStringLiteral("<table><thead><tr><th>Column</th><th>Role</th><th>Test</th><th>Score</th>"
                                  "<th>Threshold</th><th>Verdict</th></tr></thead><tbody>\n");
    const auto row = [&](const FeatureDrift &f, const QString &role) {
        html += QStringLiteral("<tr class=\"%1\"><td>%2</td><td>%3</td><td>%4</td><td class=\"number\">%5</td>"
                               "<td class=\"number\">%6</td><td class=\"verdict-cell\">%7</td></tr>\n")
                    .arg(f.outcome.drifted ? QStringLiteral("drifted") : QStringLiteral("stable"), esc(f.name),
                        esc(role), esc(driftTestTitle(f.outcome.test)), esc(driftNumber(f.outcome.score)),
                        esc(driftNumber(f.outcome.threshold)),
                        f.outcome.drifted ? QStringLiteral("\u26a0 drifted") : QStringLiteral("\u2713 stable"));
    };
    if (analysis.target)
        row(*analysis.target, QStringLiteral("target"));
    if (analysis.prediction) {
        row(*analysis.prediction,
            analysis.modelName.isEmpty() ? QStringLiteral("prediction")
                                         : QStringLiteral("prediction of %1").arg(analysis.modelName));
    }
    if (analysis.probability)
        row(*analysis.probability, QStringLiteral("predicted probability"));
    return html + QStringLiteral("</tbody></table>\n");
}

QString windowsSection(const DriftAnalysis &analysis)
{
    const WindowedDrift &windows = *analysis.windows;
    SvgLineChart chart;
    chart.title = QStringLiteral("Share of drifted features per window");
    chart.xTitle = windowAxisTitle(analysis);
    chart.yTitle = QStringLiteral("share drifted");
    SvgSeries share {
        QStringLiteral("share drifted"), currentColour(), windowNumbers(windows.windows.size()), {}, false, true};
    for (const DriftWindow &w : windows.windows)
        share.y.push_back(w.shareDrifted);
    chart.series = {share,
        level(QStringLiteral("drift share"), QStringLiteral("#c62828"), windows.driftShare, windows.windows.size())};
    QString html = QStringLiteral("<h2>Drift over time</h2>\n<p>%1 windows of current rows by %2, each compared with "
                                  "the whole reference; %3 drifted as a dataset.</p>\n")
                       .arg(QString::number(windows.windows.size()),
                           esc(analysis.orderName.isEmpty() ? QStringLiteral("row order") : analysis.orderName),
                           QString::number(windows.driftedWindowCount()));
    html += svgLineChart(chart);
    html += QStringLiteral("<table><thead><tr><th>Window</th><th>From</th><th>To</th><th>Rows</th>"
                           "<th>Share drifted</th><th>Verdict</th></tr></thead><tbody>\n");
    for (std::size_t i = 0; i < windows.windows.size(); ++i) {
        const DriftWindow &w = windows.windows[i];
        html += QStringLiteral("<tr class=\"%1\"><td>%2</td><td>%3</td><td>%4</td><td class=\"number\">%5</td>"
                               "<td class=\"number\">%6</td><td class=\"verdict-cell\">%7</td></tr>\n")
                    .arg(w.datasetDrifted ? QStringLiteral("drifted") : QStringLiteral("stable"))
                    .arg(i + 1)
                    .arg(esc(orderText(w.start, analysis.orderIsTime)), esc(orderText(w.end, analysis.orderIsTime)))
                    .arg(w.rows)
                    .arg(esc(percentText(w.shareDrifted)),
                        w.datasetDrifted ? QStringLiteral("\u26a0 drifted") : QStringLiteral("\u2713 stable"));
    }
    return html + QStringLiteral("</tbody></table>\n");
}

QString performanceSection(const DriftAnalysis &analysis)
{
    const PerformanceDrift &p = *analysis.performance;
    SvgLineChart chart;
    chart.title = QStringLiteral("%1 per window").arg(p.metric);
    chart.xTitle = windowAxisTitle(analysis);
    chart.yTitle = p.metric;
    SvgSeries values {p.metric, currentColour(), windowNumbers(p.windows.size()), {}, false, true};
    for (const PerformanceWindow &w : p.windows)
        values.y.push_back(w.value);
    chart.series = {values, level(QStringLiteral("reference"), referenceColour(), p.reference, p.windows.size()),
        level(QStringLiteral("alert level"), QStringLiteral("#c62828"), p.alertLevel, p.windows.size())};
    QString html
        = QStringLiteral("<h2>Performance over time</h2>\n<p>%1 on the reference: %2; a window alerts %3 "
                         "%4. %5 of %6 windows alert.</p>\n")
              .arg(esc(p.metric), esc(driftNumber(p.reference)),
                  p.greaterIsBetter ? QStringLiteral("below") : QStringLiteral("above"), esc(driftNumber(p.alertLevel)),
                  QString::number(p.alertCount()), QString::number(p.windows.size()));
    html += svgLineChart(chart);
    html += QStringLiteral("<table><thead><tr><th>Window</th><th>From</th><th>To</th><th>Rows</th><th>%1</th>"
                           "<th>Alert</th></tr></thead><tbody>\n")
                .arg(esc(p.metric));
    for (std::size_t i = 0; i < p.windows.size(); ++i) {
        const PerformanceWindow &w = p.windows[i];
        html
            += QStringLiteral("<tr class=\"%1\"><td>%2</td><td>%3</td><td>%4</td><td class=\"number\">%5</td>"
                              "<td class=\"number\">%6</td><td class=\"verdict-cell\">%7</td></tr>\n")
                   .arg(w.alert ? QStringLiteral("drifted") : QStringLiteral("stable"))
                   .arg(i + 1)
                   .arg(esc(orderText(w.start, analysis.orderIsTime)), esc(orderText(w.end, analysis.orderIsTime)))
                   .arg(w.rows)
                   .arg(esc(driftNumber(w.value)), w.alert ? QStringLiteral("\u26a0 alert") : QStringLiteral("\u2013"));
    }
    return html + QStringLiteral("</tbody></table>\n");
}

} // namespace

QString driftHtmlReport(const DriftAnalysis &analysis, const HtmlReportOptions &options)
{
    const DriftReport &report = analysis.report;
    const QString title = options.title.isEmpty() ? QStringLiteral("Drift report") : options.title;
    const QDateTime created = options.created.isValid() ? options.created : QDateTime::currentDateTime();
    QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                                  "<title>%1</title>\n<style>%2</style>\n</head>\n<body>\n")
                       .arg(esc(title), QString::fromUtf8(styleSheet).arg(referenceColour(), currentColour()));
    html += QStringLiteral("<h1>%1</h1>\n<p class=\"sources\">Reference: <b>%2</b> (%3 rows) \u00b7 Current: "
                           "<b>%4</b> (%5 rows) \u00b7 %6</p>\n")
                .arg(esc(title), esc(analysis.referenceName), QString::number(report.referenceRows()),
                    esc(analysis.currentName), QString::number(report.currentRows()),
                    esc(created.toString(Qt::ISODate)));

    html += QStringLiteral("<div class=\"verdict %1\" id=\"verdict\">%2: %3 of %4 features drifted (%5); the dataset "
                           "drifts at %6 or more.</div>\n")
                .arg(report.drifted() ? QStringLiteral("drift") : QStringLiteral("ok"),
                    report.drifted() ? QStringLiteral("Dataset drift detected") : QStringLiteral("No dataset drift"))
                .arg(report.driftedCount())
                .arg(report.features().size())
                .arg(percentText(report.shareDrifted()), percentText(report.driftShare()));

    const QList<DriftAlert> alerts = driftAlerts(analysis);
    html += QStringLiteral("<h2>Alerts (%1)</h2>\n").arg(alerts.size());
    if (alerts.isEmpty()) {
        html += QStringLiteral("<p>No threshold was crossed.</p>\n");
    } else {
        html += QStringLiteral("<ul class=\"alerts\">\n");
        for (const DriftAlert &alert : alerts) {
            html += QStringLiteral("<li><span class=\"kind\">%1</span> %2</li>\n")
                        .arg(esc(driftAlertKindName(alert.kind)), esc(alert.message));
        }
        html += QStringLiteral("</ul>\n");
    }

    const std::vector<std::size_t> order = orderByDrift(report.features());
    html += QStringLiteral("<h2>Features</h2>\n<p>From the strongest drift down. Distributions: "
                           "<span class=\"legend-ref\">&#9632; reference</span> "
                           "<span class=\"legend-cur\">&#9632; current</span>.</p>\n"
                           "<table class=\"features\"><thead><tr><th>Feature</th><th>Distribution</th><th>Kind</th>"
                           "<th>Test</th><th>Score</th><th>Threshold</th><th>Verdict</th><th>Findings</th></tr>"
                           "</thead><tbody>\n");
    for (const std::size_t index : order)
        html += featureRow(report.features()[index], analysis.sketch(index), index);
    html += QStringLiteral("</tbody></table>\n");

    if (analysis.target || analysis.prediction || analysis.probability) {
        html += QStringLiteral("<h2>Target and prediction drift</h2>\n<p>Not counted in the dataset verdict.</p>\n");
        html += sideTable(analysis);
    }
    if (analysis.windows)
        html += windowsSection(analysis);
    if (analysis.performance)
        html += performanceSection(analysis);

    html += QStringLiteral("<h2>Feature details</h2>\n");
    for (const std::size_t index : order) {
        const FeatureDrift &f = report.features()[index];
        html += QStringLiteral("<details id=\"feature-%1\"%2><summary>%3 \u2014 %4</summary>\n")
                    .arg(index)
                    .arg(f.drifted() ? QStringLiteral(" open=\"open\"") : QString(), esc(f.name), esc(verdictText(f)));
        if (const FeatureSketch *sketch = analysis.sketch(index))
            html += svgDistribution(*sketch, f.name, f.referenceType == Data::ColumnType::DateTime);
        if (analysis.windows && !analysis.windows->windows.empty())
            html += featureWindowChart(analysis, index);
        html += QStringLiteral("</details>\n");
    }
    html += QStringLiteral("<footer>Made by Tandem %1.</footer>\n</body>\n</html>\n").arg(esc(Base::appVersion()));
    return html;
}

Base::Status writeDriftHtmlReport(const QString &path, const DriftAnalysis &analysis, const HtmlReportOptions &options)
{
    QSaveFile file(path);
    const QString shown = QDir::toNativeSeparators(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Base::Error(QStringLiteral("Cannot write the drift report %1: %2").arg(shown, file.errorString()));
    file.write(driftHtmlReport(analysis, options).toUtf8());
    if (!file.commit())
        return Base::Error(QStringLiteral("Cannot write the drift report %1: %2").arg(shown, file.errorString()));
    return {};
}

} // namespace Tandem::Drift
