// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/DriftTimePanel.h"

#include "core/drift/DriftAnalysis.h"
#include "core/drift/DriftFormat.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/XYChart.h"
#include "ui/drift/DriftColours.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Tandem::Ui {
namespace {

enum Page { HintPage, ChartsPage };

/// Where a p-value of 0 is drawn on a log axis: a decade below the smallest
/// positive value shown (the threshold included), so the axis keeps its decades.
double pValueFloor(const std::vector<double> &scores, double threshold)
{
    double smallest = threshold > 0.0 ? threshold : 1.0;
    for (const double score : scores) {
        if (score > 0.0)
            smallest = std::min(smallest, score);
    }
    return smallest / 10.0;
}

std::vector<double> windowNumbers(std::size_t count)
{
    std::vector<double> x(count);
    for (std::size_t i = 0; i < count; ++i)
        x[i] = double(i + 1);
    return x;
}

/// A level (a threshold, a reference): a two-point line across the windows.
XYSeries level(const QString &name, qint64 colourSlot, double value, std::size_t windows)
{
    XYSeries series;
    series.name = name;
    series.runId = colourSlot;
    series.x = {1.0, double(std::max<std::size_t>(windows, 1))};
    series.y = {value, value};
    return series;
}

QString windowsTitle(const Drift::DriftAnalysis &analysis)
{
    return analysis.orderName.isEmpty() ? QObject::tr("window (row order)")
                                        : QObject::tr("window (by %1)").arg(analysis.orderName);
}

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *hint = new QLabel(text, parent);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    return hint;
}

} // namespace

