// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/FeatureDetailPanel.h"

#include "core/drift/DriftAnalysis.h"
#include "core/drift/DriftFormat.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/ErrorBarChart.h"
#include "ui/charts/HistogramChart.h"
#include "ui/charts/XYChart.h"
#include "ui/drift/DriftColours.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Tandem::Ui {
namespace {

enum Page { HintPage, HistogramPage, EcdfPage, BarsPage };

constexpr double msecsPerDay = 86400000.0;

/// An empirical CDF as steps: flat up to each value, then up to its share.
XYSeries ecdfSeries(
    const QString &name, qint64 colourSlot, const std::vector<double> &x, const std::vector<double> &y, double right)
{
    XYSeries series;
    series.name = name;
    series.runId = colourSlot;
    double previous = 0.0;
    for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
        series.x.push_back(x[i]);
        series.y.push_back(previous);
        series.x.push_back(x[i]);
        series.y.push_back(y[i]);
        previous = y[i];
    }
    if (!series.x.empty() && right > series.x.back()) {
        series.x.push_back(right);
        series.y.push_back(previous);
    }
    return series;
}

QToolButton *toggle(const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setCheckable(true);
    button->setAutoRaise(true);
    return button;
}

} // namespace

FeatureDetailPanel::FeatureDetailPanel(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_histogramButton(toggle(tr("Histogram"), tr("Overlaid histograms of the two samples (shares per bin)"), this))
    , m_ecdfButton(toggle(tr("ECDF"),
          tr("Empirical cumulative distributions: the share of values at or below x; "
             "the Kolmogorov–Smirnov statistic is their largest vertical gap"),
          this))
    , m_stack(new QStackedWidget(this))
    , m_hint(new QLabel(tr("Select a feature in the table to see its distributions."), this))
    , m_histogram(new HistogramChart)
    , m_ecdf(new XYChart)
    , m_bars(new ErrorBarChart)
{
    m_summary->setObjectName(QStringLiteral("featureSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_histogramButton->setObjectName(QStringLiteral("histogramToggle"));
    m_ecdfButton->setObjectName(QStringLiteral("ecdfToggle"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_histogramButton);
    group->addButton(m_ecdfButton);
    m_histogramButton->setChecked(true);
    connect(m_histogramButton, &QToolButton::clicked, this, [this] { setNumericView(NumericView::Histogram); });
    connect(m_ecdfButton, &QToolButton::clicked, this, [this] { setNumericView(NumericView::Ecdf); });

    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setEnabled(false);
    m_stack->addWidget(m_hint);
    m_stack->addWidget(new ChartPanel(m_histogram, m_stack));
    m_stack->addWidget(new ChartPanel(m_ecdf, m_stack));
    m_stack->addWidget(new ChartPanel(m_bars, m_stack));

    auto *header = new QHBoxLayout;
    header->addWidget(m_summary, 1);
    header->addWidget(m_histogramButton, 0, Qt::AlignTop);
    header->addWidget(m_ecdfButton, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_stack, 1);
    update();
}

void FeatureDetailPanel::showFeature(std::shared_ptr<const Drift::DriftAnalysis> analysis, int index)
{
    m_analysis = std::move(analysis);
    m_index = m_analysis && index >= 0 && std::size_t(index) < m_analysis->report.features().size() ? index : -1;
    update();
}

void FeatureDetailPanel::setNumericView(NumericView view)
{
    m_view = view;
    m_histogramButton->setChecked(view == NumericView::Histogram);
    m_ecdfButton->setChecked(view == NumericView::Ecdf);
    update();
}

ChartSurface *FeatureDetailPanel::shownChart() const
{
    switch (m_stack->currentIndex()) {
    case HistogramPage: return m_histogram;
    case EcdfPage: return m_ecdf;
    case BarsPage: return m_bars;
    default: return nullptr;
    }
}

int FeatureDetailPanel::shownSeriesCount() const
{
    switch (m_stack->currentIndex()) {
    case HistogramPage: return m_histogram->seriesCount();
    case EcdfPage: return m_ecdf->seriesCount();
    case BarsPage: return m_bars->seriesCount();
    default: return 0;
    }
}

void FeatureDetailPanel::update()
{
    const Drift::FeatureSketch *sketch = m_index >= 0 ? m_analysis->sketch(std::size_t(m_index)) : nullptr;
    const bool numeric = sketch && sketch->kind == Drift::FeatureKind::Numeric;
    m_histogramButton->setVisible(numeric);
    m_ecdfButton->setVisible(numeric);
    if (!sketch) {
        m_summary->clear();
        m_stack->setCurrentIndex(HintPage);
        return;
    }
    const Drift::FeatureDrift &f = m_analysis->report.features()[std::size_t(m_index)];
    QString summary
        = tr("%1 — %2 %3 %4 (drift %5 %6): %7")
              .arg(f.name, Drift::driftTestTitle(f.outcome.test),
                  Drift::isPValue(f.outcome.test) ? tr("p-value") : tr("distance"), Drift::driftNumber(f.outcome.score),
                  Drift::isPValue(f.outcome.test) ? tr("below") : tr("from"), Drift::driftNumber(f.outcome.threshold),
                  f.drifted() ? tr("drifted") : tr("no drift"));
    if (const QString findings = Drift::findingsText(f); !findings.isEmpty())
        summary += QStringLiteral("\n") + findings;
    m_summary->setText(summary);

    const QString reference = referenceSeriesName(), current = currentSeriesName();
    if (!numeric) {
        BarChartData data;
        data.title = tr("%1: share of each category").arg(f.name);
        data.categoryTitle = f.name;
        data.valueTitle = tr("share of values");
        data.categories = sketch->labels;
        const std::vector<double> left = sketch->referenceShares(), right = sketch->currentShares();
        data.series
            = {BarSeriesData {reference, referenceColourSlot, QList<double>(left.cbegin(), left.cend()), {}, {}},
                BarSeriesData {current, currentColourSlot, QList<double>(right.cbegin(), right.cend()), {}, {}}};
        m_bars->setData(std::move(data));
        m_stack->setCurrentIndex(BarsPage);
        return;
    }
    // Datetimes are milliseconds: shown as days from the first bin's day, which axes can label.
    const bool dates = f.referenceType == Data::ColumnType::DateTime && !sketch->edges.empty();
    const double origin = dates ? std::floor(sketch->edges.front() / msecsPerDay) * msecsPerDay : 0.0;
    const auto axisValues = [&](std::vector<double> values) {
        if (dates) {
            for (double &v : values)
                v = (v - origin) / msecsPerDay;
        }
        return values;
    };
    const QString xTitle = dates
        ? tr("%1 (days from %2)")
              .arg(f.name, QDateTime::fromMSecsSinceEpoch(qint64(origin), Qt::UTC).date().toString(Qt::ISODate))
        : f.name;
    if (m_view == NumericView::Histogram) {
        HistogramChartData data;
        data.title = tr("%1: distributions").arg(f.name);
        data.xTitle = xTitle;
        data.yTitle = tr("share of values");
        data.edges = axisValues(sketch->edges);
        data.series = {HistogramSeries {reference, referenceColourSlot, sketch->referenceShares()},
            HistogramSeries {current, currentColourSlot, sketch->currentShares()}};
        m_histogram->setData(std::move(data));
        m_stack->setCurrentIndex(HistogramPage);
        return;
    }
    XYChartData data;
    data.title = tr("%1: cumulative distributions").arg(f.name);
    data.xTitle = xTitle;
    data.yTitle = tr("share of values ≤ x");
    const double right = sketch->edges.empty() ? 0.0 : axisValues({sketch->edges.back()}).front();
    data.series = {
        ecdfSeries(reference, referenceColourSlot, axisValues(sketch->referenceEcdfX), sketch->referenceEcdfY, right),
        ecdfSeries(current, currentColourSlot, axisValues(sketch->currentEcdfX), sketch->currentEcdfY, right)};
    m_ecdf->setData(std::move(data));
    m_stack->setCurrentIndex(EcdfPage);
}

} // namespace Tandem::Ui
