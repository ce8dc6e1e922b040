// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Tandem::Ui {

/// Where a workspace keeps exported model bundles: `<workspace>/models`.
QString modelsFolder(const QString &workspacePath);
/// Where scoring writes its results: `<workspace>/scored`.
QString scoredFolder(const QString &workspacePath);

/// `text` made into a file name that every platform accepts: letters, digits,
/// '_' and '.' kept, runs of anything else as one '-', at most 80 characters;
/// `fallback` when nothing is left.
QString safeFileName(const QString &text, const QString &fallback);

/// `folder/base.suffix`, or `folder/base-2.suffix`, `-3`, ... when that file
/// exists: a default name that never overwrites a file by accident.
QString unusedFilePath(const QString &folder, const QString &base, const QString &suffix);

} // namespace Tandem::Ui
