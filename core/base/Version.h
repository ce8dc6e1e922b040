// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Tandem::Base {

/// Tandem's own version ("0.1.0"), from the project() call in CMakeLists.txt.
QString appVersion();
/// The Qt version Tandem was built against, and the one it runs with now.
QString builtQtVersion();
QString runtimeQtVersion();
/// The licence every Tandem binary is distributed under.
QString licenceSpdx();

} // namespace Tandem::Base
