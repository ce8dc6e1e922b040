// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/ImportancePage.h"

#include "core/compare/Comparison.h"
#include "core/runs/FeatureImportances.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/ErrorBarChart.h"
#include "ui/charts/RunColors.h"
#include "ui/compare/PageRead.h"
#include "ui/compare/PageWidgets.h"
#include "ui/compare/RunChip.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Tandem::Ui {

struct ImportancePage::Loaded {
    struct Run {
        qint64 id = 0;
        QString label; ///< for the chooser
        /// Per kind: each feature's mean, sd and fold count over the folds.
        QHash<QString, QList<Eval::MetricSummary>> summaries;
    };
    QList<Run> runs;
    QStringList kinds;
    QStringList notes;
};

namespace {

enum StackPage { NotePage, ChartPage };

QString kindLabel(const QString &kind)
{
    return kind == Runs::impurityImportanceKind
        ? QCoreApplication::translate("Tandem::Ui::ImportancePage", "Impurity (the model's own)")
        : QCoreApplication::translate("Tandem::Ui::ImportancePage", "Permutation (held-out rows)");
}

} // namespace

ImportancePage::ImportancePage(QWidget *parent)
    : ComparePage(parent)
    , m_runCombo(new QComboBox(this))
    , m_kindCombo(new QComboBox(this))
    , m_topSpin(new QSpinBox(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(makePageNote(this))
    , m_chart(new ErrorBarChart)
    , m_note(new QLabel(this))
{
    m_pool.setMaxThreadCount(1);
    m_runCombo->setObjectName(QStringLiteral("importanceRun"));
    m_runCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_runCombo->setToolTip(tr("One run's importances, or every run's side by side"));
    m_kindCombo->setObjectName(QStringLiteral("importanceKind"));
    m_kindCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_kindCombo->setToolTip(tr("Impurity: how much the model's trees split on a feature (training rows). "
                               "Permutation: how much the score drops when a feature is shuffled (test rows)."));
    m_topSpin->setObjectName(QStringLiteral("importanceTop"));
    m_topSpin->setRange(1, 200);
    m_topSpin->setValue(15);
    m_topSpin->setToolTip(tr("How many features to draw: the most important by their mean over the runs shown"));
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->setVisible(false);

    auto *controls = new QHBoxLayout;
    const auto addChooser = [&](const QString &text, QWidget *chooser) {
        auto *label = new QLabel(text, this);
        label->setBuddy(chooser);
        controls->addWidget(label);
        controls->addWidget(chooser);
        controls->addSpacing(12);
    };
    addChooser(tr("R&un:"), m_runCombo);
    addChooser(tr("&Importance:"), m_kindCombo);
    addChooser(tr("&Top features:"), m_topSpin);
    controls->addStretch(1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(new ChartPanel(m_chart, m_stack));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_note);

    connect(m_runCombo, &QComboBox::currentIndexChanged, this, [this] { showChart(); });
    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, [this] { showChart(); });
    connect(m_topSpin, &QSpinBox::valueChanged, this, [this] { showChart(); });
    showEmpty(tr("No runs to show"));
}

ImportancePage::~ImportancePage()
{
    m_pool.waitForDone();
}

QString ImportancePage::title() const
{
    return tr("Importance");
}

void ImportancePage::setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
    std::shared_ptr<const Compare::Comparison> comparison)
{
    Q_UNUSED(runIds)
    const quint64 generation = ++m_generation;
    if (!workspace || !comparison) {
        m_reading = false;
        applyLoaded(nullptr, tr("No runs to show"));
        return;
    }
    m_reading = true;
    showEmpty(tr("Reading the importances…"));
    readInBackground(
        m_pool, this, std::move(workspace),
        [comparison](const Store::ExperimentStore &store) -> Base::Result<std::shared_ptr<const Loaded>> {
            auto loaded = std::make_shared<Loaded>();
            for (const Compare::ComparedRun &compared : comparison->runs()) {
                auto importances = Runs::loadFeatureImportances(store, compared.id());
                if (!importances.ok()) {
                    loaded->notes << QStringLiteral("#%1: %2").arg(compared.id()).arg(importances.error().message);
                    continue;
                }
                if (importances->isEmpty())
                    continue;
                Loaded::Run run;
                run.id = compared.id();
                run.label = runLabel(compared);
                for (const QString &kind : Runs::importanceKinds(importances.value())) {
                    run.summaries.insert(kind, Runs::summarizeImportances(importances.value(), kind));
                    if (!loaded->kinds.contains(kind))
                        loaded->kinds << kind;
                }
                loaded->runs << run;
            }
            // Impurity first, as importanceKinds orders them.
            std::sort(loaded->kinds.begin(), loaded->kinds.end(),
                [](const QString &a, const QString &b) { return a == Runs::impurityImportanceKind && a != b; });
            return std::shared_ptr<const Loaded>(std::move(loaded));
        },
        [this, generation](Base::Result<std::shared_ptr<const Loaded>> result) {
            if (generation != m_generation)
                return;
            m_reading = false;
            if (result.ok())
                applyLoaded(result.value(), {});
            else
                applyLoaded(nullptr, tr("Cannot read the importances: %1").arg(result.error().toString()));
        });
}

void ImportancePage::changeEvent(QEvent *event)
{
    ComparePage::changeEvent(event);
    // The run chips follow the theme (a darker or brighter shade of each run's hue).
    if (event->type() == QEvent::PaletteChange) {
        for (int i = 0; i < m_runCombo->count(); ++i) {
            const qint64 runId = m_runCombo->itemData(i).toLongLong();
            if (runId > 0)
                m_runCombo->setItemIcon(i, runChipIcon(runId, RunColors::isDark(palette())));
        }
    }
}

