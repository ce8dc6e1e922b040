// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/shell/AppSettings.h"

#include <QSettings>
#include <QString>

#include <memory>

namespace Tandem::Testing {

/// Settings kept in the INI file at `path`, so that a GUI test never reads or
/// writes the user's own.
inline std::unique_ptr<Ui::AppSettings> iniSettings(const QString &path)
{
    return std::make_unique<Ui::AppSettings>(std::make_unique<QSettings>(path, QSettings::IniFormat));
}

} // namespace Tandem::Testing
