// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop workbench: parse arguments, wire the job queue, settings and the
// main window, run the event loop. Everything else lives in ui/ and core/.
#include "core/base/Version.h"
#include "core/runs/JobQueue.h"
#include "ui/shell/AppSettings.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/Theme.h"
#include "ui/shell/ThemedIcon.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTimer>

using namespace Tandem;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tandem"));
    QApplication::setOrganizationName(QStringLiteral("Tandem"));
    QApplication::setOrganizationDomain(QStringLiteral("tandem.org"));
    QApplication::setApplicationVersion(Base::appVersion());
    QApplication::setDesktopFileName(QStringLiteral("org.tandem.Tandem"));
    QApplication::setWindowIcon(Ui::appIcon());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Tandem, the machine-learning workbench."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(QStringList {QStringLiteral("w"), QStringLiteral("workspace")},
        QStringLiteral("Open the workspace in <dir>."), QStringLiteral("dir"));
    const QCommandLineOption sampleOption(
        QStringLiteral("sample-workspace"), QStringLiteral("Open the bundled sample workspace."));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QStringLiteral("Save a picture of the window to <file> once shown and its jobs (the sample runs) have "
                       "ended, then quit."),
        QStringLiteral("file"));
    const QCommandLineOption sectionOption(QStringLiteral("section"),
        QStringLiteral("Start on <section>: datasets, runs, compare, drift or models."), QStringLiteral("section"));
    parser.addOptions({workspaceOption, sampleOption, sectionOption, screenshotOption});
    parser.addPositionalArgument(
        QStringLiteral("datasets"), QStringLiteral("Dataset files to open."), QStringLiteral("[datasets…]"));
    parser.process(app);

    Ui::AppSettings settings;
    Ui::applyTheme(settings.themeMode());

    Runs::JobQueue jobs;
    {
        Ui::MainWindow window(&jobs, &settings);
        if (parser.isSet(workspaceOption)) {
            window.openWorkspace(parser.value(workspaceOption), true);
        } else {
            const QString last = settings.lastWorkspace();
            // First start (or a vanished workspace): open the samples, so there is something to explore at once.
            if (parser.isSet(sampleOption) || last.isEmpty() || !window.openWorkspace(last))
                window.openSampleWorkspace();
        }
        for (const QString &path : parser.positionalArguments())
            window.openDataset(QDir::current().absoluteFilePath(path));
        if (parser.isSet(sectionOption)) {
            const QStringList sections {QStringLiteral("datasets"), QStringLiteral("runs"), QStringLiteral("compare"),
                QStringLiteral("drift"), QStringLiteral("models")};
            const auto index = sections.indexOf(parser.value(sectionOption).toLower());
            if (index < 0) {
                qCritical("tandem: unknown section '%s' (expected one of: %s)", qPrintable(parser.value(sectionOption)),
                    qPrintable(sections.join(QStringLiteral(", "))));
                return 2;
            }
            window.showSection(Ui::MainWindow::Section(index));
        }
        window.show();

        if (parser.isSet(screenshotOption)) {
            // The picture shows the window settled: the jobs started at launch (the sample
            // workspace's first runs) have ended, and the views have had a moment to show them.
            const QString file = parser.value(screenshotOption);
            auto *settle = new QTimer(&window);
            settle->setInterval(800);
            QObject::connect(
                settle, &QTimer::timeout, &window, [&window, &jobs, settle, file, idleTicks = 0]() mutable {
                    idleTicks = jobs.activeCount() > 0 ? 0 : idleTicks + 1;
                    if (idleTicks < 2)
                        return;
                    settle->stop();
                    window.grab().save(file);
                    window.close();
                });
            settle->start();
        }
        const int status = QApplication::exec();
        // Quitting cancels running jobs and joins them before the workspace closes.
        jobs.cancelAll();
        jobs.waitForAll();
        return status;
    }
}
