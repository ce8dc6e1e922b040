// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/ExportModelDialog.h"

#include "core/bundle/Bundle.h"
#include "core/eval/CrossValidation.h"
#include "core/learn/Registry.h"
#include "core/runs/RunSpec.h"
#include "ui/models/ModelFolders.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Tandem::Ui {
namespace {

QString modelIdOf(const Store::RunRecord &run)
{
    return run.spec.value(QStringLiteral("model")).toObject().value(QStringLiteral("id")).toString();
}

QString modelNameOf(const QString &modelId)
{
    const Learn::ModelInfo *info = Learn::Registry::instance().find(modelId);
    return info ? info->displayName : modelId;
}

} // namespace

QString ExportModelDialog::defaultBundlePath(const QString &workspacePath, const Store::RunRecord &run)
{
    // A name a person gave ("iris logistic regression"); a sweep's "C=0.1, penalty=l2"
    // reads badly as a file name, so those runs are named by experiment or model.
    constexpr qsizetype longestName = 48;
    QString name = run.name.trimmed();
    if (name.isEmpty() || name.contains(QLatin1Char('=')) || name.size() > longestName)
        name = QStringLiteral("%1 run%2")
                   .arg(run.experimentName.isEmpty() ? modelIdOf(run) : run.experimentName)
                   .arg(run.id);
    const QString base = safeFileName(name, QStringLiteral("run%1").arg(run.id));
    return unusedFilePath(modelsFolder(workspacePath), base, Bundle::bundleSuffix());
}

ExportModelDialog::ExportModelDialog(const Store::RunRecord &run, const QString &defaultPath, QWidget *parent)
    : QDialog(parent), m_path(new QLineEdit(this)), m_refit(new QCheckBox(this)), m_note(new QLabel(this))
{
    setWindowTitle(tr("Export Model"));
    setObjectName(QStringLiteral("exportModelDialog"));

    const auto spec = Runs::RunSpec::fromJson(run.spec);
    QStringList facts {tr("run #%1").arg(run.id), modelNameOf(modelIdOf(run))};
    if (spec.ok()) {
        m_holdout = spec.value().evaluation.method == Eval::EvaluationSpec::Method::Holdout;
        const bool classify = spec.value().model() && spec.value().model()->task == Learn::Task::Classification;
        facts << Eval::describe(spec.value().evaluation, spec.value().evaluation.stratify.value_or(classify));
    }
    auto *intro = new QLabel(tr("<b>%1</b> (%2)<br>The model becomes one file: the fitted preprocessing and model, "
                                "the columns it reads, the run's metrics and where it came from. Score data with it "
                                "in Models, or with <tt>tandem-cli predict</tt>.")
                                 .arg(run.name.toHtmlEscaped(), facts.join(QStringLiteral(", ")).toHtmlEscaped()),
        this);
    intro->setWordWrap(true);

    m_path->setObjectName(QStringLiteral("bundlePath"));
    m_path->setText(QDir::toNativeSeparators(defaultPath));
    m_path->setMinimumWidth(460);
    m_path->setToolTip(tr("The bundle file to write (.tandem)"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    browse->setToolTip(tr("Choose another folder or name"));
    connect(browse, &QPushButton::clicked, this, &ExportModelDialog::browse);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_refit->setObjectName(QStringLiteral("refitOnAllData"));
    m_refit->setText(tr("Refit on all data"));
    m_refit->setChecked(true);
    m_refit->setEnabled(m_holdout);
    connect(m_refit, &QCheckBox::toggled, this, &ExportModelDialog::updateNote);
    m_note->setObjectName(QStringLiteral("refitNote"));
    m_note->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Save as:"), pathRow);
    form->addRow(QString(), m_refit);
    form->addRow(QString(), m_note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_export = buttons->button(QDialogButtonBox::Ok);
    m_export->setText(tr("&Export"));
    m_export->setToolTip(tr("Export in the background; the Jobs panel shows how far it got"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportModelDialog::tryAccept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this,
        [this](const QString &text) { m_export->setEnabled(!text.trimmed().isEmpty()); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(buttons);
    updateNote();
}

QString ExportModelDialog::path() const
{
    QString text = QDir::fromNativeSeparators(m_path->text().trimmed());
    if (!text.isEmpty() && QFileInfo(text).suffix().isEmpty())
        text += Bundle::bundleSuffix();
    return QFileInfo(text).absoluteFilePath();
}

Bundle::FitScope ExportModelDialog::scope() const
{
    return m_refit->isChecked() || !m_holdout ? Bundle::FitScope::AllRows : Bundle::FitScope::HoldoutTraining;
}

void ExportModelDialog::updateNote()
{
    if (!m_holdout) {
        m_refit->setToolTip(tr("Always on for a cross-validated run"));
        m_note->setText(tr("This run was cross-validated: each fold fitted a model of its own and none of them is the "
                           "run's model, so the model is fitted again on every row of the dataset with the run's "
                           "seed. The run's metrics estimate how well it does."));
    } else if (m_refit->isChecked()) {
        m_refit->setToolTip(tr("Fit the model again on every row, training and test"));
        m_note->setText(tr("The model is fitted again on every row of the dataset, the held-out rows included, with "
                           "the run's seed. The run's metrics estimate how well it does. Turn this off to export the "
                           "very model the run evaluated."));
    } else {
        m_refit->setToolTip(tr("Fit the model again on every row, training and test"));
        m_note->setText(tr("The bundle holds the very model the run evaluated, fitted on the training part of its "
                           "holdout split: its metrics are this model's own (tandem-cli export --no-refit)."));
    }
}

void ExportModelDialog::browse()
{
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export Model"), path(), tr("Tandem model bundles (*%1)").arg(Bundle::bundleSuffix()));
    if (chosen.isEmpty())
        return;
    m_path->setText(QDir::toNativeSeparators(chosen));
    m_confirmedPath = path(); // the file dialog asked about replacing it
}

void ExportModelDialog::tryAccept()
{
    const QString target = path();
    if (target.isEmpty())
        return;
    if (QFileInfo(target).isDir()) {
        m_note->setText(tr("%1 is a folder: add a file name.").arg(QDir::toNativeSeparators(target)));
        return;
    }
    if (QFileInfo::exists(target) && target != m_confirmedPath) {
        const auto answer = QMessageBox::question(this, tr("Replace Bundle"),
            tr("%1 exists. Replace it once the export has finished?").arg(QDir::toNativeSeparators(target)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    accept();
}

void ExportModelDialog::acceptWithoutAsking()
{
    m_confirmedPath = path();
    tryAccept();
}

} // namespace Tandem::Ui
