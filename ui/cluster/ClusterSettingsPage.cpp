// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/cluster/ClusterSettingsPage.h"

#include "ui/cluster/ClusterConnectionTest.h"
#include "ui/shell/AppSettings.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace Tandem::Ui {
namespace {

const QString errorStyle = QStringLiteral("QLabel { color: #d63b3b; }");

QLabel *newErrorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setStyleSheet(errorStyle);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

void showError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

/// Validation messages start with "the partition …": as a sentence under the field.
QString sentence(QString message)
{
    if (!message.isEmpty())
        message[0] = message.at(0).toUpper();
    return message;
}

} // namespace

ClusterSettingsPage::ClusterSettingsPage(const QList<Runs::ClusterProfile> &profiles, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_form(new QWidget(this))
    , m_empty(new QLabel(this))
    , m_name(new QLineEdit(m_form))
    , m_nameError(nullptr)
    , m_partition(new QLineEdit(m_form))
    , m_timeLimit(new QLineEdit(m_form))
    , m_cpus(new QSpinBox(m_form))
    , m_memory(new QLineEdit(m_form))
    , m_maxParallel(new QSpinBox(m_form))
    , m_sbatchArguments(new QLineEdit(m_form))
    , m_sshHost(new QLineEdit(m_form))
    , m_tandemCli(new QLineEdit(m_form))
    , m_pollSeconds(new QSpinBox(m_form))
    , m_resultWaitSeconds(new QSpinBox(m_form))
    , m_test(new QPushButton(tr("&Test Connection"), m_form))
    , m_testResult(new QLabel(m_form))
    , m_tester(new ClusterConnectionTest(this))
{
    setObjectName(QStringLiteral("clusterSettingsPage"));
    auto *intro = new QLabel(tr("Runs can be sent to a Slurm cluster instead of this machine: choose a profile "
                                "under <b>Execute on</b> in the New Run dialog. The workspace and the data must "
                                "be on storage the cluster's nodes see at the same path, and tandem-cli must be "
                                "installed there (docs/CLUSTER.md)."),
        this);
    intro->setWordWrap(true);

    m_list->setObjectName(QStringLiteral("clusterProfiles"));
    m_list->setToolTip(tr("Your cluster profiles"));
    m_list->setIconSize(QSize(16, 16));
    m_add->setObjectName(QStringLiteral("addProfile"));
    m_add->setToolTip(tr("Add a cluster profile"));
    m_remove->setObjectName(QStringLiteral("removeProfile"));
    m_remove->setToolTip(tr("Remove the selected cluster profile"));
    connect(m_add, &QPushButton::clicked, this, &ClusterSettingsPage::addProfile);
    connect(m_remove, &QPushButton::clicked, this, &ClusterSettingsPage::removeCurrentProfile);
    connect(m_list, &QListWidget::currentRowChanged, this, &ClusterSettingsPage::selectProfile);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    auto *listColumn = new QVBoxLayout;
    listColumn->addWidget(m_list, 1);
    listColumn->addLayout(listButtons);

    m_empty->setText(tr("No cluster profile yet. Add one to run on a Slurm cluster."));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);

    m_cpus->setRange(1, 4096);
    m_maxParallel->setRange(0, 100000);
    m_maxParallel->setSpecialValueText(tr("no limit"));
    m_pollSeconds->setRange(1, 3600);
    m_pollSeconds->setSuffix(tr(" s"));
    m_resultWaitSeconds->setRange(0, 3600);
    m_resultWaitSeconds->setSuffix(tr(" s"));
    m_partition->setPlaceholderText(tr("the cluster's default"));
    m_timeLimit->setPlaceholderText(tr("the partition's default, e.g. 2:00:00 or 1-00:00:00"));
    m_memory->setPlaceholderText(tr("the partition's default, e.g. 4G"));
    m_sbatchArguments->setPlaceholderText(tr("e.g. --account=ml --qos=short"));
    m_sshHost->setPlaceholderText(tr("none: Slurm's commands run on this machine"));

    auto *formColumn = new QVBoxLayout(m_form);
    formColumn->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    formColumn->addLayout(form);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_nameError = addField(form, tr("&Name:"), m_name, QStringLiteral("name"),
        tr("What New Run's Execute on calls this cluster (not passed to Slurm)"), {});
    addField(form, tr("&Partition:"), m_partition, QStringLiteral("partition"),
        tr("sbatch --partition: a partition name, or several separated by commas"),
        [this](Runs::ClusterProfile &p) { p.partition = m_partition->text().trimmed(); });
    addField(form, tr("&Time limit:"), m_timeLimit, QStringLiteral("timeLimit"),
        tr("sbatch --time, per task: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED"),
        [this](Runs::ClusterProfile &p) { p.timeLimit = m_timeLimit->text().trimmed(); });
    addField(form, tr("&CPUs per task:"), m_cpus, QStringLiteral("cpus"),
        tr("sbatch --cpus-per-task: a task's fits use this many threads"),
        [this](Runs::ClusterProfile &p) { p.cpusPerTask = m_cpus->value(); });
    addField(form, tr("&Memory per task:"), m_memory, QStringLiteral("memory"),
        tr("sbatch --mem: digits with an optional K, M, G or T"),
        [this](Runs::ClusterProfile &p) { p.memory = m_memory->text().trimmed(); });
    addField(form, tr("Max &parallel tasks:"), m_maxParallel, QStringLiteral("maxParallel"),
        tr("At most this many runs of a sweep at once (the %P of --array=0-N%P)"),
        [this](Runs::ClusterProfile &p) { p.maxParallel = m_maxParallel->value(); });
    addField(form, tr("E&xtra sbatch options:"), m_sbatchArguments, QStringLiteral("sbatchArguments"),
        tr("Further sbatch options separated by spaces, each as --option=value. Tandem sets the array, output, "
           "job name and working directory itself."),
        [this](Runs::ClusterProfile &p) {
            p.extraSbatchArguments = m_sbatchArguments->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        });
    addField(form, tr("&SSH login node:"), m_sshHost, QStringLiteral("sshHost"),
        tr("HOST or USER@HOST: Slurm's commands then run there through ssh, which must log in with a key "
           "without asking (BatchMode)"),
        [this](Runs::ClusterProfile &p) { p.sshHost = m_sshHost->text().trimmed(); });
    addField(form, tr("tandem-&cli on the nodes:"), m_tandemCli, QStringLiteral("tandemCli"),
        tr("The tandem-cli the tasks run, as a path the nodes see (or a name on their PATH)"),
        [this](Runs::ClusterProfile &p) { p.tandemCli = m_tandemCli->text().trimmed(); });
    addField(form, tr("P&oll every:"), m_pollSeconds, QStringLiteral("pollSeconds"),
        tr("How often squeue is asked about the tasks"),
        [this](Runs::ClusterProfile &p) { p.pollIntervalSeconds = m_pollSeconds->value(); });
    addField(form, tr("&Wait for results:"), m_resultWaitSeconds, QStringLiteral("resultWaitSeconds"),
        tr("How long a finished task's result file may take to appear on shared storage before the run counts "
           "as failed"),
        [this](Runs::ClusterProfile &p) { p.resultWaitSeconds = m_resultWaitSeconds->value(); });

    m_test->setObjectName(QStringLiteral("testConnection"));
    m_test->setToolTip(tr("Run sinfo the way runs are submitted (through ssh when a login node is set) and "
                          "list the cluster's partitions"));
    m_testResult->setObjectName(QStringLiteral("connectionResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_test, &QPushButton::clicked, this, &ClusterSettingsPage::testConnection);
    connect(m_tester, &ClusterConnectionTest::finished, this, [this](bool ok, const QString &text) {
        m_test->setEnabled(true);
        m_testResult->setStyleSheet(ok ? QString() : errorStyle);
        m_testResult->setText(text);
        Q_EMIT connectionTested(ok, text);
    });
    // The result under the button: a wrapped label beside it would be given one line's height.
    formColumn->addWidget(m_test, 0, Qt::AlignLeft);
    formColumn->addWidget(m_testResult);
    formColumn->addStretch(1);

    for (QLineEdit *edit : {m_name, m_partition, m_timeLimit, m_memory, m_sbatchArguments, m_sshHost, m_tandemCli})
        connect(edit, &QLineEdit::textChanged, this, &ClusterSettingsPage::formEdited);
    for (QSpinBox *spin : {m_cpus, m_maxParallel, m_pollSeconds, m_resultWaitSeconds})
        connect(spin, &QSpinBox::valueChanged, this, &ClusterSettingsPage::formEdited);

    auto *columns = new QHBoxLayout;
    columns->addLayout(listColumn, 1);
    columns->addWidget(m_form, 3);
    columns->addWidget(m_empty, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(columns, 1);

    updateList();
    selectProfile(m_profiles.isEmpty() ? -1 : 0);
}

ClusterSettingsPage::~ClusterSettingsPage() = default;

QLabel *ClusterSettingsPage::addField(QFormLayout *form, const QString &label, QWidget *editor, const QString &key,
    const QString &toolTip, std::function<void(Runs::ClusterProfile &)> write)
{
    editor->setObjectName(key);
    editor->setToolTip(toolTip);
    auto *cell = new QWidget(m_form);
    auto *column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(editor);
    QLabel *error = newErrorLabel(cell);
    error->setObjectName(key + QStringLiteral("Error"));
    column->addWidget(error);
    auto *caption = new QLabel(label, m_form);
    caption->setBuddy(editor);
    form->addRow(caption, cell);
    if (write)
        m_fields.append(Field {editor, error, std::move(write)});
    return error;
}

void ClusterSettingsPage::updateList()
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (int row = 0; row < m_profiles.size(); ++row) {
        const QString name = m_profiles.at(row).name;
        auto *item = new QListWidgetItem(name.isEmpty() ? tr("(no name)") : name, m_list);
        const QString error = profileError(row);
        item->setIcon(error.isEmpty() ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
        item->setToolTip(error);
    }
    m_list->setCurrentRow(m_current);
}

void ClusterSettingsPage::selectProfile(int row)
{
    m_current = row >= 0 && row < m_profiles.size() ? row : -1;
    if (m_list->currentRow() != m_current) {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentRow(m_current);
    }
    showProfile();
}

void ClusterSettingsPage::showProfile()
{
    const bool any = m_current >= 0;
    m_form->setVisible(any);
    m_empty->setVisible(!any);
    m_remove->setEnabled(any);
    m_testResult->clear();
    if (!any)
        return;
    const Runs::ClusterProfile &profile = m_profiles.at(m_current);
    m_filling = true;
    m_name->setText(profile.name);
    m_partition->setText(profile.partition);
    m_timeLimit->setText(profile.timeLimit);
    m_cpus->setValue(profile.cpusPerTask);
    m_memory->setText(profile.memory);
    m_maxParallel->setValue(profile.maxParallel);
    m_sbatchArguments->setText(profile.extraSbatchArguments.join(QLatin1Char(' ')));
    m_sshHost->setText(profile.sshHost);
    m_tandemCli->setText(profile.tandemCli);
    m_pollSeconds->setValue(profile.pollIntervalSeconds);
    m_resultWaitSeconds->setValue(profile.resultWaitSeconds);
    m_filling = false;
    updateErrors();
}

void ClusterSettingsPage::formEdited()
{
    if (m_filling || m_current < 0)
        return;
    Runs::ClusterProfile &profile = m_profiles[m_current];
    profile.name = m_name->text().trimmed();
    for (const Field &field : std::as_const(m_fields))
        field.write(profile);
    if (!m_tester->isRunning())
        m_testResult->clear(); // it was about the settings before this edit
    updateErrors();
    updateList();
    Q_EMIT changed();
}

QString ClusterSettingsPage::fieldError(const Field &field) const
{
    // The form's value of this field alone, every other setting at its default.
    Runs::ClusterProfile alone;
    field.write(alone);
    const Base::Status status = alone.validate();
    return status.ok() ? QString() : sentence(status.error().message);
}

QString ClusterSettingsPage::nameError(int row) const
{
    const QString name = m_profiles.at(row).name;
    if (name.isEmpty())
        return tr("Give the profile a name.");
    for (int other = 0; other < m_profiles.size(); ++other) {
        if (other != row && m_profiles.at(other).name == name)
            return tr("Another profile is called '%1'.").arg(name);
    }
    return {};
}

QString ClusterSettingsPage::profileError(int row) const
{
    if (const QString error = nameError(row); !error.isEmpty())
        return error;
    const Base::Status status = m_profiles.at(row).validate();
    return status.ok() ? QString() : sentence(status.error().message);
}

void ClusterSettingsPage::updateErrors()
{
    if (m_current < 0)
        return;
    showError(m_nameError, nameError(m_current));
    for (const Field &field : std::as_const(m_fields))
        showError(field.error, fieldError(field));
    m_test->setEnabled(!m_tester->isRunning() && m_profiles.at(m_current).validate().ok());
}

bool ClusterSettingsPage::isValid() const
{
    return firstError().isEmpty();
}

QString ClusterSettingsPage::firstError() const
{
    for (int row = 0; row < m_profiles.size(); ++row) {
        if (const QString error = profileError(row); !error.isEmpty())
            return m_profiles.at(row).name.isEmpty() ? error : tr("%1: %2").arg(m_profiles.at(row).name, error);
    }
    return {};
}

void ClusterSettingsPage::showFirstError()
{
    for (int row = 0; row < m_profiles.size(); ++row) {
        if (!profileError(row).isEmpty()) {
            selectProfile(row);
            return;
        }
    }
}

void ClusterSettingsPage::save(AppSettings &settings) const
{
    settings.setClusterProfiles(m_profiles);
}

void ClusterSettingsPage::addProfile()
{
    QString name = QStringLiteral("cluster");
    for (int n = 2; std::any_of(
             m_profiles.cbegin(), m_profiles.cend(), [&name](const Runs::ClusterProfile &p) { return p.name == name; });
         ++n)
        name = QStringLiteral("cluster%1").arg(n);
    Runs::ClusterProfile profile;
    profile.name = name;
    m_profiles.append(profile);
    m_current = int(m_profiles.size()) - 1;
    updateList();
    showProfile();
    m_name->setFocus();
    m_name->selectAll();
    Q_EMIT changed();
}

void ClusterSettingsPage::removeCurrentProfile()
{
    if (m_current < 0)
        return;
    m_profiles.removeAt(m_current);
    m_current = std::min(m_current, int(m_profiles.size()) - 1);
    updateList();
    showProfile();
    Q_EMIT changed();
}

void ClusterSettingsPage::testConnection()
{
    if (m_current < 0)
        return;
    m_test->setEnabled(false);
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(m_profiles.at(m_current).sshHost.isEmpty()
            ? tr("Asking sinfo…")
            : tr("Asking sinfo on %1…").arg(m_profiles.at(m_current).sshHost));
    m_tester->start(m_profiles.at(m_current));
}

} // namespace Tandem::Ui
