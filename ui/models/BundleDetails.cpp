// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/BundleDetails.h"

#include "ui/compare/CompareFormat.h"
#include "ui/models/BundleEntry.h"
#include "ui/models/BundleListModel.h"
#include "ui/shell/Counting.h"

#include <QDir>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Tandem::Ui {
namespace {

enum Page { HintPage, DetailsPage };

struct FieldInfo {
    const char *key;
    const char *label;
};

constexpr FieldInfo fieldInfo[] = {
    {"model", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "Model")},
    {"task", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "Task")},
    {"target", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "Target")},
    {"classes", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "Classes")},
    {"parameters", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "Parameters")},
    {"evaluation", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "Evaluated by")},
    {"fitted", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "Fitted on")},
    {"dataset", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "Training data")},
    {"fingerprint", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "Fingerprint")},
    {"run", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "Source run")},
    {"workspace", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "Workspace")},
    {"created", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "Created")},
    {"file", QT_TRANSLATE_NOOP("Tandem::Ui::BundleDetails", "File")},
};

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(parent);
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return table;
}

QTableWidgetItem *item(const QString &text, const QString &toolTip = {})
{
    auto *cell = new QTableWidgetItem(text);
    cell->setToolTip(toolTip.isEmpty() ? text : toolTip);
    return cell;
}

