// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/SweepPage.h"

#include "core/compare/Comparison.h"
#include "core/eval/MetricSet.h"
#include "core/learn/Registry.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/ParallelCoordinatesWidget.h"
#include "ui/charts/StripBoxChart.h"
#include "ui/charts/XYChart.h"
#include "ui/compare/PageWidgets.h"
#include "ui/compare/RunChip.h"

#include <QCheckBox>
#include <QCollator>
#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonValue>
#include <QLabel>
#include <QStackedWidget>
#include <QTabBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace Tandem::Ui {
namespace {

enum StackPage { NotePage, ChartsPage };
enum ScatterPage { ScatterPage, StripPage };

/// The schema of hyperparameter `name` of model `modelId`, if the registry knows it.
std::optional<Learn::ParamSpec> paramSpec(const QString &modelId, const QString &name)
{
    const Learn::ModelInfo *model = Learn::Registry::instance().find(modelId);
    if (!model)
        return std::nullopt;
    for (const Learn::ParamSpec &spec : model->create()->params()) {
        if (spec.name == name)
            return spec;
    }
    return std::nullopt;
}

/// The parameter names of `modelId` in its family's order (empty when unknown).
QStringList paramOrder(const QString &modelId)
{
    QStringList names;
    if (const Learn::ModelInfo *model = Learn::Registry::instance().find(modelId)) {
        for (const Learn::ParamSpec &spec : model->create()->params())
            names << spec.name;
    }
    return names;
}

QString jsonText(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 12);
    return value.toString();
}

/// Every parameter that all runs have and that does not take one value in all of them.
QList<SweepPage::Parameter> findVaryingParameters(const Compare::Comparison &comparison)
{
    const QList<Compare::ComparedRun> &runs = comparison.runs();
    QList<SweepPage::Parameter> parameters;
    if (runs.size() < 2)
        return parameters;
    QStringList names = paramOrder(runs.first().model());
    QStringList others = runs.first().record.params.keys();
    std::sort(others.begin(), others.end());
    for (const QString &name : std::as_const(others)) {
        if (!names.contains(name))
            names << name;
    }
    for (const QString &name : std::as_const(names)) {
        QList<QJsonValue> values;
        for (const Compare::ComparedRun &run : runs) {
            if (!run.record.params.contains(name))
                break;
            values << run.record.params.value(name);
        }
        if (values.size() != runs.size()
            || std::all_of(values.cbegin(), values.cend(), [&](const QJsonValue &v) { return v == values.first(); }))
            continue;

        const std::optional<Learn::ParamSpec> spec = paramSpec(runs.first().model(), name);
        const bool numeric = spec
            ? spec->type == Learn::ParamSpec::Type::Int || spec->type == Learn::ParamSpec::Type::Float
            : std::all_of(values.cbegin(), values.cend(), [](const QJsonValue &v) { return v.isDouble(); });
        SweepPage::Parameter parameter;
        parameter.name = name;
        if (numeric) {
            for (const QJsonValue &value : std::as_const(values))
                parameter.values << (value.isDouble() ? value.toDouble() : std::numeric_limits<double>::quiet_NaN());
            parameter.log = spec && spec->logScale
                && std::all_of(parameter.values.cbegin(), parameter.values.cend(), [](double v) { return v > 0; });
        } else {
            // Choices in the family's order, other texts in natural order ("2" before "10").
            QStringList texts;
            for (const QJsonValue &value : std::as_const(values)) {
                const QString text = jsonText(value);
                if (!texts.contains(text))
                    texts << text;
            }
            if (spec && !spec->choices.isEmpty()) {
                QStringList ordered;
                for (const QString &choice : spec->choices) {
                    if (texts.contains(choice))
                        ordered << choice;
                }
                for (const QString &text : std::as_const(texts)) {
                    if (!ordered.contains(text))
                        ordered << text;
                }
                texts = ordered;
            } else {
                QCollator collator;
                collator.setNumericMode(true);
                std::sort(texts.begin(), texts.end(), collator);
            }
            parameter.categories = texts;
            for (const QJsonValue &value : std::as_const(values))
                parameter.values << double(texts.indexOf(jsonText(value)));
        }
        parameters << parameter;
    }
    return parameters;
}

/// A label and its chooser as one widget, hidden together.
QWidget *chooserRow(const QString &text, QWidget *chooser, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(text, row);
    label->setBuddy(chooser);
    layout->addWidget(label);
    layout->addWidget(chooser);
    return row;
}

} // namespace

