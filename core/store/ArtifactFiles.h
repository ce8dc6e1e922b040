// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QByteArray>
#include <QString>

namespace Tandem::Store {

/// A run's files live in `<workspace>/artifacts/<run-id>/`. These functions reach
/// that folder without opening the store, for a process that must not open it: a
/// cluster task writing beside a workspace on shared storage (docs/CLUSTER.md).
/// ExperimentStore::writeArtifact goes through them too.

/// `<workspacePath>/artifacts/<runId>` (it may not exist yet).
QString artifactDirectory(const QString &workspacePath, qint64 runId);

/// True for a relative path inside the run's folder: no `..`, `.`, empty part,
/// backslash, colon or absolute path (names that would leave the folder or mean
/// different files on different systems).
bool isSafeArtifactName(const QString &name);

/// Writes `artifacts/<runId>/<name>` under `workspacePath` atomically (QSaveFile: the
/// old file or the new one, never half of it), creating its folders, and returns its
/// path. Errors start with `what` and name the file.
Base::Result<QString> writeArtifactFile(
    const QString &workspacePath, qint64 runId, const QString &name, const QByteArray &bytes, const QString &what);

} // namespace Tandem::Store
