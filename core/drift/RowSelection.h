// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Column.h"

#include <span>

namespace Tandem::Drift {

/// The cells `rows` of `column`, in that order, as a column of the same name and
/// type (a categorical column keeps its whole dictionary, so labels compare as
/// before). Drift over time compares each window of current rows this way.
Data::Column selectRows(const Data::Column &column, std::span<const qint64> rows);

} // namespace Tandem::Drift
