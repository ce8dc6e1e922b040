// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/data/ColumnPanel.h"

#include "core/data/Profile.h"
#include "ui/charts/BarChart.h"
#include "ui/data/ColumnSummaryDelegate.h"
#include "ui/data/ProfileModel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPointer>
#include <QSplitter>
#include <QVBoxLayout>

#include <optional>

namespace Tandem::Ui {

ColumnPanel::ColumnPanel(Runs::JobQueue *jobs, QWidget *parent)
    : QWidget(parent)
    , m_jobs(jobs)
    , m_target(new QComboBox(this))
    , m_list(new QListView(this))
    , m_details(new QLabel(this))
    , m_state(new QLabel(this))
    , m_chart(new BarChart(this))
    , m_model(new ProfileModel(this))
{
    m_target->setObjectName(QStringLiteral("profileTarget"));
    m_target->setToolTip(tr("Measure how each column relates to this one: Pearson's r, the correlation ratio or "
                            "Cramér's V, depending on the column types"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ColumnSummaryDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_details->setObjectName(QStringLiteral("columnDetails"));
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_state->setEnabled(false);

    auto *targetRow = new QFormLayout;
    targetRow->addRow(tr("Association with:"), m_target);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_details);
    detailLayout->addWidget(m_chart, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(detail);
    splitter->setSizes({300, 360});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(targetRow);
    layout->addWidget(m_state);
    layout->addWidget(splitter, 1);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ColumnPanel::showDetails);
    // Only a user's pick moves the table, not the selection made when a profile arrives.
    connect(
        m_list, &QListView::clicked, this, [this](const QModelIndex &index) { Q_EMIT columnActivated(index.row()); });
    connect(m_target, &QComboBox::currentIndexChanged, this, [this] { startProfile(); });
    m_chart->showMessage(tr("Select a column to see its distribution"));
}

ColumnPanel::~ColumnPanel()
{
    if (m_job != 0)
        m_jobs->cancel(m_job);
}

void ColumnPanel::setDataset(std::shared_ptr<const Data::Dataset> dataset)
{
    if (dataset == m_dataset)
        return;
    m_dataset = std::move(dataset);
    const QSignalBlocker blocker(m_target);
    m_target->clear();
    m_target->addItem(tr("(none)"));
    if (m_dataset)
        m_target->addItems(m_dataset->columnNames());
    startProfile();
}

void ColumnPanel::setTarget(const QString &column)
{
    const int index = column.isEmpty() ? 0 : m_target->findText(column);
    if (index >= 0)
        m_target->setCurrentIndex(index);
}

void ColumnPanel::selectColumn(int column)
{
    m_list->setCurrentIndex(m_model->index(column));
}

QString ColumnPanel::detailsText() const
{
    return m_details->text();
}

void ColumnPanel::startProfile()
{
    if (m_job != 0)
        m_jobs->cancel(m_job);
    m_job = 0;
    m_model->setProfile(std::nullopt);
    showDetails();
    if (!m_dataset) {
        m_state->clear();
        return;
    }
    Data::ProfileOptions options;
    if (m_target->currentIndex() > 0)
        options.target = m_target->currentText();
    m_state->setText(tr("Computing column statistics…"));
    auto result = std::make_shared<std::optional<Base::Result<Data::Profile>>>();
    m_job = m_jobs->submit(
        tr("Profile %1 columns").arg(m_dataset->columnCount()),
        [dataset = m_dataset, options, result](const Base::Progress &progress) -> Base::Status {
            *result = Data::Profile::compute(*dataset, options, progress);
            if (!result->value().ok())
                return result->value().error();
            return {};
        },
        [self = QPointer<ColumnPanel>(this), dataset = m_dataset, result](const Runs::JobInfo &job) {
            // A newer profile (other dataset or target) may have started meanwhile.
            if (!self || self->m_job != job.id)
                return;
            self->m_job = 0;
            if (job.state == Runs::JobState::Done && result->has_value() && result->value().ok()) {
                self->m_state->clear();
                self->m_model->setProfile(result->value().value());
                self->selectColumn(0);
                Q_EMIT self->profiled();
            } else if (job.state == Runs::JobState::Failed) {
                self->m_state->setText(tr("Column statistics failed: %1").arg(job.message));
            } else {
                self->m_state->setText(tr("Column statistics cancelled"));
            }
        });
}

void ColumnPanel::showDetails()
{
    const QModelIndex current = m_list->currentIndex();
    if (!m_model->profile() || !current.isValid()) {
        m_details->clear();
        m_chart->showMessage(m_model->profile() ? tr("Select a column to see its distribution") : QString());
        return;
    }
    const Data::ColumnProfile &column = m_model->profile()->column(current.row());
    const QLocale locale;
    QStringList lines {
        QStringLiteral("<b>%1</b> — %2").arg(column.name.toHtmlEscaped(), Data::columnTypeName(column.type))};
    lines << tr("%1 values, %2 missing, %3%4 distinct")
                 .arg(locale.toString(column.count), locale.toString(column.missing),
                     column.distinctEstimated ? QStringLiteral("≈") : QString(), locale.toString(column.distinct));
    if (column.hasNumericSummary() && column.type != Data::ColumnType::Boolean && column.count > 0) {
        auto value = [&column](double v) { return ProfileModel::formatValue(column, v); };
        lines << tr("mean %1 · sd %2").arg(value(column.mean), value(column.std));
        lines << tr("min %1 · q25 %2 · median %3 · q75 %4 · max %5")
                     .arg(value(column.min), value(column.q25), value(column.median), value(column.q75),
                         value(column.max));
    }
    if (column.associationMeasure != Data::AssociationMeasure::None)
        lines << tr("%1 with %2: %3")
                     .arg(Data::associationMeasureName(column.associationMeasure), m_model->profile()->target(),
                         locale.toString(column.association, 'f', 3));
    m_details->setText(lines.join(QStringLiteral("<br>")));

    QList<BarChart::Bar> bars;
    if (!column.histogram.counts.empty()) {
        for (std::size_t i = 0; i < column.histogram.counts.size(); ++i) {
            const QString from = ProfileModel::formatValue(column, column.histogram.edges[i]);
            const QString to = ProfileModel::formatValue(column, column.histogram.edges[i + 1]);
            const bool last = i + 1 == column.histogram.counts.size();
            bars << BarChart::Bar {from, double(column.histogram.counts[i]),
                tr("[%1, %2%3: %4 rows")
                    .arg(from, to, last ? QStringLiteral("]") : QStringLiteral(")"),
                        locale.toString(column.histogram.counts[i]))};
        }
        m_chart->setBars(tr("Distribution of %1").arg(column.name), bars, tr("rows"));
    } else if (!column.top.isEmpty()) {
        for (const Data::TopValue &top : column.top)
            bars << BarChart::Bar {
                top.value, double(top.count), tr("%1: %2 rows").arg(top.value, locale.toString(top.count))};
        m_chart->setBars(tr("Most frequent values of %1").arg(column.name), bars, tr("rows"));
    } else {
        m_chart->showMessage(tr("No values to chart"));
    }
}

} // namespace Tandem::Ui