SweepPage::SweepPage(QWidget *parent)
    : ComparePage(parent)
    , m_chartBar(new QTabBar(this))
    , m_parameterCombo(new QComboBox(this))
    , m_metricCombo(new QComboBox(this))
    , m_colourByMetric(new QCheckBox(tr("Colour lines by &metric"), this))
    , m_selection(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(makePageNote(this))
    , m_scatterStack(new QStackedWidget(this))
    , m_scatter(new XYChart)
    , m_strip(new StripBoxChart)
    , m_parallel(new ParallelCoordinatesWidget)
{
    m_parameterCombo->setObjectName(QStringLiteral("sweepParameter"));
    m_parameterCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_parameterCombo->setToolTip(tr("The hyperparameter on the scatter's horizontal axis"));
    m_metricCombo->setObjectName(QStringLiteral("sweepMetric"));
    m_metricCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_metricCombo->setToolTip(tr("The metric compared: each run's mean over its folds"));
    m_colourByMetric->setToolTip(
        tr("Colour the parallel coordinates by the metric's value instead of each run's own colour"));
    m_selection->setObjectName(QStringLiteral("sweepSelection"));
    m_selection->setToolTip(tr("Drag along an axis of the parallel coordinates to select runs; click the axis "
                               "to clear its brush, Esc or Reset to clear all"));

    // One chart at a time, each with the page's room; the selection line stays in
    // view, so a brush set on the parallel coordinates shows on the scatter too.
    m_chartBar->setObjectName(QStringLiteral("sweepChart"));
    m_chartBar->addTab(tr("By parameter"));
    m_chartBar->addTab(tr("Parallel coordinates"));
    m_chartBar->setExpanding(false);
    m_chartBar->setDrawBase(false);
    // Every tab always readable: the choosers beside it give way instead.
    m_chartBar->setUsesScrollButtons(false);
    m_parameterRow = chooserRow(tr("&Parameter:"), m_parameterCombo, this);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_chartBar);
    controls->addSpacing(16);
    controls->addWidget(m_parameterRow);
    controls->addWidget(chooserRow(tr("M&etric:"), m_metricCombo, this));
    controls->addWidget(m_colourByMetric);
    controls->addStretch(1);
    controls->addWidget(m_selection);

    m_scatterStack->addWidget(new ChartPanel(m_scatter, m_scatterStack));
    m_scatterStack->addWidget(new ChartPanel(m_strip, m_scatterStack));
    m_charts = new QStackedWidget(m_stack);
    m_charts->addWidget(m_scatterStack);
    m_charts->addWidget(new ChartPanel(m_parallel, m_charts));
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_charts);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_stack, 1);

    connect(m_chartBar, &QTabBar::currentChanged, this, [this] { showChartKind(); });

    connect(m_parameterCombo, &QComboBox::currentIndexChanged, this, [this] { showScatter(); });
    connect(m_metricCombo, &QComboBox::currentIndexChanged, this, [this] {
        showScatter();
        showParallelCoordinates();
    });
    connect(m_colourByMetric, &QCheckBox::toggled, this,
        [this](bool byMetric) { m_parallel->setColourAxis(byMetric ? int(m_parallel->data().axes.size()) - 1 : -1); });
    connect(m_parallel, &ParallelCoordinatesWidget::selectionChanged, this, &SweepPage::applySelection);
    showEmpty(tr("No runs to show"));
    showChartKind();
}

SweepPage::~SweepPage() = default;

QString SweepPage::title() const
{
    return tr("Hyperparameters");
}

QStringList SweepPage::varyingParameters() const
{
    QStringList names;
    for (const Parameter &parameter : m_parameters)
        names << parameter.name;
    return names;
}

SweepPage::SweepChart SweepPage::chart() const
{
    return SweepChart(m_chartBar->currentIndex());
}

void SweepPage::showChart(SweepChart chart)
{
    m_chartBar->setCurrentIndex(chart);
}

void SweepPage::showChartKind()
{
    const bool scatter = chart() == ParameterChart;
    m_charts->setCurrentIndex(scatter ? 0 : 1);
    m_parameterRow->setVisible(scatter);
    m_colourByMetric->setVisible(!scatter);
}

bool SweepPage::showsStripChart() const
{
    return m_scatterStack->currentIndex() == StripPage;
}

QString SweepPage::selectionText() const
{
    return m_selection->text();
}

QString SweepPage::emptyText() const
{
    return m_stack->currentIndex() == NotePage ? m_empty->text() : QString();
}

void SweepPage::setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
    std::shared_ptr<const Compare::Comparison> comparison)
{
    Q_UNUSED(workspace)
    Q_UNUSED(runIds)
    m_comparison = std::move(comparison);
    rebuild();
}

void SweepPage::rebuild()
{
    m_parameters = m_comparison ? findVaryingParameters(*m_comparison) : QList<Parameter> {};
    m_selected.clear();
    if (m_comparison) {
        for (const Compare::ComparedRun &run : m_comparison->runs())
            m_selected << run.id();
    }
    const QString parameter = m_parameterCombo->currentText();
    const QString metric = m_metricCombo->currentText();
    {
        const QSignalBlocker parameters(m_parameterCombo);
        const QSignalBlocker metrics(m_metricCombo);
        m_parameterCombo->clear();
        m_metricCombo->clear();
        if (m_comparison) {
            m_parameterCombo->addItems(varyingParameters());
            m_metricCombo->addItems(m_comparison->metricNames());
        }
        m_parameterCombo->setCurrentIndex(std::max(0, m_parameterCombo->findText(parameter)));
        m_metricCombo->setCurrentIndex(std::max(0, m_metricCombo->findText(metric)));
    }
    if (!m_comparison) {
        showEmpty(tr("No runs to show"));
        return;
    }
    if (m_parameters.isEmpty()) {
        showEmpty(tr("Not a sweep: the runs share no varying parameter. Compare runs of one sweep (one "
                     "experiment) to see how their hyperparameters relate to a metric."));
        return;
    }
    if (m_metricCombo->count() == 0) {
        showEmpty(tr("These runs have no metrics yet."));
        return;
    }
    m_stack->setCurrentIndex(ChartsPage);
    showScatter();
    showParallelCoordinates();
}

