// SPDX-License-Identifier: GPL-3.0-or-later
// The tree families' registry entries (BuiltinModels.cpp lists them).
#include "core/learn/Registry.h"

namespace Tandem::Learn {

QList<ModelInfo> treeModels()
{
    return {};
}

} // namespace Tandem::Learn
