// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/ArtifactFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringList>

namespace Tandem::Store {

QString artifactDirectory(const QString &workspacePath, qint64 runId)
{
    return QDir(workspacePath).filePath(QStringLiteral("artifacts/") + QString::number(runId));
}

bool isSafeArtifactName(const QString &name)
{
    if (name.isEmpty() || name.contains(QLatin1Char('\\')) || name.contains(QLatin1Char(':'))
        || QDir::isAbsolutePath(name))
        return false;
    const QStringList parts = name.split(QLatin1Char('/'));
    for (const QString &part : parts) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            return false;
    }
    return true;
}

Base::Result<QString> writeArtifactFile(
    const QString &workspacePath, qint64 runId, const QString &name, const QByteArray &bytes, const QString &what)
{
    const QString folder = artifactDirectory(workspacePath, runId);
    if (!isSafeArtifactName(name))
        return Base::Error {
            QStringLiteral("%1: the name must be a relative path inside the run's folder, without '..'").arg(what),
            folder};
    const QString path = QDir(folder).filePath(name);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Base::Error {QStringLiteral("%1: cannot create its folder").arg(what), QFileInfo(path).absolutePath()};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Base::Error {QStringLiteral("%1: %2").arg(what, file.errorString()), path};
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Base::Error {QStringLiteral("%1: %2").arg(what, file.errorString()), path};
    return path;
}

} // namespace Tandem::Store
