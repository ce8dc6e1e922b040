// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>

namespace Tandem::Base {

/// What went wrong, and where, in words a person can act on.
/// `file`, `line` and `column` are set when the error points into an input file
/// (lines and columns count from 1; -1 means "not known").
struct Error {
    Error() = default;
    Error(QString message, QString file = {}, qint64 line = -1, qint64 column = -1)
        : message(std::move(message)), file(std::move(file)), line(line), column(column)
    { }

    QString message;
    QString file;
    qint64 line = -1;
    qint64 column = -1;

    /// "file:line:column: message", leaving out the parts that are unknown.
    QString toString() const;
};

} // namespace Tandem::Base
