// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/FakeSlurm.h"
#include "tests/support/IniSettings.h"
#include "ui/cluster/ClusterSettingsPage.h"
#include "ui/shell/SettingsDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;

namespace {

template<typename T> T *child(const QWidget &parent, const char *name)
{
    T *found = parent.findChild<T *>(QLatin1String(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

Runs::ClusterProfile hpc()
{
    Runs::ClusterProfile profile;
    profile.name = QStringLiteral("hpc");
    profile.partition = QStringLiteral("batch");
    profile.timeLimit = QStringLiteral("2:00:00");
    profile.cpusPerTask = 4;
    profile.memory = QStringLiteral("8G");
    profile.maxParallel = 10;
    profile.extraSbatchArguments = {QStringLiteral("--account=ml"), QStringLiteral("--qos=short")};
    return profile;
}

} // namespace

/// Edit > Settings… > Cluster: profiles edited with ClusterProfile's validation
/// next to each field, stored in the settings, and the connection test.
class TestClusterSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<Ui::AppSettings> settings(const QString &name = QStringLiteral("settings.ini")) const
    {
        return Testing::iniSettings(m_dir.filePath(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    // A value ClusterProfile refuses shows its message under its own field, the
    // profile is marked in the list and OK is disabled; fixing it clears all three.
    void validationNextToTheField()
    {
        Ui::ClusterSettingsPage page({hpc()});
        page.show();
        QVERIFY(page.isValid());
        auto *partition = child<QLineEdit>(page, "partition");
        auto *partitionError = child<QLabel>(page, "partitionError");
        auto *memoryError = child<QLabel>(page, "memoryError");
        QVERIFY(partition && partitionError && memoryError);
        QVERIFY(partitionError->isHidden());

        partition->setText(QStringLiteral("batch;rm"));
        QVERIFY(!page.isValid());
        QVERIFY(partitionError->isVisible());
        QVERIFY2(partitionError->text().startsWith(QLatin1String("The partition")), qPrintable(partitionError->text()));
        QVERIFY(memoryError->isHidden()); // only the field at fault
        QVERIFY(page.firstError().startsWith(QLatin1String("hpc: ")));
        QVERIFY(!child<QListWidget>(page, "clusterProfiles")->item(0)->icon().isNull());
        QVERIFY(!child<QPushButton>(page, "testConnection")->isEnabled());

        partition->setText(QStringLiteral("batch,gpu"));
        QVERIFY(page.isValid());
        QVERIFY(partitionError->isHidden());
        QCOMPARE(page.profiles().constFirst().partition, QStringLiteral("batch,gpu"));

        child<QLineEdit>(page, "timeLimit")->setText(QStringLiteral("two hours"));
        QVERIFY(child<QLabel>(page, "timeLimitError")->isVisible());
        child<QLineEdit>(page, "timeLimit")->setText(QStringLiteral("1-00:00:00"));
        child<QLineEdit>(page, "sbatchArguments")->setText(QStringLiteral("--account=ml --output=/tmp/x"));
        QVERIFY2(child<QLabel>(page, "sbatchArgumentsError")->text().contains(QLatin1String("Tandem sets itself")),
            qPrintable(child<QLabel>(page, "sbatchArgumentsError")->text()));
        child<QLineEdit>(page, "sbatchArguments")->setText(QStringLiteral("--account=ml"));
        child<QLineEdit>(page, "sshHost")->setText(QStringLiteral("login node"));
        QVERIFY(child<QLabel>(page, "sshHostError")->isVisible());
        child<QLineEdit>(page, "sshHost")->setText(QStringLiteral("me@login1"));
        QVERIFY(page.isValid());

        // Names: given and distinct.
        page.addProfile();
        QCOMPARE(page.profiles().size(), 2);
        QCOMPARE(page.profiles().at(1).name, QStringLiteral("cluster"));
        child<QLineEdit>(page, "name")->setText(QStringLiteral("hpc"));
        QVERIFY(child<QLabel>(page, "nameError")->isVisible());
        QVERIFY(!page.isValid());
        child<QLineEdit>(page, "name")->clear();
        QCOMPARE(child<QLabel>(page, "nameError")->text(), QStringLiteral("Give the profile a name."));
        child<QLineEdit>(page, "name")->setText(QStringLiteral("gpu"));
        QVERIFY(page.isValid());
    }

    // OK stores the profiles (a new AppSettings on the same file reads them back);
    // OK is refused while a profile is invalid; Cancel keeps the stored ones.
    void storedOnOkOnly()
    {
        const QString file = QStringLiteral("persist.ini");
        {
            auto stored = settings(file);
            Ui::SettingsDialog dialog(stored.get());
            Ui::ClusterSettingsPage *page = dialog.clusterPage();
            QVERIFY(page->profiles().isEmpty());
            page->addProfile();
            child<QLineEdit>(*page, "name")->setText(QStringLiteral("hpc"));
            child<QLineEdit>(*page, "partition")->setText(QStringLiteral("batch"));
            child<QSpinBox>(*page, "cpus")->setValue(4);
            child<QLineEdit>(*page, "memory")->setText(QStringLiteral("lots"));
            auto *buttons = dialog.findChild<QDialogButtonBox *>();
            QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
            dialog.accept(); // refused: stays open, nothing stored
            QCOMPARE(dialog.result(), int(QDialog::Rejected));
            QVERIFY(stored->clusterProfiles().isEmpty());
            child<QLineEdit>(*page, "memory")->setText(QStringLiteral("8G"));
            QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        {
            auto stored = settings(file);
            const QList<Runs::ClusterProfile> profiles = stored->clusterProfiles();
            QCOMPARE(profiles.size(), 1);
            QCOMPARE(profiles.constFirst().name, QStringLiteral("hpc"));
            QCOMPARE(profiles.constFirst().partition, QStringLiteral("batch"));
            QCOMPARE(profiles.constFirst().cpusPerTask, 4);
            QCOMPARE(profiles.constFirst().memory, QStringLiteral("8G"));
            QVERIFY(stored->clusterProfile(QStringLiteral("hpc")).has_value());
            QVERIFY(!stored->clusterProfile(QStringLiteral("gpu")).has_value());

            Ui::SettingsDialog dialog(stored.get());
            QCOMPARE(child<QLineEdit>(*dialog.clusterPage(), "partition")->text(), QStringLiteral("batch"));
            dialog.clusterPage()->removeCurrentProfile();
            dialog.reject();
            QCOMPARE(stored->clusterProfiles().size(), 1);
        }
        // Every field round-trips, in order.
        auto stored = settings(QStringLiteral("roundtrip.ini"));
        Runs::ClusterProfile second = hpc();
        second.name = QStringLiteral("gpu");
        second.sshHost = QStringLiteral("me@login1");
        second.tandemCli = QStringLiteral("/opt/tandem/bin/tandem-cli");
        second.pollIntervalSeconds = 30;
        second.resultWaitSeconds = 120;
        stored->setClusterProfiles({hpc(), second});
        QCOMPARE(
            settings(QStringLiteral("roundtrip.ini"))->clusterProfiles(), QList<Runs::ClusterProfile>({hpc(), second}));
    }

    // Test connection runs sinfo (a background process: the page answers while it
    // runs) and lists the partitions, or shows sinfo's error.
    void testConnectionListsPartitions()
    {
        FakeSlurm slurm;
        QVERIFY(slurm.answer(QStringLiteral("sinfo"),
            "batch*|up|1-00:00:00|3|idle\nbatch*|up|1-00:00:00|1|mixed\ngpu|up|4:00:00|2|allocated\n"));
        Ui::ClusterSettingsPage page({hpc()});
        QSignalSpy tested(&page, &Ui::ClusterSettingsPage::connectionTested);
        child<QPushButton>(page, "testConnection")->click();
        QVERIFY(!child<QPushButton>(page, "testConnection")->isEnabled());
        QVERIFY(tested.wait(20000));
        QVERIFY(tested.first().at(0).toBool());
        const QString text = child<QLabel>(page, "connectionResult")->text();
        QVERIFY2(text.contains(QLatin1String("batch (default): up, time limit 1-00:00:00, 3 nodes idle, 1 node mixed")),
            qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("gpu: up, time limit 4:00:00, 2 nodes allocated")), qPrintable(text));
        QCOMPARE(slurm.calls(QStringLiteral("sinfo")).size(), 1);
        QVERIFY(child<QPushButton>(page, "testConnection")->isEnabled());

        QVERIFY(slurm.answer(QStringLiteral("sinfo"), "sinfo: error: Unable to contact slurm controller\n", true));
        tested.clear();
        page.testConnection();
        QVERIFY(tested.wait(20000));
        QVERIFY(!tested.first().at(0).toBool());
        QVERIFY2(child<QLabel>(page, "connectionResult")->text().contains(QLatin1String("Unable to contact")),
            qPrintable(child<QLabel>(page, "connectionResult")->text()));
    }

    // With a login node, sinfo goes through ssh the executor's way (BatchMode, the
    // host after "--", the command as one quoted line).
    void testConnectionThroughSsh()
    {
        FakeSlurm slurm;
        QVERIFY(slurm.answer(QStringLiteral("sinfo"), "debug*|up|30:00|1|idle\n"));
        Runs::ClusterProfile profile = hpc();
        profile.sshHost = QStringLiteral("me@login1");
        Ui::ClusterSettingsPage page({profile});
        QSignalSpy tested(&page, &Ui::ClusterSettingsPage::connectionTested);
        page.testConnection();
        QVERIFY(tested.wait(20000));
        QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
        const QList<QStringList> ssh = slurm.calls(QStringLiteral("ssh"));
        QCOMPARE(ssh.size(), 1);
        QVERIFY(ssh.first().contains(QStringLiteral("BatchMode=yes")));
        QCOMPARE(ssh.first().at(ssh.first().size() - 2), QStringLiteral("me@login1"));
        QCOMPARE(ssh.first().last(), QStringLiteral("'sinfo' '--noheader' '--format=%P|%a|%l|%D|%T'"));
        QCOMPARE(slurm.calls(QStringLiteral("sinfo")),
            QList<QStringList>({{QStringLiteral("--noheader"), QStringLiteral("--format=%P|%a|%l|%D|%T")}}));
    }

    void screenshot()
    {
        const QString dir = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set TANDEM_SCREENSHOT_DIR to write screenshots");
        FakeSlurm slurm;
        QVERIFY(slurm.answer(QStringLiteral("sinfo"),
            "batch*|up|1-00:00:00|3|idle\nbatch*|up|1-00:00:00|1|mixed\ngpu|up|4:00:00|2|allocated\n"));
        auto stored = settings(QStringLiteral("screenshot.ini"));
        Runs::ClusterProfile gpu = hpc();
        gpu.name = QStringLiteral("gpu-login");
        gpu.partition = QStringLiteral("gpu");
        gpu.sshHost = QStringLiteral("me@login1");
        stored->setClusterProfiles({hpc(), gpu});
        Ui::SettingsDialog dialog(stored.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy tested(dialog.clusterPage(), &Ui::ClusterSettingsPage::connectionTested);
        dialog.clusterPage()->testConnection();
        QVERIFY(tested.wait(20000));
        QTest::qWait(50); // the layout catches up with the result's lines
        QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("settings-cluster.png"))));
        child<QLineEdit>(*dialog.clusterPage(), "timeLimit")->setText(QStringLiteral("two hours"));
        child<QLineEdit>(*dialog.clusterPage(), "sbatchArguments")->setText(QStringLiteral("--account=ml --output=x"));
        QTest::qWait(50);
        QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("settings-cluster-errors.png"))));
    }
};

QTEST_MAIN(TestClusterSettings)
#include "tst_clustersettings.moc"
