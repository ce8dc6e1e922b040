// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/LoadReport.h"

#include <QString>

namespace Tandem::Ui {

/// One line on how a file was read: "150 rows × 5 columns · 3.9 KiB · UTF-8 ·
/// comma-separated (detected) · header row · no warnings".
QString loadSummary(const Data::LoadReport &report);

} // namespace Tandem::Ui
