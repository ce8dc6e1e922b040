// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/ExperimentStore.h"
#include "core/store/SampleWorkspace.h"
#include "core/store/Schema.h"
#include "core/store/SqlConnection.h"
#include "core/store/Workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Tandem::Store;

namespace {
QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

/// Runs statements on `dbPath` over a plain connection; returns the first value
/// the last one yields.
QVariant rawSql(const QString &dbPath, const QStringList &statements)
{
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(dbPath);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(dbPath));
        QSqlQuery query(db);
        for (const QString &statement : statements) {
            if (!query.exec(statement))
                qFatal("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        }
        if (query.next())
            result = query.value(0);
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return result;
}

/// A store exactly as Tandem 0.x (schema 1) wrote it, with one dataset.
void writeVersion1Store(const QString &dir)
{
    QDir().mkpath(dir);
    rawSql(QDir(dir).filePath(QStringLiteral("tandem.db")),
        {QStringLiteral("PRAGMA journal_mode = WAL"),
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("INSERT INTO meta VALUES ('application', 'tandem')"),
            QStringLiteral("INSERT INTO meta VALUES ('schema_version', '1')"),
            QStringLiteral("INSERT INTO meta VALUES ('created_by', 'Tandem 0.1.0')"),
            QStringLiteral(
                "CREATE TABLE datasets (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, added_at TEXT NOT NULL)"),
            QStringLiteral("INSERT INTO datasets (path, added_at) VALUES ('data/iris.csv', '2024-01-01T00:00:00Z')")});
}

bool canWriteDespitePermissions()
{
#ifdef Q_OS_UNIX
    return ::geteuid() == 0;
#else
    return false;
#endif
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

    void schemaVersionIsTheLastMigration() { QCOMPARE(Workspace::schemaVersion, currentSchemaVersion()); }

    void version1StoreIsMigratedKeepingItsDatasets()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("old"));
        writeVersion1Store(dir);
        auto ws = Workspace::open(dir);
        QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
        QCOMPARE(ws.value()->storeSchemaVersion(), Workspace::schemaVersion);
        QCOMPARE(ws.value()->datasetPaths(), QStringList {QDir(dir).filePath(QStringLiteral("data/iris.csv"))});
        const auto run = ws.value()->store().addRun({});
        QVERIFY2(run.ok(), qPrintable(run.error().toString()));
        ws.value().reset();
        const QString db = QDir(dir).filePath(QStringLiteral("tandem.db"));
        QCOMPARE(rawSql(db, {QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")}).toInt(),
            Workspace::schemaVersion);
        QCOMPARE(rawSql(db, {QStringLiteral("SELECT count(*) FROM runs")}).toInt(), 1);
        QCOMPARE(rawSql(db,
                     {QStringLiteral("SELECT created_by FROM (SELECT value AS created_by FROM meta WHERE key = "
                                     "'created_by')")})
                     .toString(),
            QStringLiteral("Tandem 0.1.0"));
        // Opening again does not migrate twice.
        QVERIFY(Workspace::open(dir).ok());
    }

    void aFailedMigrationStepLeavesTheStoreAtTheLastGoodVersion()
    {
        QTemporaryDir tmp;
        const QString db = tmp.filePath(QStringLiteral("tandem.db"));
        {
            auto connection = SqlConnection::open(db, false);
            QVERIFY(connection.ok());
            QList<Migration> steps {schemaMigrations().at(0),
                {2, QStringLiteral("broken"),
                    {QStringLiteral("CREATE TABLE half_done (x TEXT)"), QStringLiteral("THIS IS NOT SQL")}}};
            const Tandem::Base::Status status = migrate(*connection.value(), steps);
            QVERIFY(!status.ok());
            QVERIFY2(status.error().message.contains(QStringLiteral("cannot upgrade the store to schema 2 (broken)")),
                qPrintable(status.error().message));
            QCOMPARE(status.error().file, db);
            QCOMPARE(readSchemaVersion(*connection.value()).value(), 1);
        }
        QCOMPARE(
            rawSql(db, {QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")}).toInt(), 0);
        // The real steps then take it the rest of the way.
        auto ws = Workspace::open(tmp.path());
        QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
        QCOMPARE(ws.value()->storeSchemaVersion(), Workspace::schemaVersion);
    }

    void newerStoreIsRefusedAndLeftUntouched()
    {
        QTemporaryDir tmp;
        QVERIFY(Workspace::create(tmp.path()).ok());
        const QString db = tmp.filePath(QStringLiteral("tandem.db"));
        rawSql(db, {QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'schema_version'")});
        const QStringList filesBefore = QDir(tmp.path()).entryList(QDir::Files);
        const QByteArray before = fileHash(db);
        auto ws = Workspace::open(tmp.path());
        QVERIFY(!ws.ok());
        QVERIFY2(
            ws.error().message.contains(QStringLiteral("newer Tandem (store schema 99, this version reads up to %1)")
                                            .arg(Workspace::schemaVersion)),
            qPrintable(ws.error().message));
        QCOMPARE(ws.error().file, db);
        QCOMPARE(fileHash(db), before);
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files), filesBefore);
        QVERIFY(!Workspace::open(tmp.path(), Workspace::Access::ReadOnly).ok());
    }

    void readOnlyOnRequestNeverWrites()
    {
        QTemporaryDir tmp;
        {
            auto ws = Workspace::create(tmp.path());
            QVERIFY(ws.ok());
            QVERIFY(ws.value()->store().addRun({}).ok());
        }
        const QString db = tmp.filePath(QStringLiteral("tandem.db"));
        const QByteArray before = fileHash(db);
        auto ws = Workspace::open(tmp.path(), Workspace::Access::ReadOnly);
        QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
        QVERIFY(ws.value()->isReadOnly());
        QVERIFY(ws.value()->readOnlyNotice().contains(QStringLiteral("read-only")));
        QVERIFY(ws.value()->sessionId().isEmpty());
        QCOMPARE(ws.value()->store().runs().value().size(), 1);
        const auto added = ws.value()->store().addRun({});
        QVERIFY(!added.ok());
        QVERIFY(added.error().message.contains(QStringLiteral("read-only")));
        QVERIFY(!ws.value()->store().writeArtifact(1, QStringLiteral("a"), "x").ok());
        QVERIFY(!ws.value()->addDataset(db).ok());
        ws.value().reset();
        QCOMPARE(fileHash(db), before);
        QVERIFY(QDir(tmp.filePath(QStringLiteral("sessions"))).isEmpty());
    }

    void version1StoreOpenedReadOnlyIsReadNotUpgraded()
    {
        QTemporaryDir tmp;
        writeVersion1Store(tmp.path());
        auto ws = Workspace::open(tmp.path(), Workspace::Access::ReadOnly);
        QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
        QCOMPARE(ws.value()->storeSchemaVersion(), 1);
        QCOMPARE(ws.value()->datasetPaths().size(), 1);
        QVERIFY(ws.value()->store().runs().value().isEmpty());
        const auto added = ws.value()->store().addRun({});
        QVERIFY(!added.ok());
        QVERIFY(added.error().message.contains(QStringLiteral("predates runs")));
    }

    void unwritableWorkspaceOpensReadOnly_data()
    {
        QTest::addColumn<bool>("lockFolder");
        QTest::newRow("store file") << false;
        QTest::newRow("folder") << true;
    }
    void unwritableWorkspaceOpensReadOnly()
    {
#ifndef Q_OS_UNIX
        QSKIP("file permissions are set with chmod on POSIX systems only");
#else
        if (canWriteDespitePermissions())
            QSKIP("running as root: file permissions do not stop writes");
        QFETCH(bool, lockFolder);
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("ws"));
        {
            auto ws = Workspace::create(dir);
            QVERIFY(ws.ok());
            QVERIFY(ws.value()->store().addRun({}).ok());
        }
        const QString db = QDir(dir).filePath(QStringLiteral("tandem.db"));
        const QString locked = lockFolder ? dir : db;
        const QFile::Permissions original = QFile::permissions(locked);
        QVERIFY(QFile::setPermissions(locked, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup));
        const auto restore = qScopeGuard([&] { QFile::setPermissions(locked, original); });
        const QByteArray before = fileHash(db);
        auto ws = Workspace::open(dir);
        QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
        QVERIFY(ws.value()->isReadOnly());
        QVERIFY2(ws.value()->readOnlyNotice().contains(locked), qPrintable(ws.value()->readOnlyNotice()));
        QCOMPARE(ws.value()->store().runs().value().size(), 1);
        QVERIFY(!ws.value()->store().addRun({}).ok());
        ws.value().reset();
        QCOMPARE(fileHash(db), before);
#endif
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

    // examples/ holds the specs of resources/examples/ and their README, each spec
    // as written there but for dataset.path, which names the workspace's copy.
    // Like the datasets, a spec the user edited is kept and a deleted one restored.
    void sampleWorkspaceHoldsTheExampleSpecs()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("sample"));
        auto path = createSampleWorkspace(dir);
        QVERIFY2(path.ok(), qPrintable(path.error().toString()));
        const QDir source(QStringLiteral(TANDEM_SOURCE_DIR "/resources/examples"));
        const QDir examples(sampleExamplesDir(path.value()));
        QCOMPARE(examples.path(), QDir(dir).filePath(QStringLiteral("examples")));
        QCOMPARE(examples.entryList(QDir::Files, QDir::Name), source.entryList(QDir::Files, QDir::Name));
        QCOMPARE(fileHash(examples.filePath(QStringLiteral("README.md"))),
            fileHash(source.filePath(QStringLiteral("README.md"))));

        const QStringList specs = source.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QCOMPARE(specs.size(), 3);
        for (const QString &name : specs) {
            QFile original(source.filePath(name));
            QFile copy(examples.filePath(name));
            QVERIFY(original.open(QIODevice::ReadOnly) && copy.open(QIODevice::ReadOnly));
            const QByteArray originalText = original.readAll();
            const QByteArray copyText = copy.readAll();
            QJsonObject expected = QJsonDocument::fromJson(originalText).object();
            QJsonObject dataset = expected.value(QStringLiteral("dataset")).toObject();
            const QString sample = dataset.value(QStringLiteral("path")).toString();
            QVERIFY2(sample.startsWith(QLatin1String("../samples/")), qPrintable(sample));
            const QString inWorkspace = QStringLiteral("../datasets/") + QFileInfo(sample).fileName();
            dataset.insert(QStringLiteral("path"), inWorkspace);
            expected.insert(QStringLiteral("dataset"), dataset);
            QCOMPARE(QJsonDocument::fromJson(copyText).object(), expected);
            QVERIFY(QFileInfo::exists(examples.filePath(inWorkspace)));
            // Only the path's text changed: the layout is the one written in the example.
            QCOMPARE(copyText.size() - originalText.size(), inWorkspace.size() - sample.size());
            QVERIFY(copyText.startsWith(originalText.left(originalText.indexOf(sample.toUtf8()))));
            QVERIFY(copyText.endsWith(originalText.mid(originalText.indexOf(sample.toUtf8()) + sample.size())));
        }

        const QString edited = examples.filePath(QStringLiteral("iris_logreg.json"));
        {
            QFile file(edited);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write("{\"my\": \"own spec\"}\n");
        }
        const QByteArray editedHash = fileHash(edited);
        const QString deleted = examples.filePath(QStringLiteral("wine_logreg_grid.json"));
        const QByteArray deletedHash = fileHash(deleted);
        QVERIFY(QFile::remove(deleted));
        QVERIFY(createSampleWorkspace(dir).ok());
        QCOMPARE(fileHash(edited), editedHash);
        QCOMPARE(fileHash(deleted), deletedHash);
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
