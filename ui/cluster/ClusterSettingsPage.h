// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/ClusterProfile.h"

#include <QList>
#include <QWidget>

#include <functional>

class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace Tandem::Ui {

class AppSettings;
class ClusterConnectionTest;

/// Settings > Cluster: the Slurm cluster profiles runs can be sent to (the New Run
/// dialog's "Execute on"). A list of profiles and, for the chosen one, a form of
/// ClusterProfile's settings. Each field is checked as the user types with
/// ClusterProfile::validate (its message shown under the field); names must be
/// given and distinct. "Test connection" runs sinfo the executor's way
/// (ClusterConnectionTest) and shows the partitions or the error.
///
/// Nothing is stored until save(); the Settings dialog calls it on OK.
class ClusterSettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ClusterSettingsPage(const QList<Runs::ClusterProfile> &profiles, QWidget *parent = nullptr);
    ~ClusterSettingsPage() override;

    /// The profiles as edited.
    QList<Runs::ClusterProfile> profiles() const { return m_profiles; }
    /// Every profile valid (each field, and names given and distinct).
    bool isValid() const;
    /// The first problem, "hpc: the partition 'a b' …", or empty.
    QString firstError() const;
    /// Shows the first profile with a problem.
    void showFirstError();
    /// Writes the profiles into `settings` (AppSettings::setClusterProfiles).
    void save(AppSettings &settings) const;

    /// Adds a profile with the defaults and a free name, and selects it.
    void addProfile();
    void removeCurrentProfile();
    void selectProfile(int row);
    int currentProfile() const { return m_current; }
    /// Runs the connection test on the selected profile.
    void testConnection();

Q_SIGNALS:
    /// The profiles or their validity changed.
    void changed();
    /// The connection test ended (its text is shown on the page).
    void connectionTested(bool ok, const QString &text);

private:
    /// One setting: its editor, the label under it for its error, and how the form's
    /// value goes into a profile.
    struct Field {
        QWidget *editor = nullptr;
        QLabel *error = nullptr;
        std::function<void(Runs::ClusterProfile &)> write;
    };

    QLabel *addField(QFormLayout *form, const QString &label, QWidget *editor, const QString &key,
        const QString &toolTip, std::function<void(Runs::ClusterProfile &)> write);
    void showProfile();
    void formEdited();
    /// The error of one field of the form, validated on its own (the other settings
    /// at their defaults), so that each message stands next to its field.
    QString fieldError(const Field &field) const;
    QString nameError(int row) const;
    QString profileError(int row) const;
    void updateErrors();
    void updateList();

    QList<Runs::ClusterProfile> m_profiles;
    int m_current = -1;
    bool m_filling = false;

    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    QWidget *m_form;
    QLabel *m_empty;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QLineEdit *m_partition;
    QLineEdit *m_timeLimit;
    QSpinBox *m_cpus;
    QLineEdit *m_memory;
    QSpinBox *m_maxParallel;
    QLineEdit *m_sbatchArguments;
    QLineEdit *m_sshHost;
    QLineEdit *m_tandemCli;
    QSpinBox *m_pollSeconds;
    QSpinBox *m_resultWaitSeconds;
    QList<Field> m_fields;
    QPushButton *m_test;
    QLabel *m_testResult;
    ClusterConnectionTest *m_tester;
};

} // namespace Tandem::Ui
