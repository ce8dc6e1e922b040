// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QString>
#include <QStringList>

namespace Tandem::Runs {

/// The words Tandem hands to cluster commands. Commands run through QProcess with
/// an argument list, so no shell sees them, except in two places: the batch script
/// Slurm runs on a node, and the one command line `ssh HOST` sends to a login
/// node's shell. There every value that comes from settings or from a path is first
/// checked against a strict set of characters (checkSafeWord) and then single-quoted
/// (shellQuoted): a value that could mean anything else to a shell is refused, not
/// escaped.

/// Letters, digits and `_ . / - + , @ : = %`: what a Slurm option, a host name and
/// a path on a cluster need, and nothing a shell treats specially.
bool isSafeWord(const QString &value);

/// An error naming `what` and the first character refused when `value` is empty,
/// starts with '-' (it would read as an option) or is not isSafeWord.
Base::Status checkSafeWord(const QString &what, const QString &value);

/// The same for an option: `value` must start with '-' ("--account=ml").
Base::Status checkSafeOption(const QString &what, const QString &value);

/// `value` as one POSIX shell word: in single quotes, a quote inside written as '\''.
QString shellQuoted(const QString &value);

/// `program` and `arguments` as one POSIX shell command line, each word quoted.
QString shellCommandLine(const QString &program, const QStringList &arguments);

} // namespace Tandem::Runs
