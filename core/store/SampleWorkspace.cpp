// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SampleWorkspace.h"

#include "core/store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace Tandem::Store {

QString defaultSampleWorkspaceDir()
{
    // A fixed "Tandem" folder, not the application's own one: the GUI (Tandem) and the
    // CLI (tandem-cli) must find the same sample workspace.
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base.isEmpty() ? QDir::homePath() : base).filePath(QStringLiteral("Tandem/Sample workspace"));
}

Base::Result<QString> createSampleWorkspace(const QString &dir)
{
    auto workspace = Workspace::create(dir);
    if (!workspace.ok())
        return workspace.error();
    const QDir datasets(QDir(workspace.value()->path()).filePath(QStringLiteral("datasets")));
    if (!QDir().mkpath(datasets.path()))
        return Base::Error {QStringLiteral("cannot create the folder"), datasets.path()};

    // Sorted, so the workspace lists the samples in the same order everywhere.
    const QDir samples(QStringLiteral(":/samples"));
    for (const QString &name : samples.entryList(QDir::Files, QDir::Name)) {
        const QString resource = samples.filePath(name);
        const QString target = datasets.filePath(name);
        if (!QFileInfo::exists(target)) {
            if (!QFile::copy(resource, target))
                return Base::Error {QStringLiteral("cannot write the sample file"), target};
            // Resource files are read-only; the user's copy should not be.
            QFile::setPermissions(target, QFile::permissions(target) | QFileDevice::WriteOwner);
        }
        if (!name.endsWith(QLatin1String(".txt"))) {
            if (const Base::Status added = workspace.value()->addDataset(target); !added.ok())
                return added.error();
        }
    }
    return workspace.value()->path();
}

} // namespace Tandem::Store
