// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SampleWorkspace.h"
#include "core/store/Workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem::Store;

namespace {
QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}
} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createThenReopenKeepsDatasets()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("ws"));
        const QString data = tmp.filePath(QStringLiteral("outside.csv"));
        QFile(data).open(QIODevice::WriteOnly);
        {
            auto ws = Workspace::create(dir);
            QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
            QVERIFY(ws.value()->addDataset(data).ok());
            QVERIFY(ws.value()->addDataset(data).ok()); // twice is fine
            QCOMPARE(ws.value()->name(), QStringLiteral("ws"));
        }
        QVERIFY(Workspace::looksLikeWorkspace(dir));
        auto ws = Workspace::open(dir);
        QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
        QCOMPARE(ws.value()->datasetPaths(), QStringList {QFileInfo(data).absoluteFilePath()});
    }

    void openRefusesFolderWithoutStore()
    {
        QTemporaryDir tmp;
        auto ws = Workspace::open(tmp.path());
        QVERIFY(!ws.ok());
        QVERIFY(ws.error().message.contains(QStringLiteral("not a Tandem workspace")));
    }

    void foreignDatabaseIsRefusedAndLeftUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("text") << QByteArray("hello, this is not a database\n");
        QTest::newRow("garbage") << QByteArray(4096, '\x7f');
    }
    void foreignDatabaseIsRefusedAndLeftUntouched()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir tmp;
        const QString db = tmp.filePath(QStringLiteral("tandem.db"));
        {
            QFile f(db);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        const QByteArray before = fileHash(db);
        auto ws = Workspace::create(tmp.path());
        QVERIFY(!ws.ok());
        QCOMPARE(fileHash(db), before);
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files), QStringList {QStringLiteral("tandem.db")});
    }

    void otherSqliteDatabaseIsRefused()
    {
        QTemporaryDir tmp;
        const QString db = tmp.filePath(QStringLiteral("tandem.db"));
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            other.setDatabaseName(db);
            QVERIFY(other.open());
            QSqlQuery(other).exec(QStringLiteral("CREATE TABLE notes (x TEXT)"));
            other.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        const QByteArray before = fileHash(db);
        auto ws = Workspace::open(tmp.path());
        QVERIFY(!ws.ok());
        QVERIFY(ws.error().message.contains(QStringLiteral("not a Tandem workspace")));
        QCOMPARE(fileHash(db), before);
    }

    void aFileIsNotAWorkspace()
    {
        QTemporaryDir tmp;
        const QString file = tmp.filePath(QStringLiteral("plain"));
        QFile(file).open(QIODevice::WriteOnly);
        QVERIFY(!Workspace::create(file).ok());
    }

    void sampleWorkspaceLocationIsSharedByGuiAndCli()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tandem-cli"));
        const QString fromCli = defaultSampleWorkspaceDir();
        QCoreApplication::setApplicationName(QStringLiteral("Tandem"));
        QCOMPARE(defaultSampleWorkspaceDir(), fromCli);
        QVERIFY(fromCli.endsWith(QStringLiteral("Tandem/Sample workspace")));
    }

    void sampleWorkspaceHoldsTheBundledDatasets()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("sample"));
        auto path = createSampleWorkspace(dir);
        QVERIFY2(path.ok(), qPrintable(path.error().toString()));
        auto ws = Workspace::open(path.value());
        QVERIFY(ws.ok());
        QStringList names;
        for (const QString &p : ws.value()->datasetPaths())
            names << QFileInfo(p).fileName();
        names.sort();
        QCOMPARE(names,
            (QStringList {
                QStringLiteral("breast_cancer.csv"), QStringLiteral("iris.csv"), QStringLiteral("wine.csv")}));
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("datasets/LICENSES.txt"))));
        // Running it again is harmless and keeps the user's edits.
        const QString iris = QDir(dir).filePath(QStringLiteral("datasets/iris.csv"));
        {
            QFile f(iris);
            QVERIFY(f.open(QIODevice::Append));
            f.write("5.0,3.0,1.0,0.1,setosa\n");
        }
        const QByteArray edited = fileHash(iris);
        ws.value().reset();
        QVERIFY(createSampleWorkspace(dir).ok());
        QCOMPARE(fileHash(iris), edited);
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
