// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/DriftSourcePicker.h"

#include "core/data/DatasetReader.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <QToolButton>

namespace Tandem::Ui {
namespace {

constexpr int sourceIndexRole = Qt::UserRole + 1; // index into m_items, or -1 for headings

} // namespace

DriftSourcePicker::DriftSourcePicker(const QString &role, QWidget *parent)
    : QWidget(parent), m_role(role), m_combo(new QComboBox(this)), m_browse(new QToolButton(this))
{
    m_combo->setObjectName(role + QStringLiteral("Source"));
    m_combo->setMinimumContentsLength(14);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setPlaceholderText(tr("Choose the %1 data…").arg(role));
    m_combo->setToolTip(tr("The %1 data: a dataset of the workspace, the training data of a run, or a file "
                           "chosen with Browse…")
                            .arg(role));
    m_browse->setText(tr("Browse…"));
    m_browse->setToolTip(tr("Choose a CSV, TSV or ARFF file as the %1 data").arg(role));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_combo, 1);
    layout->addWidget(m_browse);
    connect(m_browse, &QToolButton::clicked, this, &DriftSourcePicker::browse);
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT sourceChanged(); });
}

void DriftSourcePicker::setDatasets(const QStringList &paths)
{
    const DriftSource keep = source();
    m_datasets = paths;
    rebuild(keep);
}

void DriftSourcePicker::setRuns(const QList<DriftSource> &runs)
{
    const DriftSource keep = source();
    m_runs = runs;
    rebuild(keep);
}

void DriftSourcePicker::setSource(const DriftSource &source)
{
    if (source.isValid() && !source.isRun() && !m_datasets.contains(source.path) && !m_extraFiles.contains(source.path))
        m_extraFiles.append(source.path);
    if (source.isRun() && !m_runs.contains(source))
        m_runs.prepend(source);
    rebuild(source);
    Q_EMIT sourceChanged();
}

DriftSource DriftSourcePicker::source() const
{
    const int index = m_combo->currentData(sourceIndexRole).toInt();
    return m_combo->currentIndex() >= 0 && index >= 0 && index < m_items.size() ? m_items[index] : DriftSource {};
}

void DriftSourcePicker::rebuild(const DriftSource &keep)
{
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    m_items.clear();
    auto *model = qobject_cast<QStandardItemModel *>(m_combo->model());
    const auto heading = [&](const QString &text) {
        m_combo->addItem(text);
        QStandardItem *item = model->item(m_combo->count() - 1);
        item->setFlags(Qt::NoItemFlags);
        item->setData(-1, sourceIndexRole);
        QFont font = item->font();
        font.setBold(true);
        item->setFont(font);
    };
    const auto entry = [&](const DriftSource &source, const QString &text) {
        m_items.append(source);
        m_combo->addItem(text);
        m_combo->setItemData(m_combo->count() - 1, int(m_items.size() - 1), sourceIndexRole);
        m_combo->setItemData(m_combo->count() - 1, QDir::toNativeSeparators(source.path), Qt::ToolTipRole);
    };
    QStringList files = m_datasets;
    for (const QString &path : std::as_const(m_extraFiles)) {
        if (!files.contains(path))
            files << path;
    }
    if (!files.isEmpty())
        heading(tr("Datasets"));
    for (const QString &path : std::as_const(files))
        entry(DriftSource {path, std::nullopt, {}, {}}, QFileInfo(path).fileName());
    if (!m_runs.isEmpty())
        heading(tr("Training data of a run"));
    for (const DriftSource &run : std::as_const(m_runs)) {
        // The file first: a sweep's run names are parameter lists.
        const QString file = QFileInfo(run.path).fileName();
        entry(run,
            run.runName.isEmpty() ? tr("#%1 %2").arg(QString::number(*run.runId), file)
                                  : tr("#%1 %2 — %3").arg(QString::number(*run.runId), file, run.runName));
    }
    int selected = -1;
    for (int i = 0; i < m_combo->count(); ++i) {
        const int index = m_combo->itemData(i, sourceIndexRole).toInt();
        if (index >= 0 && keep.isValid() && m_items[index] == keep)
            selected = i;
    }
    m_combo->setCurrentIndex(selected);
}

void DriftSourcePicker::browse()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose the %1 Data").arg(m_role), QString(), Data::DatasetReader::nameFilter());
    if (!path.isEmpty())
        setSource(DriftSource {QFileInfo(path).absoluteFilePath(), std::nullopt, {}, {}});
}

} // namespace Tandem::Ui
