// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/ShellWords.h"

namespace Tandem::Runs {
namespace {

bool isSafeCharacter(QChar c)
{
    if (c.unicode() >= 128)
        return false;
    if (c.isLetterOrNumber())
        return true;
    return QStringLiteral("_./-+,@:=%").contains(c);
}

} // namespace

bool isSafeWord(const QString &value)
{
    for (const QChar c : value) {
        if (!isSafeCharacter(c))
            return false;
    }
    return true;
}

namespace {

Base::Status checkCharacters(const QString &what, const QString &value)
{
    for (const QChar c : value) {
        if (!isSafeCharacter(c)) {
            const QString shown = c.isPrint() && !c.isSpace()
                ? QStringLiteral("'%1'").arg(c)
                : QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            return Base::Error(QStringLiteral("%1 '%2' holds %3: only letters, digits and _ . / - + , @ : = % are "
                                              "allowed in what is passed to the cluster (docs/CLUSTER.md)")
                                   .arg(what, value, shown));
        }
    }
    return {};
}

} // namespace

Base::Status checkSafeWord(const QString &what, const QString &value)
{
    if (value.isEmpty())
        return Base::Error(QStringLiteral("%1 is empty").arg(what));
    if (value.startsWith(QLatin1Char('-')))
        return Base::Error(QStringLiteral("%1 '%2' starts with '-'").arg(what, value));
    return checkCharacters(what, value);
}

Base::Status checkSafeOption(const QString &what, const QString &value)
{
    if (!value.startsWith(QLatin1Char('-')) || value == QLatin1String("-") || value == QLatin1String("--"))
        return Base::Error(
            QStringLiteral("%1 '%2' is not an option: give each as one word, --option=value").arg(what, value));
    return checkCharacters(what, value);
}

QString shellQuoted(const QString &value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString shellCommandLine(const QString &program, const QStringList &arguments)
{
    QStringList words {shellQuoted(program)};
    for (const QString &argument : arguments)
        words.append(shellQuoted(argument));
    return words.join(QLatin1Char(' '));
}

} // namespace Tandem::Runs
