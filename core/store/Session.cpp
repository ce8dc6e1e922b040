// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/Session.h"

#include <QDir>
#include <QLockFile>
#include <QUuid>

namespace Tandem::Store {
namespace {

QString lockPath(const QString &workspacePath, const QString &id)
{
    return QDir(workspacePath)
        .filePath(QLatin1String(Session::folderName) + QLatin1Char('/') + id + QStringLiteral(".lock"));
}

} // namespace

Session::Session(QString id, std::unique_ptr<QLockFile> lock) : m_id(std::move(id)), m_lock(std::move(lock)) { }

Session::~Session() = default; // QLockFile's destructor unlocks and removes the file

Base::Result<std::shared_ptr<Session>> Session::start(const QString &workspacePath)
{
    const QString folder = QDir(workspacePath).filePath(QLatin1String(folderName));
    if (!QDir().mkpath(folder))
        return Base::Error {QStringLiteral("cannot create the sessions folder"), folder};
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto lock = std::make_unique<QLockFile>(lockPath(workspacePath, id));
    // A live session's lock must never be taken for stale because of its age.
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0))
        return Base::Error {QStringLiteral("cannot lock this process's session file"), lockPath(workspacePath, id)};
    return std::shared_ptr<Session>(new Session(id, std::move(lock)));
}

bool Session::isDead(const QString &workspacePath, const QString &id)
{
    if (id.isEmpty() || id.contains(QLatin1Char('/')) || id.contains(QLatin1Char('\\')))
        return true;
    QLockFile lock(lockPath(workspacePath, id));
    lock.setStaleLockTime(0);
    if (lock.tryLock(0)) {
        lock.unlock();
        return true;
    }
    // Held by a live process, or not readable: either way, not known to be dead.
    return false;
}

QStringList Session::knownSessions(const QString &workspacePath)
{
    const QDir folder(QDir(workspacePath).filePath(QLatin1String(folderName)));
    QStringList ids;
    for (const QString &file : folder.entryList({QStringLiteral("*.lock")}, QDir::Files))
        ids << file.chopped(5);
    return ids;
}

} // namespace Tandem::Store
