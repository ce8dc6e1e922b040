// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/AppSettings.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace Tandem::Ui {
namespace {
const QString keyGeometry = QStringLiteral("window/geometry");
const QString keyState = QStringLiteral("window/state");
const QString keyLayoutVersion = QStringLiteral("window/layoutVersion");
const QString keyRecent = QStringLiteral("files/recent");
const QString keyWorkspace = QStringLiteral("workspace/last");
const QString keyTheme = QStringLiteral("appearance/theme");
/// A JSON array of ClusterProfile::toJson objects: one value, so the order stays.
const QString keyClusterProfiles = QStringLiteral("cluster/profiles");
} // namespace

AppSettings::AppSettings() : m_settings(std::make_unique<QSettings>()) { }

AppSettings::AppSettings(std::unique_ptr<QSettings> settings) : m_settings(std::move(settings)) { }

QByteArray AppSettings::windowGeometry() const
{
    return m_settings->value(keyGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(keyGeometry, geometry);
}

QByteArray AppSettings::windowState() const
{
    if (m_settings->value(keyLayoutVersion).toInt() != layoutVersion)
        return {};
    return m_settings->value(keyState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(keyState, state);
    m_settings->setValue(keyLayoutVersion, layoutVersion);
}

QStringList AppSettings::recentFiles() const
{
    return m_settings->value(keyRecent).toStringList().mid(0, maxRecentFiles);
}

void AppSettings::addRecentFile(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    QStringList files = recentFiles();
    files.removeAll(clean);
    files.prepend(clean);
    m_settings->setValue(keyRecent, files.mid(0, maxRecentFiles));
}

void AppSettings::clearRecentFiles()
{
    m_settings->remove(keyRecent);
}

QString AppSettings::lastWorkspace() const
{
    return m_settings->value(keyWorkspace).toString();
}

void AppSettings::setLastWorkspace(const QString &path)
{
    m_settings->setValue(keyWorkspace, path);
}

ThemeMode AppSettings::themeMode() const
{
    const QString value = m_settings->value(keyTheme).toString();
    if (value == QLatin1String("light"))
        return ThemeMode::Light;
    if (value == QLatin1String("dark"))
        return ThemeMode::Dark;
    return ThemeMode::System;
}

void AppSettings::setThemeMode(ThemeMode mode)
{
    switch (mode) {
    case ThemeMode::System: m_settings->setValue(keyTheme, QStringLiteral("system")); break;
    case ThemeMode::Light: m_settings->setValue(keyTheme, QStringLiteral("light")); break;
    case ThemeMode::Dark: m_settings->setValue(keyTheme, QStringLiteral("dark")); break;
    }
}

QList<Runs::ClusterProfile> AppSettings::clusterProfiles() const
{
    QList<Runs::ClusterProfile> profiles;
    const QJsonArray stored
        = QJsonDocument::fromJson(m_settings->value(keyClusterProfiles).toString().toUtf8()).array();
    for (const QJsonValue &value : stored) {
        Base::Result<Runs::ClusterProfile> profile = Runs::ClusterProfile::fromJson(value.toObject());
        if (profile.ok() && !profile.value().name.isEmpty())
            profiles.append(std::move(profile).value());
    }
    return profiles;
}

void AppSettings::setClusterProfiles(const QList<Runs::ClusterProfile> &profiles)
{
    QJsonArray stored;
    for (const Runs::ClusterProfile &profile : profiles)
        stored.append(profile.toJson());
    m_settings->setValue(keyClusterProfiles, QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)));
}

std::optional<Runs::ClusterProfile> AppSettings::clusterProfile(const QString &name) const
{
    for (const Runs::ClusterProfile &profile : clusterProfiles()) {
        if (profile.name == name)
            return profile;
    }
    return std::nullopt;
}

void AppSettings::sync()
{
    m_settings->sync();
}

} // namespace Tandem::Ui
