// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/ModelExport.h"

#include "core/bundle/Export.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace Tandem::Ui {

Runs::JobId startModelExport(
    Runs::JobQueue &jobs, const ModelExportRequest &request, Runs::JobQueue::Completion finished)
{
    const QString title = request.runName.isEmpty()
        ? QCoreApplication::translate("Tandem::Ui::ModelExport", "Exporting the model of run #%1").arg(request.runId)
        : QCoreApplication::translate("Tandem::Ui::ModelExport", "Exporting the model of “%1” (run #%2)")
              .arg(request.runName)
              .arg(request.runId);
    return jobs.submit(
        title,
        [request](const Runs::JobContext &context) -> Base::Status {
            const Base::Progress &progress = context.progress();
            auto store = request.workspace->openStore();
            if (!store.ok())
                return store.error();
            Bundle::ExportOptions options;
            options.scope = request.scope;
            options.threads = context.threads();
            auto bundle = Bundle::exportRun(*store.value(), request.runId, options, progress.subrange(0.0, 0.95));
            store.value().reset();
            if (!bundle.ok())
                return bundle.error();
            progress.report(0.95, QCoreApplication::translate("Tandem::Ui::ModelExport", "Saving the bundle"));
            const QString folder = QFileInfo(request.path).absolutePath();
            if (!QDir().mkpath(folder))
                return Base::Error(
                    QCoreApplication::translate("Tandem::Ui::ModelExport", "cannot create the folder"), folder);
            return bundle.value().save(request.path);
        },
        std::move(finished));
}

} // namespace Tandem::Ui
