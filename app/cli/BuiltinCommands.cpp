// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BuiltinCommands.h"

#include "app/cli/CommandRegistry.h"
#include "app/cli/CompareCommand.h"
#include "app/cli/DriftCommand.h"
#include "app/cli/ExportCommand.h"
#include "app/cli/HelpCommand.h"
#include "app/cli/PredictCommand.h"
#include "app/cli/ProfileCommand.h"
#include "app/cli/RunCommand.h"
#include "app/cli/RunsCommand.h"
#include "app/cli/SampleWorkspaceCommand.h"
#include "app/cli/ServeCommand.h"
#include "app/cli/SweepCommand.h"
#include "app/cli/TrainCommand.h"
#include "app/cli/VersionCommand.h"
#include "app/cli/WorkspaceCommand.h"

#include <memory>

namespace Tandem::Cli {

void registerBuiltinCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<WorkspaceCommand>());
    registry.add(std::make_unique<SampleWorkspaceCommand>());
    registry.add(std::make_unique<ProfileCommand>());
    registry.add(std::make_unique<TrainCommand>());
    registry.add(std::make_unique<RunCommand>());
    registry.add(std::make_unique<SweepCommand>());
    registry.add(std::make_unique<RunsCommand>());
    registry.add(std::make_unique<DriftCommand>());
    registry.add(std::make_unique<CompareCommand>());
    registry.add(std::make_unique<ExportCommand>());
    registry.add(std::make_unique<PredictCommand>());
    registry.add(std::make_unique<ServeCommand>());
    registry.add(std::make_unique<HelpCommand>(registry));
    registry.add(std::make_unique<VersionCommand>());
}

} // namespace Tandem::Cli
