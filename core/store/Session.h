// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QString>

#include <memory>

class QLockFile;

namespace Tandem::Store {

/// A process's claim on a workspace it writes to: a lock file
/// `sessions/<id>.lock` held for as long as the session lives. Runs record the
/// session that runs them; a session whose lock file nobody holds any more
/// belongs to a process that ended, so its unfinished runs were interrupted.
///
/// QLockFile is used because it works the same on Linux, macOS and Windows, and
/// it recognises a lock left by a dead process (the PID is checked on the same
/// host). A lock held from another host is never taken for stale.
class Session
{
public:
    static constexpr const char *folderName = "sessions";

    /// Starts a new session in the workspace at `workspacePath`.
    static Base::Result<std::shared_ptr<Session>> start(const QString &workspacePath);

    /// True when no live process holds the lock of session `id` (the file may be
    /// missing). Takes and releases the lock of a dead session, which removes its file.
    static bool isDead(const QString &workspacePath, const QString &id);
    /// The ids of every session with a lock file in the workspace.
    static QStringList knownSessions(const QString &workspacePath);

    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    QString id() const { return m_id; }

private:
    Session(QString id, std::unique_ptr<QLockFile> lock);

    QString m_id;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace Tandem::Store
