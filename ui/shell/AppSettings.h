// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/ClusterProfile.h"

#include <QByteArray>
#include <QList>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Tandem::Ui {

/// How the palette is chosen: follow the system's light/dark setting, or force one.
enum class ThemeMode { System, Light, Dark };

/// Typed access to the desktop app's settings, so that keys and defaults live in
/// one place. Backed by QSettings (registry, plist or ini depending on the OS).
/// The layout keys carry a version: a state saved by an incompatible layout is
/// ignored instead of restored wrongly.
class AppSettings
{
public:
    static constexpr int maxRecentFiles = 10;
    /// Bump when docks or toolbars change so that old saved states are dropped.
    static constexpr int layoutVersion = 1;

    /// Uses the application's default QSettings.
    AppSettings();
    /// Uses the given settings store (tests pass an ini file).
    explicit AppSettings(std::unique_ptr<QSettings> settings);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    /// Dock and toolbar state, empty if it was saved by another layout version.
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    /// Most recent first, without duplicates, at most maxRecentFiles.
    QStringList recentFiles() const;
    void addRecentFile(const QString &path);
    void clearRecentFiles();

    QString lastWorkspace() const;
    void setLastWorkspace(const QString &path);

    ThemeMode themeMode() const;
    void setThemeMode(ThemeMode mode);

    /// The Slurm cluster profiles the user set up (Settings > Cluster), in their
    /// order; entries that no longer read as a profile are skipped.
    QList<Runs::ClusterProfile> clusterProfiles() const;
    void setClusterProfiles(const QList<Runs::ClusterProfile> &profiles);
    /// The profile named `name`, if there is one.
    std::optional<Runs::ClusterProfile> clusterProfile(const QString &name) const;

    /// Writes pending changes to permanent storage.
    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace Tandem::Ui
