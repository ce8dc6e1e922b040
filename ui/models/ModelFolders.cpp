// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/ModelFolders.h"

#include <QDir>
#include <QFileInfo>

namespace Tandem::Ui {

QString modelsFolder(const QString &workspacePath)
{
    return QDir(workspacePath).filePath(QStringLiteral("models"));
}

QString scoredFolder(const QString &workspacePath)
{
    return QDir(workspacePath).filePath(QStringLiteral("scored"));
}

QString safeFileName(const QString &text, const QString &fallback)
{
    constexpr int maxLength = 80;
    QString name;
    bool separated = false;
    for (const QChar c : text.trimmed()) {
        if (c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.')) {
            name += c;
            separated = false;
        } else if (!separated && !name.isEmpty()) {
            name += QLatin1Char('-');
            separated = true;
        }
    }
    name.truncate(maxLength);
    while (name.endsWith(QLatin1Char('-')) || name.endsWith(QLatin1Char('.')))
        name.chop(1);
    return name.isEmpty() ? fallback : name;
}

QString unusedFilePath(const QString &folder, const QString &base, const QString &suffix)
{
    const QDir dir(folder);
    QString path = dir.filePath(base + suffix);
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = dir.filePath(QStringLiteral("%1-%2%3").arg(base).arg(n).arg(suffix));
    return path;
}

} // namespace Tandem::Ui