void SweepPage::showScatter()
{
    const int p = m_parameterCombo->currentIndex();
    if (!m_comparison || p < 0 || p >= m_parameters.size() || m_metricCombo->currentIndex() < 0)
        return;
    const Parameter &parameter = m_parameters.at(p);
    const QString metric = m_metricCombo->currentText();
    const QList<Compare::ComparedRun> &runs = m_comparison->runs();
    const QString title = tr("%1 against %2 (mean over folds)").arg(metric, parameter.name);

    if (!parameter.categories.isEmpty()) {
        // A categorical parameter: the runs of each value as a box and its points.
        StripChartData data;
        data.title = title;
        data.groupTitle = parameter.name;
        data.valueTitle = metric;
        for (qsizetype c = 0; c < parameter.categories.size(); ++c) {
            StripGroup group;
            group.name = parameter.categories.at(c);
            for (qsizetype r = 0; r < runs.size(); ++r) {
                if (parameter.values.at(r) != double(c) || !m_selected.contains(runs.at(r).id()))
                    continue;
                group.values << m_comparison->summary(int(r), metric).mean;
                group.pointLabels << chartRunName(runs.at(r));
            }
            data.groups << group;
        }
        m_strip->setData(std::move(data));
        m_scatterStack->setCurrentIndex(StripPage);
        return;
    }

    XYChartData data;
    data.title = title;
    data.xTitle = parameter.log ? tr("%1 (log scale)").arg(parameter.name) : parameter.name;
    data.yTitle = metric;
    data.logX = parameter.log;
    for (qsizetype r = 0; r < runs.size(); ++r) {
        XYSeries series;
        series.name = legendRunName(runLabel(runs.at(r)), runs.at(r).id(), runs.size());
        series.runId = runs.at(r).id();
        series.style = XYSeries::Style::Points;
        series.x = {parameter.values.at(r)};
        series.y = {m_comparison->summary(int(r), metric).mean};
        data.series << series;
    }
    m_scatter->setData(std::move(data));
    for (qsizetype r = 0; r < runs.size(); ++r)
        m_scatter->setSeriesShown(int(r), m_selected.contains(runs.at(r).id()));
    m_scatterStack->setCurrentIndex(ScatterPage);
}

void SweepPage::showParallelCoordinates()
{
    if (!m_comparison || m_parameters.isEmpty() || m_metricCombo->currentIndex() < 0)
        return;
    const QString metric = m_metricCombo->currentText();
    const QList<Compare::ComparedRun> &runs = m_comparison->runs();
    ParallelCoordinatesData data;
    data.title = tr("Hyperparameters and %1").arg(metric);
    for (const Compare::ComparedRun &run : runs) {
        data.runIds << run.id();
        data.runNames << chartRunName(run);
    }
    for (const Parameter &parameter : std::as_const(m_parameters)) {
        ParallelAxis axis;
        axis.name = parameter.name;
        axis.log = parameter.log;
        axis.categories = parameter.categories;
        axis.values.assign(parameter.values.cbegin(), parameter.values.cend());
        data.axes << axis;
    }
    ParallelAxis metricAxis;
    metricAxis.name = metric;
    for (qsizetype r = 0; r < runs.size(); ++r)
        metricAxis.values.push_back(m_comparison->summary(int(r), metric).mean);
    data.axes << metricAxis;
    data.colourAxis = m_colourByMetric->isChecked() ? int(data.axes.size()) - 1 : -1;
    m_parallel->setData(std::move(data));
    // New data clears the brushes: every run is selected again.
    QList<qint64> all;
    for (const Compare::ComparedRun &run : runs)
        all << run.id();
    applySelection(all);
}

void SweepPage::applySelection(const QList<qint64> &runIds)
{
    const bool changed = runIds != m_selected;
    m_selected = runIds;
    const qsizetype total = m_comparison ? m_comparison->runs().size() : 0;
    m_selection->setText(tr("%1 of %2 runs selected").arg(runIds.size()).arg(total));
    if (showsStripChart()) {
        showScatter();
    } else if (m_comparison && m_scatter->seriesCount() == total) {
        // Hiding keeps the scatter's zoom; the legend still lists every run.
        for (qsizetype r = 0; r < total; ++r)
            m_scatter->setSeriesShown(int(r), m_selected.contains(m_comparison->runs().at(r).id()));
    }
    if (changed)
        Q_EMIT runSelectionChanged(runIds);
}

void SweepPage::showEmpty(const QString &text)
{
    m_empty->setText(text);
    m_stack->setCurrentIndex(NotePage);
    m_selection->clear();
}

} // namespace Tandem::Ui