void ImportancePage::applyLoaded(std::shared_ptr<const Loaded> data, const QString &error)
{
    const QVariant run = m_runCombo->currentData();
    const QVariant kind = m_kindCombo->currentData();
    m_loaded = std::move(data);
    {
        const QSignalBlocker runs(m_runCombo);
        const QSignalBlocker kinds(m_kindCombo);
        m_runCombo->clear();
        m_kindCombo->clear();
        if (m_loaded) {
            if (m_loaded->runs.size() > 1)
                m_runCombo->addItem(tr("All runs side by side"), qint64(0));
            for (const Loaded::Run &loadedRun : m_loaded->runs)
                m_runCombo->addItem(
                    runChipIcon(loadedRun.id, RunColors::isDark(palette())), loadedRun.label, loadedRun.id);
            for (const QString &loadedKind : m_loaded->kinds)
                m_kindCombo->addItem(kindLabel(loadedKind), loadedKind);
        }
        m_runCombo->setCurrentIndex(std::max(0, m_runCombo->findData(run)));
        m_kindCombo->setCurrentIndex(std::max(0, m_kindCombo->findData(kind)));
        m_runCombo->setEnabled(m_runCombo->count() > 1);
        m_kindCombo->setEnabled(m_kindCombo->count() > 1);
    }
    const bool hasNotes = m_loaded && !m_loaded->notes.isEmpty();
    m_note->setText(hasNotes ? tr("Not read: %1").arg(m_loaded->notes.join(QStringLiteral("; "))) : QString());
    m_note->setVisible(hasNotes);
    if (!m_loaded)
        showEmpty(error);
    else if (m_loaded->runs.isEmpty())
        showEmpty(tr("These runs recorded no feature importances. Tree models (tree, forest, extra trees, "
                     "boosting) record their impurity importance; for any model, set "
                     "\"importance_repeats\" in a run spec's evaluation to record permutation importance."));
    else
        showChart();
    Q_EMIT loaded();
}

void ImportancePage::showChart()
{
    if (!m_loaded || m_loaded->runs.isEmpty() || m_kindCombo->currentIndex() < 0)
        return;
    const qint64 chosen = m_runCombo->currentData().toLongLong();
    const QString kind = m_kindCombo->currentData().toString();
    QList<const Loaded::Run *> runs;
    for (const Loaded::Run &run : m_loaded->runs) {
        if ((chosen == 0 || run.id == chosen) && run.summaries.contains(kind))
            runs << &run;
    }
    if (runs.isEmpty()) {
        showEmpty(tr("This run recorded no %1 importance.").arg(kind));
        return;
    }

    // Rank features by their mean over the runs shown (a run without a feature counts 0).
    QStringList features;
    QHash<QString, double> total;
    for (const Loaded::Run *run : std::as_const(runs)) {
        for (const Eval::MetricSummary &summary : run->summaries.value(kind)) {
            if (!total.contains(summary.name))
                features << summary.name;
            total[summary.name] += std::isfinite(summary.mean) ? summary.mean : 0.0;
        }
    }
    std::stable_sort(features.begin(), features.end(),
        [&total](const QString &a, const QString &b) { return total.value(a) > total.value(b); });
    const qsizetype shown = std::min<qsizetype>(features.size(), m_topSpin->value());
    features = features.mid(0, shown);

    BarChartData data;
    data.title = runs.size() == 1
        ? tr("%1 importance: %2").arg(kindLabel(kind).section(QLatin1Char(' '), 0, 0), runs.first()->label)
        : tr("%1 importance, %2 runs").arg(kindLabel(kind).section(QLatin1Char(' '), 0, 0)).arg(runs.size());
    if (shown < total.size())
        data.title += tr(" (top %1 of %2 features)").arg(shown).arg(total.size());
    data.categoryTitle = tr("feature");
    data.valueTitle = kind == Runs::permutationImportanceKind ? tr("mean drop of the score when shuffled")
                                                              : tr("share of impurity decrease");
    data.errorName = tr("± sd over folds");
    data.categories = features;
    for (const Loaded::Run *run : std::as_const(runs)) {
        QHash<QString, Eval::MetricSummary> byFeature;
        for (const Eval::MetricSummary &summary : run->summaries.value(kind))
            byFeature.insert(summary.name, summary);
        BarSeriesData series;
        series.name = legendRunName(run->label, run->id, runs.size(), 90);
        series.runId = run->id;
        for (const QString &feature : std::as_const(features)) {
            const auto found = byFeature.constFind(feature);
            const double mean = found == byFeature.constEnd() ? std::nan("") : found->mean;
            const double sd = found == byFeature.constEnd() ? std::nan("") : found->std;
            series.values << mean;
            series.lower << (std::isfinite(sd) ? mean - sd : std::nan(""));
            series.upper << (std::isfinite(sd) ? mean + sd : std::nan(""));
        }
        data.series << series;
    }
    m_chart->setData(std::move(data));
    m_stack->setCurrentIndex(ChartPage);
}

bool ImportancePage::showRun(qint64 runId)
{
    const int index = m_runCombo->findData(runId);
    if (index < 0)
        return false;
    m_runCombo->setCurrentIndex(index);
    return true;
}

bool ImportancePage::showKind(const QString &kind)
{
    const int index = m_kindCombo->findData(kind);
    if (index < 0)
        return false;
    m_kindCombo->setCurrentIndex(index);
    return true;
}

QString ImportancePage::emptyText() const
{
    return m_stack->currentIndex() == NotePage ? m_empty->text() : QString();
}

void ImportancePage::showEmpty(const QString &text)
{
    m_empty->setText(text);
    m_stack->setCurrentIndex(NotePage);
}

} // namespace Tandem::Ui
