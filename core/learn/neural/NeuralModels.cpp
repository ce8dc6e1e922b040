// SPDX-License-Identifier: GPL-3.0-or-later
// The neural families' registry entries (BuiltinModels.cpp lists them).
#include "core/learn/Registry.h"

namespace Tandem::Learn {

QList<ModelInfo> neuralModels()
{
    return {};
}

} // namespace Tandem::Learn
