// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// The cells of the CSV that runs are written as (out-of-fold predictions, `runs
/// export`): RFC 4180, numbers that read back exactly.
namespace Tandem::Runs::CsvText {

/// `text` as one cell: quoted (with doubled quotes) only when it holds a comma, a
/// quote or a line break, so plain labels stay readable.
QString field(const QString &text);

/// The shortest form that reads back to the same double; NaN and infinities are an
/// empty cell (missing, as pandas reads it).
QString number(double value);

} // namespace Tandem::Runs::CsvText
