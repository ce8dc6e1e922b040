// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/SampleRuns.h"

#include "core/store/ExperimentStore.h"
#include "core/store/SampleWorkspace.h"
#include "core/store/Workspace.h"

#include <QDir>

namespace Tandem::Runs {

QStringList sampleRunSpecFiles(const QString &workspacePath)
{
    const QDir examples(Store::sampleExamplesDir(workspacePath));
    QStringList files;
    for (const QString &name : examples.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files << examples.absoluteFilePath(name);
    return files;
}

Base::Result<QList<RunSpec>> sampleRunSpecs(const QString &workspacePath)
{
    QList<RunSpec> specs;
    for (const QString &file : sampleRunSpecFiles(workspacePath)) {
        auto spec = RunSpec::load(file);
        if (!spec.ok())
            return spec.error();
        specs << spec.value();
    }
    return specs;
}

Base::Result<bool> sampleRunsWanted(const Store::Workspace &workspace)
{
    if (workspace.isReadOnly() || sampleRunSpecFiles(workspace.path()).isEmpty())
        return false;
    const auto runs = workspace.store().runs();
    if (!runs.ok())
        return runs.error();
    return runs->isEmpty();
}

} // namespace Tandem::Runs
