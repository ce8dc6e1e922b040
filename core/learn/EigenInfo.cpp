// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/EigenInfo.h"

#include <Eigen/Core>

namespace Tandem::Learn {

QString eigenVersion()
{
    return QStringLiteral("%1.%2.%3").arg(EIGEN_WORLD_VERSION).arg(EIGEN_MAJOR_VERSION).arg(EIGEN_MINOR_VERSION);
}

} // namespace Tandem::Learn
