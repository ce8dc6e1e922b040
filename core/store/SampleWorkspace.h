// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QString>

namespace Tandem::Store {

/// Where the sample workspace lives by default: a folder in the user's
/// application data ("…/Tandem/Sample workspace" under the user data folder,
/// shared by the GUI and the CLI).
QString defaultSampleWorkspaceDir();

/// The folder of the sample workspace at `workspacePath` that holds the example
/// run specs (`examples/`).
QString sampleExamplesDir(const QString &workspacePath);

/// Creates (or refreshes) a workspace in `dir` holding the bundled sample
/// datasets under `datasets/`, with their licence notices, and the bundled example
/// run specs under `examples/`, and returns its path. The specs are those of
/// resources/examples/ with `dataset.path` pointing at the workspace's copy
/// ("../datasets/iris.csv"); nothing else in them changes, so a pinned fingerprint
/// still holds (the datasets are byte-identical copies). Files the user changed are
/// left alone; missing ones are restored. Running the examples is core/runs' part
/// (Runs::sampleRunSpecs).
Base::Result<QString> createSampleWorkspace(const QString &dir);

} // namespace Tandem::Store
