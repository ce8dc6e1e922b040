// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/ScoreDatasetDialog.h"

#include "core/data/DatasetReader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Tandem::Ui {

ScoreDatasetDialog::ScoreDatasetDialog(const QString &bundleName, const Bundle::BundleManifest &manifest,
    const QStringList &datasets, const QString &current, std::function<QString(const QString &)> outputFor,
    QWidget *parent)
    : QDialog(parent)
    , m_outputFor(std::move(outputFor))
    , m_datasets(new QComboBox(this))
    , m_probabilities(new QCheckBox(tr("Add the probability of each class"), this))
    , m_unknown(new QCheckBox(tr("Score categories the model never saw (instead of stopping at the first one)"), this))
    , m_output(new QLabel(this))
{
    setWindowTitle(tr("Score Dataset"));
    setObjectName(QStringLiteral("scoreDatasetDialog"));
    QStringList columns;
    for (const Bundle::InputColumn &column : manifest.inputs.columns())
        columns << column.name;
    auto *intro
        = new QLabel(tr("<b>%1</b> (%2, predicts %3)<br>The data needs a header with the columns the model "
                        "reads: %4. Other columns are kept. The result is the data with the predictions "
                        "added as new columns; it opens in Datasets.")
                         .arg(bundleName.toHtmlEscaped(), manifest.modelName.toHtmlEscaped(),
                             manifest.target.toHtmlEscaped(), columns.join(QStringLiteral(", ")).toHtmlEscaped()),
            this);
    intro->setWordWrap(true);

    m_datasets->setObjectName(QStringLiteral("scoreDataset"));
    m_datasets->setMinimumWidth(360);
    for (const QString &path : datasets) {
        m_datasets->addItem(QFileInfo(path).fileName(), path);
        m_datasets->setItemData(m_datasets->count() - 1, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    }
    if (const int index = m_datasets->findData(current); index >= 0)
        m_datasets->setCurrentIndex(index);
    auto *choose = new QPushButton(tr("Choose File…"), this);
    choose->setToolTip(tr("Score a file that is not in the workspace's datasets"));
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose Data to Score"), QFileInfo(dataPath()).absolutePath(), Data::DatasetReader::nameFilter());
        if (!path.isEmpty())
            chooseFile(path);
    });
    auto *datasetRow = new QHBoxLayout;
    datasetRow->addWidget(m_datasets, 1);
    datasetRow->addWidget(choose);

    m_probabilities->setObjectName(QStringLiteral("scoreProbabilities"));
    m_probabilities->setChecked(true);
    m_classification = manifest.task == Learn::Task::Classification;
    m_probabilities->setVisible(m_classification);
    m_probabilities->setToolTip(tr("One proba_<class> column per class, after the predicted class"));
    m_unknown->setObjectName(QStringLiteral("scoreUnknownCategories"));
    m_unknown->setToolTip(tr("An unseen category is scored as the pipeline treats it: no category set, or missing"));
    m_output->setObjectName(QStringLiteral("scoreOutput"));
    m_output->setWordWrap(true);
    m_output->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Data:"), datasetRow);
    form->addRow(QString(), m_probabilities);
    form->addRow(QString(), m_unknown);
    form->addRow(tr("Saved as:"), m_output);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_score = buttons->button(QDialogButtonBox::Ok);
    m_score->setText(tr("&Score"));
    m_score->setToolTip(tr("Score in the background; the Jobs panel shows how far it got"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_datasets, &QComboBox::currentIndexChanged, this, &ScoreDatasetDialog::updateOutput);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(buttons);
    updateOutput();
}

QString ScoreDatasetDialog::dataPath() const
{
    return m_datasets->currentData().toString();
}

bool ScoreDatasetDialog::probabilities() const
{
    return m_classification && m_probabilities->isChecked();
}

bool ScoreDatasetDialog::allowUnknownCategories() const
{
    return m_unknown->isChecked();
}

void ScoreDatasetDialog::chooseFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    int index = m_datasets->findData(absolute);
    if (index < 0) {
        m_datasets->addItem(QFileInfo(absolute).fileName(), absolute);
        index = m_datasets->count() - 1;
        m_datasets->setItemData(index, QDir::toNativeSeparators(absolute), Qt::ToolTipRole);
    }
    m_datasets->setCurrentIndex(index);
}

void ScoreDatasetDialog::updateOutput()
{
    const QString path = dataPath();
    m_score->setEnabled(!path.isEmpty());
    m_output->setText(path.isEmpty() ? tr("Choose the data to score.")
                                     : QDir::toNativeSeparators(m_outputFor ? m_outputFor(path) : QString()));
}

} // namespace Tandem::Ui
