// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SampleWorkspace.h"

#include "core/store/Workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>

namespace Tandem::Store {

QString defaultSampleWorkspaceDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return QDir(base.isEmpty() ? QDir::homePath() : base).filePath(QStringLiteral("Sample workspace"));
}

Base::Result<QString> createSampleWorkspace(const QString &dir)
{
    auto workspace = Workspace::create(dir);
    if (!workspace.ok())
        return workspace.error();
    const QDir datasets(QDir(workspace.value()->path()).filePath(QStringLiteral("datasets")));
    if (!QDir().mkpath(datasets.path()))
        return Base::Error{QStringLiteral("cannot create the folder"), datasets.path()};

    QDirIterator it(QStringLiteral(":/samples"), QDir::Files);
    while (it.hasNext()) {
        const QString resource = it.next();
        const QString target = datasets.filePath(it.fileName());
        if (!QFileInfo::exists(target)) {
            if (!QFile::copy(resource, target))
                return Base::Error{QStringLiteral("cannot write the sample file"), target};
            // Resource files are read-only; the user's copy should not be.
            QFile::setPermissions(target, QFile::permissions(target) | QFileDevice::WriteOwner);
        }
        if (!it.fileName().endsWith(QLatin1String(".txt"))) {
            if (const Base::Status added = workspace.value()->addDataset(target); !added.ok())
                return added.error();
        }
    }
    return workspace.value()->path();
}

} // namespace Tandem::Store
