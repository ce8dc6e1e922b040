// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/ConfusionPage.h"

#include "core/compare/Comparison.h"
#include "core/compare/PredictionTable.h"
#include "core/eval/ConfusionMatrix.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/HeatmapWidget.h"
#include "ui/charts/RunColors.h"
#include "ui/compare/PageRead.h"
#include "ui/compare/PageWidgets.h"
#include "ui/compare/RunChip.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>

namespace Tandem::Ui {

struct ConfusionPage::Loaded {
    struct Run {
        qint64 id = 0;
        QString label;
        QStringList classes;
        Eval::CountMatrix counts;
        /// Predictions counted (entries with both a true and a predicted class).
        qint64 predictions = 0;
    };
    QList<Run> runs;
    /// Runs without a matrix and why ("#4: a regression run").
    QStringList notes;
    bool anyClassifier = false;
};

namespace {

enum StackPage { NotePage, HeatmapPage };

/// The confusion matrix of a run's predictions, entries without a class left out.
Base::Result<Eval::CountMatrix> countsOf(const Compare::PredictionTable &table, qint64 &counted)
{
    Eigen::VectorXd truth(table.size());
    Eigen::VectorXd predicted(table.size());
    Eigen::Index n = 0;
    for (Eigen::Index i = 0; i < Eigen::Index(table.size()); ++i) {
        if (std::isnan(table.truth[i]) || std::isnan(table.predicted[i]))
            continue;
        truth[n] = table.truth[i];
        predicted[n] = table.predicted[i];
        ++n;
    }
    truth.conservativeResize(n);
    predicted.conservativeResize(n);
    counted = n;
    return Eval::confusionMatrix(truth, predicted, int(table.classes.size()));
}

} // namespace

ConfusionPage::ConfusionPage(QWidget *parent)
    : ComparePage(parent)
    , m_runCombo(new QComboBox(this))
    , m_counts(new QRadioButton(tr("C&ounts"), this))
    , m_normalised(new QRadioButton(tr("&Row-normalised"), this))
    , m_stack(new QStackedWidget(this))
    , m_empty(makePageNote(this))
    , m_heatmap(new HeatmapWidget)
    , m_note(new QLabel(this))
{
    m_pool.setMaxThreadCount(1);
    m_runCombo->setObjectName(QStringLiteral("confusionRun"));
    m_runCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_runCombo->setToolTip(tr("The run whose out-of-fold predictions are counted"));
    m_counts->setChecked(true);
    m_counts->setToolTip(tr("How many predictions of each true class went to each class"));
    m_normalised->setToolTip(tr("Each row as shares of its true class: the diagonal is each class's recall"));
    auto *scale = new QButtonGroup(this);
    scale->addButton(m_counts);
    scale->addButton(m_normalised);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->setVisible(false);

    auto *runLabel = new QLabel(tr("R&un:"), this);
    runLabel->setBuddy(m_runCombo);
    auto *controls = new QHBoxLayout;
    controls->addWidget(runLabel);
    controls->addWidget(m_runCombo);
    controls->addSpacing(16);
    controls->addWidget(m_counts);
    controls->addWidget(m_normalised);
    controls->addStretch(1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(new ChartPanel(m_heatmap, m_stack));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_note);

    connect(m_runCombo, &QComboBox::currentIndexChanged, this, [this] { showCurrentRun(); });
    connect(m_normalised, &QRadioButton::toggled, this, [this](bool normalised) {
        m_heatmap->setScale(normalised ? HeatmapWidget::Scale::RowNormalised : HeatmapWidget::Scale::Counts);
    });
    showEmpty(tr("No runs to show"));
}

ConfusionPage::~ConfusionPage()
{
    m_pool.waitForDone();
}

QString ConfusionPage::title() const
{
    return tr("Confusion");
}

void ConfusionPage::setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
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
    showEmpty(tr("Reading the predictions…"));
    readInBackground(
        m_pool, this, std::move(workspace),
        [comparison](const Store::ExperimentStore &store) -> Base::Result<std::shared_ptr<const Loaded>> {
            auto loaded = std::make_shared<Loaded>();
            for (const Compare::ComparedRun &compared : comparison->runs()) {
                if (compared.task != Learn::Task::Classification) {
                    loaded->notes << tr("#%1: a regression run").arg(compared.id());
                    continue;
                }
                loaded->anyClassifier = true;
                auto table = Compare::loadPredictionTable(store, compared.id(), compared.task);
                if (!table.ok()) {
                    loaded->notes << QStringLiteral("#%1: %2").arg(compared.id()).arg(table.error().message);
                    continue;
                }
                Loaded::Run run;
                run.id = compared.id();
                run.label = runLabel(compared);
                run.classes = table->classes;
                auto counts = countsOf(table.value(), run.predictions);
                if (!counts.ok()) {
                    loaded->notes << QStringLiteral("#%1: %2").arg(compared.id()).arg(counts.error().message);
                    continue;
                }
                run.counts = std::move(counts).value();
                loaded->runs.append(std::move(run));
            }
            return std::shared_ptr<const Loaded>(std::move(loaded));
        },
        [this, generation](Base::Result<std::shared_ptr<const Loaded>> result) {
            if (generation != m_generation)
                return;
            m_reading = false;
            if (result.ok())
                applyLoaded(result.value(), {});
            else
                applyLoaded(nullptr, tr("Cannot read the predictions: %1").arg(result.error().toString()));
        });
}

