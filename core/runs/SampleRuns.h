// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/runs/RunSpec.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Runs {

/// The example run specs of the sample workspace at `workspacePath` (the files of
/// its `examples/` folder, Store::createSampleWorkspace), by file name: a single
/// run, a grid sweep and a random sweep with successive halving over the bundled
/// datasets. Empty when the folder is missing.
QStringList sampleRunSpecFiles(const QString &workspacePath);

/// The specs of sampleRunSpecFiles, read (RunSpec::load: dataset paths resolve
/// against the workspace's `datasets/`). Errors name the file that does not read.
Base::Result<QList<RunSpec>> sampleRunSpecs(const QString &workspacePath);

/// Whether the examples should be run into `workspace` as it is opened: it is
/// writable, has example specs and holds no run yet. So the sample workspace shows
/// real runs and experiments on first use, and once it holds any run (the
/// examples' or the user's own) nothing is run again behind the user's back.
Base::Result<bool> sampleRunsWanted(const Store::Workspace &workspace);

} // namespace Tandem::Runs
