// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CommandParser.h"

#include "app/cli/Command.h"

#include <algorithm>

namespace Tandem::Cli {

CommandParser::CommandParser(const Command &command)
    : m_help(QStringList {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."))
{
    m_parser.addOption(m_help);
    command.configure(m_parser);
}

bool CommandParser::parse(const QStringList &arguments)
{
    m_arguments = arguments;
    // QCommandLineParser skips the first entry, the program's name.
    return m_parser.parse(QStringList {QStringLiteral("tandem-cli")} + arguments);
}

QString CommandParser::errorText() const
{
    const QStringList unknown = m_parser.unknownOptionNames();
    if (!unknown.isEmpty()) {
        // Quote the options as they were typed ("-bogus", "--seed"), not as Qt split them.
        QStringList typed;
        for (const QString &argument : m_arguments) {
            if (argument == QLatin1String("--"))
                break;
            if (!argument.startsWith(QLatin1Char('-')) || argument == QLatin1String("-"))
                continue;
            const QString option = argument.section(QLatin1Char('='), 0, 0);
            const bool isLong = option.startsWith(QLatin1String("--"));
            const QString bare = option.mid(isLong ? 2 : 1);
            const bool isUnknown = unknown.contains(bare)
                || (!isLong && std::any_of(bare.cbegin(), bare.cend(), [&](QChar c) { return unknown.contains(c); }));
            if (isUnknown && !typed.contains(option))
                typed << option;
        }
        if (typed.isEmpty()) {
            for (const QString &name : unknown)
                typed << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
        }
        for (QString &option : typed)
            option = QLatin1Char('\'') + option + QLatin1Char('\'');
        return (typed.size() == 1 ? QStringLiteral("unknown option ") : QStringLiteral("unknown options "))
            + typed.join(QStringLiteral(", "));
    }
    // Qt's own wording ("Missing value after '--seed'."), as one lower-case clause.
    QString text = m_parser.errorText().trimmed();
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    if (!text.isEmpty())
        text[0] = text.at(0).toLower();
    return text;
}

QString CommandParser::optionsHelp() const
{
    // helpText() starts with a "Usage:" line naming argv[0]; the CLI writes its own.
    const QString text = m_parser.helpText();
    const qsizetype sections = text.indexOf(QLatin1String("\n\n"));
    return sections < 0 ? QString() : text.mid(sections + 2);
}

} // namespace Tandem::Cli
