// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QString>

namespace Tandem::Store {

/// Where the sample workspace lives by default: a folder in the user's
/// application data ("…/Tandem/Sample workspace" under the user data folder,
/// shared by the GUI and the CLI).
QString defaultSampleWorkspaceDir();

/// Creates (or refreshes) a workspace in `dir` holding the bundled sample
/// datasets under `datasets/`, with their licence notices, and returns its path.
/// Files the user changed are left alone; missing ones are restored.
Base::Result<QString> createSampleWorkspace(const QString &dir);

} // namespace Tandem::Store
