// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a workspace whose cluster batch finished while Tandem was closed brings
// the results in, in the background, and says so.
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "tests/support/ClusterBatch.h"
#include "tests/support/IniSettings.h"
#include "ui/runs/RunsTableModel.h"
#include "ui/runs/RunsView.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBar.h"

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using Store::RunStatus;

namespace {

/// Two runs whose submitting process ended: both tasks wrote their results, the
/// second one cut short when `truncateSecond`.
std::unique_ptr<Testing::ClusterBatch> abandonedBatch(bool truncateSecond)
{
    auto batch = Testing::queuedBatch(Testing::irisClusterSweepSpec());
    if (!batch || !Testing::runTask(*batch, 0) || !Testing::runTask(*batch, 1))
        return nullptr;
    if (truncateSecond) {
        const QByteArray whole = Testing::readAll(batch->resultPath(1));
        if (!Testing::writeAll(batch->resultPath(1), whole.left(whole.size() / 3)))
            return nullptr;
    }
    batch->workspace.reset();
    return batch;
}

RunStatus shownStatus(const Ui::MainWindow &window, qint64 runId)
{
    const Store::RunRecord *run = window.runsView()->model()->runById(runId);
    return run ? run->status : RunStatus::Queued;
}

} // namespace

class TestClusterResultsRecovery : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;

    std::unique_ptr<Ui::AppSettings> settings() const
    {
        return Testing::iniSettings(m_tmp.filePath(QStringLiteral("settings.ini")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("TandemTest"));
    }

    void openingImportsAndSaysSo()
    {
        auto batch = abandonedBatch(false);
        QVERIFY(batch);
        Runs::JobQueue jobs(1);
        auto config = settings();
        Ui::MainWindow window(&jobs, config.get());
        window.show();
        QVERIFY(window.openWorkspace(batch->workspacePath()));
        QTRY_COMPARE(window.messageBar()->text(),
            QStringLiteral("Imported 2 cluster results that finished while Tandem was closed."));
        QVERIFY(window.messageBar()->isVisible());
        QCOMPARE(window.messageBar()->kind(), Ui::MessageBar::Kind::Information);
        QTRY_COMPARE(shownStatus(window, batch->runIds.at(0)), RunStatus::Done);
        QTRY_COMPARE(shownStatus(window, batch->runIds.at(1)), RunStatus::Done);
        QVERIFY(!window.runsView()->model()->runById(batch->runIds.at(0))->metrics.isEmpty());
    }

    // A damaged result is named in a warning; its run stays interrupted.
    void damagedResultIsNamed()
    {
        auto batch = abandonedBatch(true);
        QVERIFY(batch);
        Runs::JobQueue jobs(1);
        auto config = settings();
        Ui::MainWindow window(&jobs, config.get());
        window.show();
        QVERIFY(window.openWorkspace(batch->workspacePath()));
        QTRY_COMPARE(window.messageBar()->kind(), Ui::MessageBar::Kind::Warning);
        const QString text = window.messageBar()->text();
        QVERIFY2(text.startsWith(QStringLiteral("Imported 1 cluster result that finished while Tandem was closed. "
                                                "A cluster result could not be imported: ")),
            qPrintable(text));
        QVERIFY2(text.contains(batch->resultPath(1)), qPrintable(text));
        QTRY_COMPARE(shownStatus(window, batch->runIds.at(0)), RunStatus::Done);
        QCOMPARE(shownStatus(window, batch->runIds.at(1)), RunStatus::Interrupted);
    }
};

QTEST_MAIN(TestClusterResultsRecovery)
#include "tst_clusterresultsrecovery.moc"
