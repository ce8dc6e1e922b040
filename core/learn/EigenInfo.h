// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Tandem::Learn {

/// The Eigen version the learning core was compiled with ("3.4.0").
QString eigenVersion();

} // namespace Tandem::Learn
