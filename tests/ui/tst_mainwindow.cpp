// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/Version.h"
#include "core/learn/EigenInfo.h"
#include "core/store/Workspace.h"
#include "tests/support/IniSettings.h"
#include "ui/compare/CompareView.h"
#include "ui/data/DatasetTableModel.h"
#include "ui/data/DatasetsView.h"
#include "ui/drift/DriftView.h"
#include "ui/jobs/JobsDock.h"
#include "ui/models/ModelsView.h"
#include "ui/runs/RunsView.h"
#include "ui/shell/AboutDialog.h"
#include "ui/shell/EmptyState.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBar.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using Ui::MainWindow;

namespace {
/// Sends a drag-enter and a drop of `urls` to `target`; returns whether the enter was accepted.
bool dropUrls(QWidget *target, const QList<QUrl> &urls)
{
    QMimeData mime;
    mime.setUrls(urls);
    const QPoint pos = target->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return true;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
    return path;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    Runs::JobQueue m_jobs {1};

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

    void opensWithEveryNavigatorSection()
    {
        auto config = settings();
        MainWindow window(&m_jobs, config.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *navigator = window.findChild<QListWidget *>(QStringLiteral("navigator"));
        QVERIFY(navigator);
        QCOMPARE(navigator->count(), MainWindow::sectionCount);
        const QStringList names {QStringLiteral("Datasets"), QStringLiteral("Runs"), QStringLiteral("Compare"),
            QStringLiteral("Drift"), QStringLiteral("Models")};
        for (int i = 0; i < MainWindow::sectionCount; ++i) {
            QCOMPARE(navigator->item(i)->text(), names.at(i));
            navigator->setCurrentRow(i);
            QCOMPARE(int(window.currentSection()), i);
            QWidget *page = window.sectionWidget(MainWindow::Section(i));
            QVERIFY(page->isVisible());
            QCOMPARE(page->objectName(), QStringLiteral("section") + names.at(i));
        }
        // Before any workspace or dataset, each section explains itself.
        QVERIFY(window.datasetsView()->showsEmptyState());
        QVERIFY(window.runsView()->showsNoWorkspace()); // its empty state: what runs are and how to start
        QVERIFY(window.compareView()->showsEmptyState());
        QVERIFY(window.modelsView()->showsEmptyState());
        QVERIFY(window.driftView()->showsEmptyState());
        QCOMPARE(window.sectionWidget(MainWindow::Section::Drift), window.driftView());
        QVERIFY(!window.driftView()->emptyState()->title().isEmpty());
        QVERIFY(window.driftView()->emptyState()->text().size() > 60);
    }

    void keyboardShortcutsSwitchSections()
    {
        auto config = settings();
        MainWindow window(&m_jobs, config.get());
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentSection(), MainWindow::Section::Compare);
        QTest::keyClick(&window, Qt::Key_5, Qt::ControlModifier);
        QCOMPARE(window.currentSection(), MainWindow::Section::Models);
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(window.currentSection(), MainWindow::Section::Datasets);
    }

    void menusOfferTheFileActions()
    {
        auto config = settings();
        MainWindow window(&m_jobs, config.get());
        QStringList titles;
        for (QAction *menu : window.menuBar()->actions())
            titles << menu->text().remove(QLatin1Char('&'));
        QCOMPARE(titles,
            (QStringList {
                QStringLiteral("File"), QStringLiteral("Edit"), QStringLiteral("View"), QStringLiteral("Help")}));
        // Edit > Settings… (Ctrl+,): the cluster profiles among others.
        QVERIFY(window.menuBar()->actions().at(1)->menu()->actions().contains(window.settingsAction()));
        QCOMPARE(window.settingsAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+,")));
        QStringList fileItems;
        for (QAction *action : window.menuBar()->actions().first()->menu()->actions())
            fileItems << action->text().remove(QLatin1Char('&'));
        for (const QString &expected : {QStringLiteral("Open Dataset…"), QStringLiteral("Open Recent"),
                 QStringLiteral("New Workspace…"), QStringLiteral("Open Workspace…"), QStringLiteral("Quit")})
            QVERIFY2(fileItems.contains(expected), qPrintable(expected));
    }

    void droppedDatasetReachesTheOpenPath()
    {
        QTemporaryDir dir;
        auto config = settings();
        MainWindow window(&m_jobs, config.get());
        QVERIFY(window.openWorkspace(dir.filePath(QStringLiteral("ws")), true));
        const QString csv = writeFile(dir, QStringLiteral("dropped.csv"), "a,b\n1,2\n");
        QSignalSpy opened(&window, &MainWindow::datasetOpened);
        QVERIFY(dropUrls(&window, {QUrl::fromLocalFile(csv)}));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().first().toString(), QFileInfo(csv).absoluteFilePath());
        QCOMPARE(window.currentSection(), MainWindow::Section::Datasets);
        QCOMPARE(window.datasetsView()->currentDataset(), QFileInfo(csv).absoluteFilePath());
        QVERIFY(window.workspace()->datasetPaths().contains(QFileInfo(csv).absoluteFilePath()));
        QCOMPARE(config->recentFiles().value(0), QFileInfo(csv).absoluteFilePath());
    }

    void droppedForeignFileIsRefusedWithAMessage()
    {
        QTemporaryDir dir;
        auto config = settings();
        MainWindow window(&m_jobs, config.get());
        window.show();
        const QString pdf = writeFile(dir, QStringLiteral("paper.pdf"), "%PDF-1.4");
        QSignalSpy opened(&window, &MainWindow::datasetOpened);
        QVERIFY(dropUrls(&window, {QUrl::fromLocalFile(pdf)}));
        QCOMPARE(opened.count(), 0);
        QVERIFY(window.messageBar()->isVisible());
        QCOMPARE(window.messageBar()->kind(), Ui::MessageBar::Kind::Error);
        QVERIFY(window.messageBar()->text().contains(QStringLiteral("paper.pdf")));
        // A remote URL is not even accepted for dropping.
        QVERIFY(!dropUrls(&window, {QUrl(QStringLiteral("https://example.org/x.csv"))}));
    }

    void droppedWorkspaceFolderOpensIt()
    {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath(QStringLiteral("team"));
        QVERIFY(Store::Workspace::create(wsPath).ok());
        auto config = settings();
        MainWindow window(&m_jobs, config.get());
        QSignalSpy changed(&window, &MainWindow::workspaceChanged);
        QVERIFY(dropUrls(&window, {QUrl::fromLocalFile(wsPath)}));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(window.workspace()->name(), QStringLiteral("team"));
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("team")));
    }

    void badWorkspaceKeepsTheCurrentOne()
    {
        QTemporaryDir dir;
        auto config = settings();
        MainWindow window(&m_jobs, config.get());
        QVERIFY(window.openWorkspace(dir.filePath(QStringLiteral("good")), true));
        writeFile(dir, QStringLiteral("bad/tandem.db"), QByteArray());
        QDir().mkpath(dir.filePath(QStringLiteral("bad")));
        writeFile(dir, QStringLiteral("bad/tandem.db"), "not sqlite at all");
        QVERIFY(!window.openWorkspace(dir.filePath(QStringLiteral("bad"))));
        QCOMPARE(window.workspace()->name(), QStringLiteral("good"));
        QVERIFY(window.messageBar()->text().contains(QStringLiteral("not a Tandem workspace")));
    }

    void sampleWorkspaceListsTheBundledDatasets()
    {
        auto config = settings();
        MainWindow window(&m_jobs, config.get());
        QVERIFY(window.openSampleWorkspace());
        QVERIFY(!window.datasetsView()->showsEmptyState());
        QStringList names;
        for (const QString &path : window.datasetsView()->datasets())
            names << QFileInfo(path).fileName();
        QCOMPARE(names,
            (QStringList {
                QStringLiteral("breast_cancer.csv"), QStringLiteral("iris.csv"), QStringLiteral("wine.csv")}));
    }

    void selectedDatasetLoadsIntoTheTable()
    {
        auto config = settings();
        MainWindow window(&m_jobs, config.get());
        QVERIFY(window.openSampleWorkspace());
        const QString iris = window.datasetsView()->datasets().at(1);
        window.datasetsView()->showDataset(iris);
        QTRY_COMPARE(window.datasetsView()->tableModel()->rowCount(), 150);
        const auto *model = window.datasetsView()->tableModel();
        QCOMPARE(model->columnCount(), 5);
        QCOMPARE(model->headerData(4, Qt::Horizontal).toString(), QStringLiteral("species\ncategorical"));
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("5.1"));
        QVERIFY2(window.datasetsView()->statusText().contains(QStringLiteral("150 rows × 5 columns")),
            qPrintable(window.datasetsView()->statusText()));
    }

    void brokenDatasetSaysWhereItIsBroken()
    {
        QTemporaryDir dir;
        auto config = settings();
        MainWindow window(&m_jobs, config.get());
        const QString csv = writeFile(dir, QStringLiteral("ragged.csv"), "a,b\n1,2\n3,4\n5\n");
        QVERIFY(window.openDataset(csv));
        QTRY_VERIFY(window.datasetsView()->statusText().contains(QStringLiteral("ragged.csv")));
        QVERIFY2(window.datasetsView()->statusText().contains(QStringLiteral("4")),
            qPrintable(window.datasetsView()->statusText()));
        QCOMPARE(window.datasetsView()->tableModel()->rowCount(), 0);
    }

    void geometryAndDockStateAreRestored()
    {
        auto config = settings();
        {
            MainWindow window(&m_jobs, config.get());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1010, 690);
            window.jobsDock()->hide();
            window.close();
        }
        MainWindow again(&m_jobs, config.get());
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(1010, 690));
        QVERIFY(!again.jobsDock()->isVisible());
    }

    void aboutNamesVersionsAndLicence()
    {
        const QString text = Ui::AboutDialog::aboutText();
        QVERIFY(text.contains(Base::appVersion()));
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        QVERIFY(text.contains(QStringLiteral("Eigen ") + Learn::eigenVersion()));
        QVERIFY(text.contains(QStringLiteral("GPL-3.0-or-later")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