void ConfusionPage::changeEvent(QEvent *event)
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

void ConfusionPage::applyLoaded(std::shared_ptr<const Loaded> data, const QString &error)
{
    const qint64 shown = shownRunId();
    m_loaded = std::move(data);
    {
        const QSignalBlocker blocker(m_runCombo);
        m_runCombo->clear();
        if (m_loaded) {
            for (const Loaded::Run &run : m_loaded->runs)
                m_runCombo->addItem(runChipIcon(run.id, RunColors::isDark(palette())), run.label, run.id);
        }
        const int keep = m_runCombo->findData(shown);
        m_runCombo->setCurrentIndex(keep >= 0 ? keep : 0);
        m_runCombo->setEnabled(m_runCombo->count() > 1);
    }
    const bool hasNotes = m_loaded && !m_loaded->notes.isEmpty() && !m_loaded->runs.isEmpty();
    m_note->setText(hasNotes ? tr("No matrix: %1").arg(m_loaded->notes.join(QStringLiteral("; "))) : QString());
    m_note->setVisible(hasNotes);
    if (!m_loaded)
        showEmpty(error);
    else if (!m_loaded->anyClassifier)
        showEmpty(tr("Regression runs have no confusion matrix: it counts predicted classes."));
    else if (m_loaded->runs.isEmpty())
        showEmpty(tr("These runs have no out-of-fold predictions to count.") + QLatin1Char('\n')
            + m_loaded->notes.join(QLatin1Char('\n')));
    else
        showCurrentRun();
    Q_EMIT loaded();
}

void ConfusionPage::showCurrentRun()
{
    if (!m_loaded)
        return;
    const qint64 runId = m_runCombo->currentData().toLongLong();
    for (const Loaded::Run &run : m_loaded->runs) {
        if (run.id != runId)
            continue;
        HeatmapData data;
        data.title = tr("%1: %2 out-of-fold predictions").arg(run.label).arg(run.predictions);
        data.rowTitle = tr("true class");
        data.columnTitle = tr("predicted class");
        data.rowLabels = run.classes;
        data.columnLabels = run.classes;
        data.values.reserve(std::size_t(run.counts.size()));
        for (Eigen::Index i = 0; i < run.counts.rows(); ++i) {
            for (Eigen::Index j = 0; j < run.counts.cols(); ++j)
                data.values.push_back(double(run.counts(i, j)));
        }
        m_heatmap->setData(std::move(data));
        m_stack->setCurrentIndex(HeatmapPage);
        return;
    }
}

bool ConfusionPage::showRun(qint64 runId)
{
    const int index = m_runCombo->findData(runId);
    if (index < 0)
        return false;
    m_runCombo->setCurrentIndex(index);
    return true;
}

qint64 ConfusionPage::shownRunId() const
{
    return m_stack->currentIndex() == HeatmapPage ? m_runCombo->currentData().toLongLong() : 0;
}

void ConfusionPage::setRowNormalised(bool normalised)
{
    (normalised ? m_normalised : m_counts)->setChecked(true);
}

bool ConfusionPage::isRowNormalised() const
{
    return m_normalised->isChecked();
}

QString ConfusionPage::emptyText() const
{
    return m_stack->currentIndex() == NotePage ? m_empty->text() : QString();
}

void ConfusionPage::showEmpty(const QString &text)
{
    m_empty->setText(text);
    m_stack->setCurrentIndex(NotePage);
}

} // namespace Tandem::Ui
