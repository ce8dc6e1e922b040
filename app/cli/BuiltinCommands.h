// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Tandem::Cli {

class CommandRegistry;

/// Registers every command `tandem-cli` has, in the order help lists them.
void registerBuiltinCommands(CommandRegistry &registry);

} // namespace Tandem::Cli
