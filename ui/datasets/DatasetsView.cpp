// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/datasets/DatasetsView.h"

#include "ui/shell/EmptyState.h"
#include "ui/shell/ThemedIcon.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Tandem::Ui {

DatasetsView::DatasetsView(QAction *openAction, QWidget *parent)
    : QWidget(parent), m_pages(new QStackedWidget(this)), m_list(new QListWidget(this)), m_details(new QLabel(this))
{
    auto *empty = new EmptyState(QStringLiteral("datasets"), tr("No datasets yet"),
        tr("Datasets are the tables your models learn from: CSV, TSV and ARFF files. Open one with File > Open "
           "Dataset (Ctrl+O) or drop a file onto this window; it is added to the workspace."),
        {openAction}, this);

    m_list->setIconSize(QSize(18, 18));
    m_list->setUniformItemSizes(true);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_details->setMargin(16);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({260, 700});

    m_pages->addWidget(empty);
    m_pages->addWidget(splitter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_list, &QListWidget::currentRowChanged, this, &DatasetsView::updateDetails);
    setDatasets({});
}

void DatasetsView::setDatasets(const QStringList &paths)
{
    m_paths = paths;
    m_list->clear();
    for (const QString &path : paths) {
        auto *item = new QListWidgetItem(themedIcon(QStringLiteral("datasets")), QFileInfo(path).fileName(), m_list);
        item->setToolTip(path);
    }
    m_pages->setCurrentIndex(paths.isEmpty() ? 0 : 1);
    if (!paths.isEmpty())
        m_list->setCurrentRow(0);
    updateDetails();
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

void DatasetsView::updateDetails()
{
    const QString path = currentDataset();
    if (path.isEmpty()) {
        m_details->clear();
        return;
    }
    const QFileInfo info(path);
    const QLocale locale;
    QString html = QStringLiteral("<h2>%1</h2><table cellspacing=6>").arg(info.fileName().toHtmlEscaped());
    auto row = [&html](const QString &key, const QString &value) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(key, value.toHtmlEscaped());
    };
    row(tr("Location"), QDir::toNativeSeparators(info.absolutePath()));
    if (info.exists()) {
        row(tr("Size"), locale.formattedDataSize(info.size()));
        row(tr("Modified"), locale.toString(info.lastModified(), QLocale::ShortFormat));
    } else {
        row(tr("Status"), tr("The file is missing: it was moved or deleted."));
    }
    html += QStringLiteral("</table>");
    m_details->setText(html);
}

} // namespace Tandem::Ui
