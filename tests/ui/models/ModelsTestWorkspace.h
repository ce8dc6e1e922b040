// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A workspace for the Models tests: the bundle tests' table (numbers, integers,
// booleans, categories; class a/b/c) as a registered dataset, runs of it that
// finished or failed, and bundles exported from them.

#include "core/bundle/Export.h"
#include "core/runs/RunExecution.h"
#include "core/runs/RunPlan.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "tests/bundle/BundleTestData.h"

#include <QDir>
#include <QFile>

#include <QApplication>
#include <QTemporaryDir>
#include <QTimer>
#include <QWidget>
#include <functional>

namespace Tandem::ModelsTest {

class TestWorkspace
{
public:
    TestWorkspace()
    {
        csvPath = dir.filePath(QStringLiteral("table.csv"));
        QFile file(csvPath);
        if (file.open(QIODevice::WriteOnly))
            file.write(BundleTest::tableCsv());
        file.close();
        if (auto created = Store::Workspace::create(dir.filePath(QStringLiteral("ws"))); created.ok()) {
            workspace = created.value();
            if (!workspace->addDataset(csvPath).ok())
                workspace.reset();
        }
    }

    QString path() const { return workspace->path(); }
    QString modelsFolder() const { return QDir(path()).filePath(QStringLiteral("models")); }
    QString scoredFolder() const { return QDir(path()).filePath(QStringLiteral("scored")); }

    /// Runs `modelId` on the table to the end, as a job would; its id, or 0.
    qint64 run(const QString &modelId, Eval::EvaluationSpec::Method method, const QString &name)
    {
        Runs::RunSpec spec = BundleTest::specFor(modelId, method);
        spec.name = name;
        spec.datasetPath = csvPath;
        Base::NullProgressSink sink;
        const Base::Progress progress(sink);
        auto data = spec.loadDataset(progress);
        if (!data.ok())
            return 0;
        auto planned = Runs::planRuns(spec, *data->dataset);
        if (!planned.ok() || planned->size() != 1)
            return 0;
        auto id = Runs::queueRun(workspace->store(), planned->first());
        if (!id.ok())
            return 0;
        if (!Runs::executeRun(workspace->store(), id.value(), planned->first().spec, *data->dataset, 1, progress).ok())
            return 0;
        return id.value();
    }

    /// A run that failed with `error`; its id, or 0.
    qint64 failedRun(const QString &name, const QString &error)
    {
        Store::ExperimentStore &store = workspace->store();
        Store::NewRun run;
        run.name = name;
        run.spec = QJsonObject {{QStringLiteral("name"), name},
            {QStringLiteral("model"), QJsonObject {{QStringLiteral("id"), QStringLiteral("logreg")}}}};
        const auto id = store.addRun(run);
        if (!id.ok() || !store.markRunning(id.value()).ok()
            || !store.finishRun(id.value(), Store::RunStatus::Failed, error).ok())
            return 0;
        return id.value();
    }

    /// Exports run `runId` (refitted on all rows) to `file` in the models folder; the path, or empty.
    QString exportRun(qint64 runId, const QString &file)
    {
        Bundle::ExportOptions options;
        Base::NullProgressSink sink;
        auto bundle = Bundle::exportRun(workspace->store(), runId, options, Base::Progress(sink));
        const QString path = QDir(modelsFolder()).filePath(file);
        if (!bundle.ok() || !QDir().mkpath(modelsFolder()) || !bundle.value().save(path).ok())
            return {};
        return path;
    }

    QTemporaryDir dir;
    QString csvPath;
    std::shared_ptr<Store::Workspace> workspace;
};

/// Saves a picture of `widget` as `<$TANDEM_MODELS_SCREENSHOTS>/<name>.png` when
/// that variable names a folder (to look at the dialogs and views; run under Xvfb).
inline void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("TANDEM_MODELS_SCREENSHOTS");
    if (!folder.isEmpty() && widget)
        widget->grab().save(QDir(folder).filePath(name + QStringLiteral(".png")));
}

/// Calls `handle` with the modal dialog of type `Dialog` once it is open (or
/// nullptr, closing whatever else is modal), from inside its exec(). A dialog the
/// handler left open (a failed check returns early) is rejected, so exec() ends.
template<typename Dialog> void whenDialogOpens(std::function<void(Dialog *)> handle)
{
    QTimer::singleShot(0, qApp, [handle] {
        auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget());
        handle(dialog);
        if (dialog && dialog->isVisible())
            dialog->reject();
        if (!dialog && QApplication::activeModalWidget())
            QApplication::activeModalWidget()->close();
    });
}

/// Writes `bytes` to `path`; true when all were written.
inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace Tandem::ModelsTest
