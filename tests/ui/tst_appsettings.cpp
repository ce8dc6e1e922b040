// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/AppSettings.h"
#include "ui/shell/Theme.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem::Ui;

class TestAppSettings : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString iniPath() const { return m_dir.filePath(QStringLiteral("tandem.ini")); }
    AppSettings open() const { return AppSettings(std::make_unique<QSettings>(iniPath(), QSettings::IniFormat)); }

private Q_SLOTS:
    void init() { QFile::remove(iniPath()); }

    void defaultsOnAFreshStore()
    {
        const AppSettings settings = open();
        QVERIFY(settings.windowGeometry().isEmpty());
        QVERIFY(settings.windowState().isEmpty());
        QVERIFY(settings.recentFiles().isEmpty());
        QVERIFY(settings.lastWorkspace().isEmpty());
        QCOMPARE(settings.themeMode(), ThemeMode::System);
    }

    void valuesSurviveANewInstance()
    {
        {
            AppSettings settings = open();
            settings.setWindowGeometry(QByteArray("geometry-bytes"));
            settings.setWindowState(QByteArray("state-bytes"));
            settings.setLastWorkspace(QStringLiteral("/data/ws"));
            settings.setThemeMode(ThemeMode::Dark);
            settings.addRecentFile(QStringLiteral("/data/a.csv"));
            settings.addRecentFile(QStringLiteral("/data/b.csv"));
            settings.sync();
        }
        const AppSettings settings = open();
        QCOMPARE(settings.windowGeometry(), QByteArray("geometry-bytes"));
        QCOMPARE(settings.windowState(), QByteArray("state-bytes"));
        QCOMPARE(settings.lastWorkspace(), QStringLiteral("/data/ws"));
        QCOMPARE(settings.themeMode(), ThemeMode::Dark);
        QCOMPARE(settings.recentFiles(), (QStringList {QStringLiteral("/data/b.csv"), QStringLiteral("/data/a.csv")}));
    }

    void recentFilesAreUniqueNewestFirstAndCapped()
    {
        AppSettings settings = open();
        for (int i = 0; i < AppSettings::maxRecentFiles + 5; ++i)
            settings.addRecentFile(QStringLiteral("/d/%1.csv").arg(i));
        settings.addRecentFile(QStringLiteral("/d/7.csv"));
        settings.addRecentFile(QStringLiteral("/d/./7.csv")); // same file, other spelling
        const QStringList recent = settings.recentFiles();
        QCOMPARE(recent.size(), AppSettings::maxRecentFiles);
        QCOMPARE(recent.first(), QStringLiteral("/d/7.csv"));
        QCOMPARE(recent.count(QStringLiteral("/d/7.csv")), 1);
        settings.clearRecentFiles();
        QVERIFY(settings.recentFiles().isEmpty());
    }

    void stateFromAnotherLayoutVersionIsIgnored()
    {
        {
            QSettings raw(iniPath(), QSettings::IniFormat);
            raw.setValue(QStringLiteral("window/state"), QByteArray("old-layout"));
            raw.setValue(QStringLiteral("window/layoutVersion"), AppSettings::layoutVersion - 1);
        }
        QVERIFY(open().windowState().isEmpty());
    }

    void themesSwitchThePalette()
    {
        applyTheme(ThemeMode::Dark);
        QVERIFY(isDarkPalette());
        applyTheme(ThemeMode::Light);
        QVERIFY(!isDarkPalette());
        applyTheme(ThemeMode::System);
    }
};

QTEST_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
