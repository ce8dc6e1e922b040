// SPDX-License-Identifier: GPL-3.0-or-later
// The boosting families' registry entries (BuiltinModels.cpp lists them).
#include "core/learn/Registry.h"

namespace Tandem::Learn {

QList<ModelInfo> boostingModels()
{
    return {};
}

} // namespace Tandem::Learn
