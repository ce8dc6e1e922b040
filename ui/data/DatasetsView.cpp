// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/data/DatasetsView.h"

#include "core/data/DatasetReader.h"
#include "core/data/LoadReport.h"
#include "ui/data/CellDelegate.h"
#include "ui/data/ColumnPanel.h"
#include "ui/data/DatasetLoader.h"
#include "ui/data/DatasetTableModel.h"
#include "ui/data/LoadSummary.h"
#include "ui/data/TableSorter.h"
#include "ui/shell/Counting.h"
#include "ui/shell/EmptyState.h"
#include "ui/shell/ThemedIcon.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Tandem::Ui {
namespace {

enum DetailPage { LoadingPage, ErrorPage, TablePage };

} // namespace

DatasetsView::DatasetsView(QAction *openAction, DatasetLoader *loader, Runs::JobQueue *jobs, QWidget *parent)
    : QWidget(parent)
    , m_loader(loader)
    , m_pages(new QStackedWidget(this))
    , m_list(new QListWidget(this))
    , m_detail(new QStackedWidget(this))
    , m_loadingLabel(new QLabel(this))
    , m_loadingBar(new QProgressBar(this))
    , m_errorLabel(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_warnings(new QListWidget(this))
    , m_table(new QTableView(this))
    , m_model(new DatasetTableModel(this))
    , m_columns(new ColumnPanel(jobs, this))
{
    auto *empty = new EmptyState(QStringLiteral("datasets"), tr("No datasets yet"),
        tr("Datasets are the tables your models learn from: CSV, TSV and ARFF files. Open one with File > Open "
           "Dataset (Ctrl+O) or drop a file onto this window; it is added to the workspace."),
        {openAction}, this);

    m_list->setIconSize(QSize(18, 18));
    m_list->setUniformItemSizes(true);

    // Loading page: what is being read, how far, and a way out.
    auto *loading = new QWidget(this);
    auto *cancel = new QPushButton(tr("Cancel"), loading);
    cancel->setToolTip(tr("Stop reading this file"));
    connect(cancel, &QPushButton::clicked, this, [this] { m_loader->cancel(currentDataset()); });
    m_loadingBar->setRange(0, 1000);
    m_loadingBar->setMaximumWidth(420);
    auto *loadingLayout = new QVBoxLayout(loading);
    loadingLayout->addStretch();
    loadingLayout->addWidget(m_loadingLabel, 0, Qt::AlignHCenter);
    loadingLayout->addWidget(m_loadingBar, 0, Qt::AlignHCenter);
    loadingLayout->addWidget(cancel, 0, Qt::AlignHCenter);
    loadingLayout->addStretch();

    // Error page: the reader's message (file, line, column) and a retry.
    auto *error = new QWidget(this);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setObjectName(QStringLiteral("datasetError"));
    auto *retry = new QPushButton(tr("Try Again"), error);
    retry->setToolTip(tr("Read the file again, for example after fixing it"));
    connect(retry, &QPushButton::clicked, this, &DatasetsView::reload);
    auto *errorSettings = new QPushButton(tr("Import Settings…"), error);
    m_importButtons << errorSettings;
    errorSettings->setToolTip(tr("Change the delimiter, header, encoding or how bad rows are handled"));
    connect(errorSettings, &QPushButton::clicked, this, [this] { Q_EMIT importSettingsRequested(currentDataset()); });
    auto *errorButtons = new QHBoxLayout;
    errorButtons->addWidget(retry);
    errorButtons->addWidget(errorSettings);
    errorButtons->addStretch();
    auto *errorLayout = new QVBoxLayout(error);
    errorLayout->addStretch();
    errorLayout->addWidget(m_errorLabel);
    errorLayout->addLayout(errorButtons);
    errorLayout->addStretch(2);

    // Table page: summary line, the table, and the reader's warnings when there are any.
    auto *tablePage = new QWidget(this);
    m_summary->setObjectName(QStringLiteral("datasetSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setModel(m_model);
    m_table->setItemDelegate(new CellDelegate(m_table));
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setCornerButtonEnabled(false);
    // Fixed row heights and column widths: nothing is measured per row, so a table
    // of millions of rows scrolls as fast as one of ten.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setDefaultSectionSize(120);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_warnings->setMaximumHeight(110);
    m_warnings->setObjectName(QStringLiteral("datasetWarnings"));
    auto *settings = new QToolButton(tablePage);
    m_importButtons << settings;
    settings->setText(tr("Import Settings…"));
    settings->setToolTip(tr("Change how this file is read: delimiter, header, encoding, missing values"));
    settings->setAutoRaise(true);
    connect(settings, &QToolButton::clicked, this, [this] { Q_EMIT importSettingsRequested(currentDataset()); });
    auto *sorter = new TableSorter(jobs, m_model, m_table->horizontalHeader(), this);
    auto *fileOrder = new QToolButton(tablePage);
    fileOrder->setText(tr("File Order"));
    fileOrder->setToolTip(tr("Show the rows in the order of the file again"));
    fileOrder->setAutoRaise(true);
    fileOrder->hide();
    connect(fileOrder, &QToolButton::clicked, sorter, &TableSorter::showFileOrder);
    connect(sorter, &TableSorter::sorted, fileOrder, [fileOrder](int column) { fileOrder->setVisible(column >= 0); });
    connect(m_model, &QAbstractItemModel::modelReset, fileOrder, &QWidget::hide);
    m_table->horizontalHeader()->setToolTip(tr("Click a column's header to sort by it; click again to reverse"));
    auto *summaryRow = new QHBoxLayout;
    summaryRow->addWidget(m_summary, 1);
    summaryRow->addWidget(fileOrder);
    summaryRow->addWidget(settings);
    auto *tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(summaryRow);
    auto *tableAndColumns = new QSplitter(this);
    tableAndColumns->addWidget(m_table);
    tableAndColumns->addWidget(m_columns);
    tableAndColumns->setStretchFactor(0, 3);
    tableAndColumns->setStretchFactor(1, 2);
    tableAndColumns->setSizes({640, 360});
    connect(m_columns, &ColumnPanel::columnActivated, this, [this](int column) {
        m_table->selectColumn(column);
        m_table->scrollTo(m_model->index(std::max(0, m_table->rowAt(0)), column));
    });
    tableLayout->addWidget(tableAndColumns, 1);
    tableLayout->addWidget(m_warnings);

    m_detail->insertWidget(LoadingPage, loading);
    m_detail->insertWidget(ErrorPage, error);
    m_detail->insertWidget(TablePage, tablePage);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({160, 940});

    m_pages->addWidget(empty);
    m_pages->addWidget(splitter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_list, &QListWidget::currentRowChanged, this, &DatasetsView::showCurrent);
    connect(loader, &DatasetLoader::progress, this, [this](const QString &path, double fraction) {
        if (path == currentDataset())
            m_loadingBar->setValue(int(fraction * 1000));
    });
    connect(loader, &DatasetLoader::loaded, this, [this](const QString &path) {
        if (path == currentDataset())
            showCurrent();
    });
    connect(loader, &DatasetLoader::failed, this, [this](const QString &path) {
        if (path == currentDataset())
            showCurrent();
    });
    connect(loader, &DatasetLoader::cancelled, this, [this](const QString &path) {
        if (path != currentDataset())
            return;
        m_errorLabel->setText(tr("Loading %1 was cancelled.").arg(QFileInfo(path).fileName()));
        m_detail->setCurrentIndex(ErrorPage);
    });
    setDatasets({});
}

void DatasetsView::setDatasets(const QStringList &paths)
{
    m_paths = paths;
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const QString &path : paths) {
        auto *item = new QListWidgetItem(themedIcon(QStringLiteral("datasets")), QFileInfo(path).fileName(), m_list);
        item->setToolTip(QDir::toNativeSeparators(path));
    }
    m_pages->setCurrentIndex(paths.isEmpty() ? 0 : 1);
    m_list->setCurrentRow(paths.isEmpty() ? -1 : 0);
    showCurrent();
}

void DatasetsView::showDataset(const QString &path)
{
    if (!m_paths.contains(path))
        setDatasets(m_paths + QStringList {path});
    m_list->setCurrentRow(int(m_paths.indexOf(path)));
}

QString DatasetsView::currentDataset() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_paths.size() ? m_paths.at(row) : QString();
}

bool DatasetsView::showsEmptyState() const
{
    return m_pages->currentIndex() == 0;
}

QString DatasetsView::statusText() const
{
    return m_detail->currentIndex() == ErrorPage ? m_errorLabel->text() : m_summary->text();
}

void DatasetsView::reload()
{
    m_loader->forget(currentDataset());
    showCurrent();
}

void DatasetsView::showCurrent()
{
    const QString path = currentDataset();
    // The import settings describe delimited text; ARFF and IDX files say how to read themselves.
    const bool delimitedText = !path.isEmpty() && Data::DatasetReader::detectFormat(path) == Data::FileFormat::Csv;
    for (QWidget *button : std::as_const(m_importButtons))
        button->setVisible(delimitedText);
    if (path.isEmpty()) {
        m_model->setDataset(nullptr);
        m_columns->setDataset(nullptr);
        return;
    }
    if (m_loader->result(path)) {
        showLoaded(path);
        return;
    }
    if (const QString error = m_loader->error(path); !error.isEmpty()) {
        m_errorLabel->setText(tr("Tandem could not load this dataset:\n\n%1").arg(QDir::toNativeSeparators(error)));
        m_detail->setCurrentIndex(ErrorPage);
        return;
    }
    m_loadingLabel->setText(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    m_loadingBar->setValue(0);
    m_detail->setCurrentIndex(LoadingPage);
    m_loader->request(path);
}

void DatasetsView::showLoaded(const QString &path)
{
    const Data::LoadedDataset loaded = *m_loader->result(path);
    m_model->setDataset(loaded.dataset);
    m_columns->setDataset(loaded.dataset);
    m_summary->setText(loadSummary(loaded.report));
    m_warnings->clear();
    for (const Data::LoadWarning &warning : loaded.report.warnings)
        m_warnings->addItem(warning.toString());
    if (loaded.report.droppedWarnings > 0)
        m_warnings->addItem(tr("… and %1 not kept")
                                .arg(countOf(loaded.report.droppedWarnings, tr("more warning"), tr("more warnings"))));
    m_warnings->setVisible(m_warnings->count() > 0);
    m_detail->setCurrentIndex(TablePage);
}

} // namespace Tandem::Ui
