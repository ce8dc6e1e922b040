// SPDX-License-Identifier: GPL-3.0-or-later
// A second process for tst_store: it writes to a workspace, or holds a run
// running until it is killed.
//   store_test_helper hold DIR           adds a run, marks it running, prints its id, waits
//   store_test_helper write DIR RUN N    appends N metric values to RUN, one transaction each
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QThread>

using namespace Tandem::Store;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream err(stderr);
    if (args.size() < 3) {
        err << "usage: store_test_helper hold|write DIR ...\n";
        return 2;
    }
    auto workspace = Workspace::open(args.at(2));
    if (!workspace.ok()) {
        err << workspace.error().toString() << '\n';
        return 1;
    }
    ExperimentStore &store = workspace.value()->store();
    if (args.at(1) == QLatin1String("hold")) {
        const auto run
            = store.addRun(NewRun {std::nullopt, QStringLiteral("held"), {}, 7, QStringLiteral("local"), {}});
        if (!run.ok() || !store.markRunning(run.value()).ok()
            || !store.appendMetrics(run.value(), {{QStringLiteral("loss"), 1.0, std::nullopt, 0}}).ok()) {
            err << "cannot start the run\n";
            return 1;
        }
        QTextStream(stdout) << run.value() << Qt::endl;
        for (;;)
            QThread::sleep(1);
    }
    if (args.at(1) == QLatin1String("write") && args.size() == 5) {
        const qint64 run = args.at(3).toLongLong();
        const int count = args.at(4).toInt();
        const QString name = QStringLiteral("pid%1").arg(QCoreApplication::applicationPid());
        for (int i = 0; i < count; ++i) {
            const auto status = store.appendMetrics(run, {{name, double(i), std::nullopt, i}});
            if (!status.ok()) {
                err << status.error().toString() << '\n';
                return 1;
            }
        }
        return 0;
    }
    err << "unknown command\n";
    return 2;
}
