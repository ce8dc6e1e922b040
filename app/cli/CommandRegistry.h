// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

#include <QString>

#include <memory>
#include <vector>

namespace Tandem::Cli {

/// The commands `tandem-cli` knows, in the order help lists them. Commands may
/// keep a reference to the registry (help does), so it neither copies nor moves.
class CommandRegistry
{
public:
    CommandRegistry() = default;
    CommandRegistry(const CommandRegistry &) = delete;
    CommandRegistry &operator=(const CommandRegistry &) = delete;

    /// Adds a command; a second command with the same name is a programming error.
    void add(std::unique_ptr<Command> command);
    /// The command called `name`, or nullptr.
    Command *find(const QString &name) const;

    /// All commands, in registration order.
    std::vector<const Command *> commands() const;

private:
    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace Tandem::Cli