QString paramsText(const QJsonObject &params)
{
    QStringList parts;
    for (auto it = params.begin(); it != params.end(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isDouble())
            text = QLocale::c().toString(value.toDouble(), 'g', 10);
        else if (value.isString())
            text = value.toString();
        else if (value.isBool())
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (value.isArray())
            text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        else if (value.isObject())
            text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        else
            text = QStringLiteral("null");
        parts << QStringLiteral("%1 = %2").arg(it.key(), text);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

BundleDetails::BundleDetails(QWidget *parent)
    : QWidget(parent)
    , m_pages(new QStackedWidget(this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_error(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_overview(new QFormLayout)
{
    auto *hint = new QLabel(tr("Select a bundle to see its input schema, metrics and where it came from."), this);
    hint->setAlignment(Qt::AlignCenter);
    hint->setEnabled(false);
    m_pages->addWidget(hint);

    auto *page = new QWidget(this);
    m_title->setObjectName(QStringLiteral("bundleTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setWordWrap(true);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setObjectName(QStringLiteral("bundleError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #d63b3b; border: 1px solid #d63b3b; border-radius: 3px; "
                                          "padding: 4px; }"));
    m_error->hide();

    m_tabs->setDocumentMode(true);
    auto *overview = new QWidget(m_tabs);
    m_overview->setParent(nullptr);
    overview->setLayout(m_overview);
    m_overview->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_overview->setLabelAlignment(Qt::AlignLeft);
    for (const FieldInfo &info : fieldInfo) {
        auto *value = new QLabel(overview);
        value->setObjectName(QStringLiteral("bundleField_") + QLatin1String(info.key));
        value->setWordWrap(true);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_overview->addRow(tr(info.label), value);
        m_fields.insert(QLatin1String(info.key), value);
    }
    m_fields.value(QStringLiteral("fingerprint"))->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *scroll = new QScrollArea(m_tabs);
    scroll->setWidget(overview);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(scroll, tr("Overview"));

    m_schema = makeTable({tr("Column"), tr("Type"), tr("Categories")}, m_tabs);
    m_schema->setObjectName(QStringLiteral("bundleSchema"));
    m_schema->setToolTip(tr("The columns the model reads: data to score needs them, with these types"));
    m_tabs->addTab(m_schema, tr("Input Schema"));
    m_metrics = makeTable({tr("Metric"), tr("Value")}, m_tabs);
    m_metrics->setObjectName(QStringLiteral("bundleMetrics"));
    m_tabs->addTab(m_metrics, tr("Metrics"));
    m_spec = new QPlainTextEdit(m_tabs);
    m_spec->setObjectName(QStringLiteral("bundleSpec"));
    m_spec->setReadOnly(true);
    m_spec->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_spec->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_tabs->addTab(m_spec, tr("Run Spec"));

    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(6, 6, 6, 0);
    pageLayout->addWidget(m_title);
    pageLayout->addWidget(m_subtitle);
    pageLayout->addWidget(m_error);
    pageLayout->addWidget(m_tabs, 1);
    pageLayout->addStretch(); // takes the room when a refusal replaces the tabs
    m_pages->addWidget(page);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
}

void BundleDetails::setField(const QString &key, const QString &text)
{
    QLabel *label = m_fields.value(key);
    label->setText(text);
    m_overview->setRowVisible(label, !text.isEmpty());
}

QString BundleDetails::field(const QString &key) const
{
    const QLabel *label = m_fields.value(key);
    return label ? label->text() : QString();
}

QString BundleDetails::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString BundleDetails::specText() const
{
    return m_spec->toPlainText();
}

void BundleDetails::setEntry(const BundleEntry *entry)
{
    if (!entry) {
        m_pages->setCurrentIndex(HintPage);
        return;
    }
    m_pages->setCurrentIndex(DetailsPage);
    m_title->setText(entry->name());
    const QString size = entry->size < 0 ? QString() : QLocale().formattedDataSize(entry->size);
    if (!entry->loaded()) {
        m_subtitle->setText(QDir::toNativeSeparators(entry->path));
        m_error->setText(tr("This file cannot be used: %1.\nExport the model again from its run, or remove this "
                            "file from the list.")
                             .arg(entry->error));
        m_error->show();
        m_tabs->hide();
        return;
    }
    m_error->hide();
    m_tabs->show();

    const Bundle::BundleManifest &m = *entry->manifest;
    QStringList facts {m.modelName, Learn::taskName(m.task), tr("predicts %1").arg(m.target)};
    if (!m.metrics.isEmpty())
        facts << BundleListModel::metricsText(m, 3);
    m_subtitle->setText(facts.join(QStringLiteral(" · ")));

    setField(QStringLiteral("model"), QStringLiteral("%1 (%2)").arg(m.modelName, m.modelId));
    setField(QStringLiteral("task"), Learn::taskName(m.task));
    setField(QStringLiteral("target"), QStringLiteral("%1 (%2)").arg(m.target, Data::columnTypeName(m.targetType)));
    setField(QStringLiteral("classes"),
        m.classes.isEmpty() ? QString()
                            : QStringLiteral("%1: %2").arg(m.classes.size()).arg(m.classes.join(QStringLiteral(", "))));
    setField(QStringLiteral("parameters"), paramsText(m.params));
    setField(QStringLiteral("evaluation"), m.evaluation);
    const QString rows = countOf(m.fitRows, tr("row"), tr("rows"));
    QString fitted = m.fitScope == Bundle::FitScope::AllRows
        ? tr("%1: every row with a target (refitted after the evaluation)").arg(rows)
        : tr("%1: the training part of the run's holdout split (the model the run evaluated)").arg(rows);
    if (m.droppedRows > 0)
        fitted += tr("; %1 without a target left out").arg(countOf(m.droppedRows, tr("row"), tr("rows")));
    setField(QStringLiteral("fitted"), fitted);
    setField(QStringLiteral("dataset"), QDir::toNativeSeparators(m.datasetPath));
    setField(QStringLiteral("fingerprint"), m.datasetFingerprint);
    QString run;
    if (m.runId) {
        run = m.runName.isEmpty() ? tr("run #%1").arg(*m.runId) : tr("“%1” (run #%2)").arg(m.runName).arg(*m.runId);
        if (!m.experiment.isEmpty())
            run += tr(", experiment %1").arg(m.experiment);
    }
    setField(QStringLiteral("run"), run);
    setField(QStringLiteral("workspace"), QDir::toNativeSeparators(m.workspace));
    setField(QStringLiteral("created"),
        tr("%1 by Tandem %2").arg(QLocale().toString(m.createdAt.toLocalTime(), QLocale::LongFormat), m.appVersion));
    setField(QStringLiteral("file"),
        entry->added ? tr("%1 (%2, added by hand)").arg(QDir::toNativeSeparators(entry->path), size)
                     : tr("%1 (%2)").arg(QDir::toNativeSeparators(entry->path), size));

    const QList<Bundle::InputColumn> &columns = m.inputs.columns();
    m_schema->setRowCount(int(columns.size()));
    for (int row = 0; row < columns.size(); ++row) {
        const Bundle::InputColumn &column = columns.at(row);
        m_schema->setItem(row, 0, item(column.name));
        m_schema->setItem(row, 1, item(Data::columnTypeName(column.type)));
        m_schema->setItem(
            row, 2, item(column.categories.join(QStringLiteral(", ")), column.categories.join(QLatin1Char('\n'))));
    }
    m_schema->resizeColumnToContents(0);
    m_schema->resizeColumnToContents(1);

    m_metrics->setRowCount(int(m.metrics.size()));
    int row = 0;
    for (auto it = m.metrics.cbegin(); it != m.metrics.cend(); ++it, ++row) {
        m_metrics->setItem(row, 0, item(it.key()));
        auto *value = item(compareMetricText(it.value()), QLocale().toString(it.value(), 'g', 17));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_metrics->setItem(row, 1, value);
    }
    m_metrics->resizeColumnToContents(0);
    m_tabs->setTabText(
        m_tabs->indexOf(m_metrics), m.metrics.isEmpty() ? tr("Metrics") : tr("Metrics (%1)").arg(m.metrics.size()));
    m_tabs->setTabText(m_tabs->indexOf(m_schema), tr("Input Schema (%1)").arg(columns.size()));

    m_spec->setPlainText(m.runSpec.isEmpty()
            ? tr("(This bundle was not exported from a run: it has no spec.)")
            : QString::fromUtf8(QJsonDocument(m.runSpec).toJson(QJsonDocument::Indented)));
}

} // namespace Tandem::Ui
