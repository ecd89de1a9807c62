#include "common/Log.h"
#include "store/Database.h"
#include "store/SettingsTable.h"
#include "store/Workspace.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace mlwb;

namespace {

// Sets PRAGMA user_version of a fresh SQLite file through a raw connection.
void createDatabaseWithVersion(const QString &path, int version)
{
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(version)));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}

QStringList connectionsOf(const QString &path)
{
    return QSqlDatabase::connectionNames().filter(path);
}

} // namespace

class TestDatabase : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { initLogging(LogMode::Test); }

    void freshDatabaseIsAtLatestVersion()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const Database &db = ws->database();
        QVERIFY(Database::latestSchemaVersion() >= 1);
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        for (const char *table : {"settings", "datasets", "runs", "metrics", "models", "aliases", "alias_events"})
            QVERIFY2(db.scalar(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"),
                               {QString::fromLatin1(table)})
                         .isValid(),
                     table);
        QVERIFY(db.scalar(QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = 'metrics_by_run_name_step'")).isValid());
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA busy_timeout")).toInt(), 10000);
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA synchronous")).toInt(), 1); // NORMAL
    }

    void newerDatabaseIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mlwb.sqlite"));
        createDatabaseWithVersion(path, 999);
        try {
            Workspace::open(dir.path());
            QFAIL("a database from a newer mlwb was opened");
        } catch (const Error &e) {
            QCOMPARE(e.message(), QStringLiteral("%1: workspace database has schema version 999 but this mlwb "
                                                 "understands up to %2; use a newer mlwb")
                                      .arg(path)
                                      .arg(Database::latestSchemaVersion()));
        }
        QVERIFY(connectionsOf(path).isEmpty());
        // Untouched: still version 999, still no tables.
        Database *leaked = nullptr;
        QVERIFY_THROWS_EXCEPTION(Error, leaked = new Database(path));
        QVERIFY(!leaked);
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), 999);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }

    void reopeningIsANoOp()
    {
        QTemporaryDir dir;
        {
            const WorkspacePtr ws = Workspace::open(dir.path());
            SettingsTable(ws->database()).setValue(QStringLiteral("kept"), QStringLiteral("yes"));
        }
        const WorkspacePtr again = Workspace::open(dir.path());
        QCOMPARE(again->database().schemaVersion(), Database::latestSchemaVersion());
        QCOMPARE(SettingsTable(again->database()).value(QStringLiteral("kept")), QStringLiteral("yes"));
        const WorkspacePtr third = Workspace::open(dir.path()); // a second open at the same time
        QCOMPARE(SettingsTable(third->database()).value(QStringLiteral("kept")), QStringLiteral("yes"));
    }

    void aFileThatIsNotADatabaseIsRefused()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("mlwb.sqlite")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        try {
            Workspace::open(dir.path());
            QFAIL("garbage accepted as a database");
        } catch (const Error &e) {
            QVERIFY2(e.message().startsWith(file.fileName()), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("not a database")), qPrintable(e.message()));
        }
    }

    void queryErrorsThrowWithSqliteText()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        try {
            ws->database().exec(QStringLiteral("SELECT * FROM no_such_table"));
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("no such table: no_such_table")), qPrintable(e.message()));
            QVERIFY(e.message().startsWith(ws->databasePath()));
        }
        // Foreign keys are enforced.
        QVERIFY_THROWS_EXCEPTION(Error, ws->database().exec(
            QStringLiteral("INSERT INTO metrics(run_id, name, step, epoch, value) VALUES(12345, 'x', 0, 0, 1.0)")));
    }

    void transactionCommitsOrRollsBack()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const Database &db = ws->database();
        const SettingsTable settings(db);

        bool wasInTransaction = false;
        const int value = db.transaction([&] {
            settings.setValue(QStringLiteral("a"), QStringLiteral("1")); // nested: joins
            wasInTransaction = db.inTransaction();
            return 7;
        });
        QCOMPARE(value, 7);
        QVERIFY(wasInTransaction);
        QVERIFY(!db.inTransaction());
        QCOMPARE(settings.value(QStringLiteral("a")), QStringLiteral("1"));

        QVERIFY_THROWS_EXCEPTION(Error, db.transaction([&] {
            settings.setValue(QStringLiteral("b"), QStringLiteral("2"));
            db.transaction([&] { settings.setValue(QStringLiteral("c"), QStringLiteral("3")); });
            throw Error(QStringLiteral("changed my mind"));
        }));
        QVERIFY(!db.inTransaction());
        QVERIFY(settings.value(QStringLiteral("b")).isNull());
        QVERIFY(settings.value(QStringLiteral("c")).isNull());
        // The connection is usable afterwards.
        settings.setValue(QStringLiteral("d"), QStringLiteral("4"));
        QCOMPARE(settings.value(QStringLiteral("d")), QStringLiteral("4"));
    }

    void typedSettings()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const SettingsTable settings(ws->database());
        QCOMPARE(settings.doubleValue(QStringLiteral("x"), 0.5), 0.5);
        settings.setValue(QStringLiteral("x"), QStringLiteral("0.25"));
        QCOMPARE(settings.doubleValue(QStringLiteral("x"), 0.5), 0.25);
        settings.setValue(QStringLiteral("n"), QStringLiteral("abc"));
        QVERIFY_THROWS_EXCEPTION(Error, settings.integerValue(QStringLiteral("n"), 1));
        settings.remove(QStringLiteral("n"));
        QCOMPARE(settings.integerValue(QStringLiteral("n"), 3), qint64(3));
    }

    void eachThreadHasItsOwnConnectionClosedWithTheThread()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const Database &db = ws->database();
        const QString path = ws->databasePath();
        const qsizetype before = connectionsOf(path).size();
        QCOMPARE(before, 1); // this thread's

        QString workerConnection;
        QThread *worker = QThread::create([&] {
            SettingsTable(db).setValue(QStringLiteral("from"), QStringLiteral("worker"));
            workerConnection = db.connection().connectionName();
        });
        worker->start();
        QVERIFY(worker->wait(30000));
        delete worker;
        QVERIFY(!workerConnection.isEmpty());
        QVERIFY(workerConnection != db.connection().connectionName());
        QCOMPARE(connectionsOf(path).size(), before); // closed when the worker finished
        QCOMPARE(SettingsTable(db).value(QStringLiteral("from")), QStringLiteral("worker"));
    }

    void connectionsAreRemovedWithTheDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mlwb.sqlite"));
        {
            Database db(path);
            QCOMPARE(connectionsOf(path).size(), 1);
        }
        QVERIFY(connectionsOf(path).isEmpty());
    }

    void waitsForAnotherWriter()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const Database &db = ws->database();
        // Another connection (as another process would) holds the write lock for a while.
        QSemaphore locked;
        QThread *holder = QThread::create([&] {
            {
                QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
                raw.setDatabaseName(ws->databasePath());
                raw.open();
                QSqlQuery q(raw);
                q.exec(QStringLiteral("BEGIN IMMEDIATE"));
                q.exec(QStringLiteral("INSERT INTO settings(key, value) VALUES('holder', 'x')"));
                locked.release();
                QThread::msleep(700);
                q.exec(QStringLiteral("COMMIT"));
            }
            QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        });
        holder->start();
        locked.acquire();
        QElapsedTimer timer;
        timer.start();
        SettingsTable(db).setValue(QStringLiteral("writer"), QStringLiteral("y"));
        QVERIFY(timer.elapsed() >= 300);
        QVERIFY(holder->wait(30000));
        delete holder;
        QCOMPARE(SettingsTable(db).value(QStringLiteral("holder")), QStringLiteral("x"));
        QCOMPARE(SettingsTable(db).value(QStringLiteral("writer")), QStringLiteral("y"));
    }

    void timestampsRoundTrip()
    {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(1714564800123, Qt::UTC);
        QCOMPARE(toSqlTime(t), QStringLiteral("2024-05-01T12:00:00.123Z"));
        QCOMPARE(fromSqlTime(toSqlTime(t)), t);
        QVERIFY(!fromSqlTime(QVariant()).isValid());
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "test_database.moc"
