// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop workbench: parse arguments, wire the job queue, settings and the
// main window, run the event loop. Everything else lives in ui/ and core/.
#include "core/base/Version.h"
#include "core/runs/JobQueue.h"
#include "ui/compare/CompareView.h"
#include "ui/drift/DriftSetup.h"
#include "ui/drift/DriftView.h"
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
    const QCommandLineOption compareOption(QStringLiteral("compare"),
        QStringLiteral("Compare the runs <ids> of the workspace (comma-separated, as the Runs view numbers "
                       "them): start on the Compare section."),
        QStringLiteral("ids"));
    const QCommandLineOption comparePageOption(QStringLiteral("compare-page"),
        QStringLiteral("With --compare, show the Compare tab named <page> (metrics, curves, ...)."),
        QStringLiteral("page"));
    const QCommandLineOption driftOption(QStringLiteral("drift"),
        QStringLiteral("Compare the dataset files <reference,current> on the Drift section and analyse them; "
                       "run:ID as the reference takes the training data of run ID of the workspace."),
        QStringLiteral("reference,current"));
    const QCommandLineOption driftTimeOption(QStringLiteral("drift-time"),
        QStringLiteral("With --drift, cut the current rows into windows along <column>."), QStringLiteral("column"));
    const QCommandLineOption driftTargetOption(
        QStringLiteral("drift-target"), QStringLiteral("With --drift, the target <column>."), QStringLiteral("column"));
    const QCommandLineOption driftPredictionOption(QStringLiteral("drift-prediction"),
        QStringLiteral("With --drift, a <column> of logged predictions in both files, or 'model' for the reference "
                       "run's model."),
        QStringLiteral("column"));
    const QCommandLineOption driftPageOption(QStringLiteral("drift-page"),
        QStringLiteral("With --drift, show the Drift tab named <page> (distribution, over time, performance, "
                       "alerts)."),
        QStringLiteral("page"));
    parser.addOptions({workspaceOption, sampleOption, sectionOption, compareOption, comparePageOption, driftOption,
        driftTimeOption, driftTargetOption, driftPredictionOption, driftPageOption, screenshotOption});
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
        if (parser.isSet(compareOption)) {
            QList<qint64> ids;
            for (const QString &text : parser.value(compareOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                bool ok = false;
                const qint64 id = text.trimmed().toLongLong(&ok);
                if (!ok || id < 1) {
                    qCritical("tandem: invalid run id '%s' in --compare", qPrintable(text));
                    return 2;
                }
                ids << id;
            }
            window.compareRuns(ids);
            if (parser.isSet(comparePageOption) && !window.compareView()->showPage(parser.value(comparePageOption))) {
                qCritical("tandem: no Compare page '%s'", qPrintable(parser.value(comparePageOption)));
                return 2;
            }
        }
        if (parser.isSet(driftOption)) {
            const QStringList files = parser.value(driftOption).split(QLatin1Char(','));
            if (files.size() != 2 || files.at(0).isEmpty() || files.at(1).isEmpty()) {
                qCritical("tandem: --drift takes two files: REFERENCE,CURRENT");
                return 2;
            }
            Ui::DriftView *drift = window.driftView();
            window.showSection(Ui::MainWindow::Section::Drift);
            if (files.at(0).startsWith(QLatin1String("run:"))) {
                bool ok = false;
                const qint64 runId = files.at(0).mid(4).toLongLong(&ok);
                if (!ok || !drift->setReferenceRun(runId)) {
                    qCritical("tandem: --drift: the workspace has no run '%s'", qPrintable(files.at(0).mid(4)));
                    return 2;
                }
            } else {
                drift->setReference(QDir::current().absoluteFilePath(files.at(0)));
            }
            drift->setCurrent(QDir::current().absoluteFilePath(files.at(1)));
            if (parser.isSet(driftTimeOption))
                drift->setup()->setTime(parser.value(driftTimeOption));
            if (parser.isSet(driftTargetOption)) // else a run's reference brings its target
                drift->setup()->setTarget(parser.value(driftTargetOption));
            if (parser.value(driftPredictionOption) == QLatin1String("model"))
                drift->setup()->setRunModel();
            else if (parser.isSet(driftPredictionOption))
                drift->setup()->setPredictionColumn(parser.value(driftPredictionOption));
            if (parser.isSet(driftPageOption)) {
                const QString page = parser.value(driftPageOption);
                QObject::connect(drift, &Ui::DriftView::analysed, drift, [drift, page] { drift->showPage(page); });
            }
            drift->analyse();
        }
        window.show();

        if (parser.isSet(screenshotOption)) {
            // The picture shows the window settled: the jobs started at launch (the sample
            // workspace's first runs) have ended, the compared runs are read, and the views
            // have had a moment to show them.
            const QString file = parser.value(screenshotOption);
            auto *settle = new QTimer(&window);
            settle->setInterval(800);
            QObject::connect(
                settle, &QTimer::timeout, &window, [&window, &jobs, settle, file, idleTicks = 0]() mutable {
                    const bool busy
                        = jobs.activeCount() > 0 || window.compareView()->isLoading() || window.driftView()->isBusy();
                    idleTicks = busy ? 0 : idleTicks + 1;
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
