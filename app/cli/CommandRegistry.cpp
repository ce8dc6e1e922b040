// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CommandRegistry.h"

#include <QtGlobal>

namespace Tandem::Cli {

void CommandRegistry::add(std::unique_ptr<Command> command)
{
    Q_ASSERT(command);
    Q_ASSERT_X(!find(command->name()), "CommandRegistry::add", "two commands share a name");
    m_commands.push_back(std::move(command));
}

Command *CommandRegistry::find(const QString &name) const
{
    for (const auto &command : m_commands) {
        if (command->name() == name)
            return command.get();
    }
    return nullptr;
}

std::vector<const Command *> CommandRegistry::commands() const
{
    std::vector<const Command *> all;
    all.reserve(m_commands.size());
    for (const auto &command : m_commands)
        all.push_back(command.get());
    return all;
}

} // namespace Tandem::Cli