DriftTimePanel::DriftTimePanel(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_charts(new QStackedWidget(this))
    , m_summary(new QLabel(this))
    , m_featureButton(new QToolButton(this))
    , m_shareButton(new QToolButton(this))
    , m_featureChart(new XYChart)
    , m_shareChart(new XYChart)
{
    m_stack->addWidget(hintLabel(tr("Choose a time column in the options above and analyse again: the current rows "
                                    "are then cut into windows along it, and each window is compared with the "
                                    "reference."),
        m_stack));
    auto *page = new QWidget(m_stack);
    m_summary->setWordWrap(true);
    m_featureButton->setText(tr("Selected Feature"));
    m_featureButton->setToolTip(tr("The selected feature's score in each window, with its threshold"));
    m_shareButton->setText(tr("All Features"));
    m_shareButton->setToolTip(tr("The share of drifted features in each window, with the drift share"));
    auto *group = new QButtonGroup(this);
    for (QToolButton *button : {m_featureButton, m_shareButton}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        group->addButton(button);
    }
    m_featureButton->setChecked(true);
    connect(m_featureButton, &QToolButton::clicked, this, [this] { setChart(Chart::Feature); });
    connect(m_shareButton, &QToolButton::clicked, this, [this] { setChart(Chart::Share); });
    m_charts->addWidget(new ChartPanel(m_featureChart, m_charts));
    m_charts->addWidget(new ChartPanel(m_shareChart, m_charts));
    auto *header = new QHBoxLayout;
    header->addWidget(m_summary, 1);
    header->addWidget(m_featureButton, 0, Qt::AlignTop);
    header->addWidget(m_shareButton, 0, Qt::AlignTop);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addLayout(header);
    pageLayout->addWidget(m_charts, 1);
    m_stack->addWidget(page);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

void DriftTimePanel::setChart(Chart chart)
{
    m_chart = chart;
    m_featureButton->setChecked(chart == Chart::Feature);
    m_shareButton->setChecked(chart == Chart::Share);
    m_charts->setCurrentIndex(chart == Chart::Feature ? 0 : 1);
}

bool DriftTimePanel::hasWindows() const
{
    return m_analysis && m_analysis->windows && !m_analysis->windows->windows.empty();
}

void DriftTimePanel::showAnalysis(std::shared_ptr<const Drift::DriftAnalysis> analysis, int feature)
{
    m_analysis = std::move(analysis);
    if (!hasWindows()) {
        m_stack->setCurrentIndex(HintPage);
        return;
    }
    m_stack->setCurrentIndex(ChartsPage);
    const Drift::WindowedDrift &windows = *m_analysis->windows;
    const std::size_t count = windows.windows.size();
    m_summary->setText(
        tr("%1 windows of current rows by %2, from %3 to %4; %5 drifted as a dataset.")
            .arg(QString::number(count), m_analysis->orderName.isEmpty() ? tr("row order") : m_analysis->orderName,
                Drift::orderText(windows.windows.front().start, m_analysis->orderIsTime),
                Drift::orderText(windows.windows.back().end, m_analysis->orderIsTime),
                QString::number(windows.driftedWindowCount())));

    if (feature >= 0 && std::size_t(feature) < m_analysis->report.features().size()) {
        const Drift::FeatureDrift &f = m_analysis->report.features()[std::size_t(feature)];
        const bool pValue = Drift::isPValue(f.outcome.test);
        XYChartData data;
        data.title = tr("%1: %2 per window").arg(f.name, Drift::driftTestTitle(f.outcome.test));
        data.xTitle = windowsTitle(*m_analysis);
        data.yTitle = pValue ? tr("p-value (log scale)") : tr("distance");
        data.logY = pValue;
        XYSeries scores;
        scores.name = tr("score");
        scores.runId = currentColourSlot;
        scores.x = windowNumbers(count);
        for (const Drift::DriftWindow &w : windows.windows) {
            scores.y.push_back(
                std::size_t(feature) < w.outcomes.size() ? w.outcomes[std::size_t(feature)].score : std::nan(""));
        }
        if (pValue) {
            const double floor = pValueFloor(scores.y, f.outcome.threshold);
            for (double &score : scores.y) {
                if (score <= 0.0)
                    score = floor;
            }
        }
        data.series = {scores, level(tr("threshold"), thresholdColourSlot, f.outcome.threshold, count)};
        m_featureChart->setData(std::move(data));
    } else {
        XYChartData data;
        data.title = tr("Select a feature for its score per window");
        m_featureChart->setData(std::move(data));
    }

    XYChartData share;
    share.title = tr("Share of drifted features per window");
    share.xTitle = windowsTitle(*m_analysis);
    share.yTitle = tr("share drifted");
    XYSeries values;
    values.name = tr("share drifted");
    values.runId = currentColourSlot;
    values.x = windowNumbers(count);
    for (const Drift::DriftWindow &w : windows.windows)
        values.y.push_back(w.shareDrifted);
    share.series = {values, level(tr("drift share"), thresholdColourSlot, windows.driftShare, count)};
    m_shareChart->setData(std::move(share));
}

PerformancePanel::PerformancePanel(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_summary(new QLabel(this)), m_chart(new XYChart)
{
    m_stack->addWidget(hintLabel(tr("Choose a target column and where predictions come from (a column of logged "
                                    "predictions, the reference run's model or a model bundle) and analyse "
                                    "again: the model's metric is then shown per window of current rows."),
        m_stack));
    auto *page = new QWidget(m_stack);
    m_summary->setWordWrap(true);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(m_summary);
    pageLayout->addWidget(new ChartPanel(m_chart, page), 1);
    m_stack->addWidget(page);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

bool PerformancePanel::hasPerformance() const
{
    return m_analysis && m_analysis->performance && !m_analysis->performance->windows.empty();
}

void PerformancePanel::showAnalysis(std::shared_ptr<const Drift::DriftAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    if (!hasPerformance()) {
        m_stack->setCurrentIndex(HintPage);
        return;
    }
    m_stack->setCurrentIndex(ChartsPage);
    const Drift::PerformanceDrift &p = *m_analysis->performance;
    const QString model = m_analysis->modelName.isEmpty() ? tr("the logged predictions") : m_analysis->modelName;
    m_summary->setText(
        tr("%1 of %2 per window: %3 on the reference; a window alerts %4 %5. %6 of %7 windows alert.")
            .arg(p.metric, model, Drift::driftNumber(p.reference), p.greaterIsBetter ? tr("below") : tr("above"),
                Drift::driftNumber(p.alertLevel), QString::number(p.alertCount()), QString::number(p.windows.size())));
    XYChartData data;
    data.title = tr("%1 per window").arg(p.metric);
    data.xTitle = windowsTitle(*m_analysis);
    data.yTitle = p.metric;
    XYSeries values;
    values.name = p.metric;
    values.runId = currentColourSlot;
    values.x = windowNumbers(p.windows.size());
    for (const Drift::PerformanceWindow &w : p.windows)
        values.y.push_back(w.value);
    data.series = {values, level(tr("reference level"), referenceColourSlot, p.reference, p.windows.size()),
        level(tr("alert level"), thresholdColourSlot, p.alertLevel, p.windows.size())};
    m_chart->setData(std::move(data));
}

} // namespace Tandem::Ui
