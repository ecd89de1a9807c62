#include "store/Database.h"

#include "common/Log.h"
#include "store/Migrations.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QJsonDocument>
#include <QMetaObject>
#include <QRandomGenerator>
#include <QSqlError>
#include <QThread>

#include <atomic>
#include <mutex>
#include <unordered_map>

namespace mlwb {
namespace {

constexpr int kBusyTimeoutMs = 10000;
// How long transaction() keeps retrying a locked database before it gives up.
constexpr int kTransactionRetryMs = 60000;

std::atomic<quint64> g_nextSerial{1};

// Transaction nesting depth of this thread, per Database (by serial).
thread_local std::unordered_map<quint64, int> t_transactionDepth;

bool isBusy(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff; // primary result code
    constexpr int SqliteBusy = 5, SqliteLocked = 6;
    return (ok && (code == SqliteBusy || code == SqliteLocked))
           || error.driverText().contains(QLatin1String("database is locked"));
}

QString shortSql(const QString &sql)
{
    QString s = sql.simplified();
    if (s.size() > 160)
        s = s.left(157) + QStringLiteral("...");
    return s;
}

} // namespace

// The Qt connection names this Database opened, each with the hook that closes it when
// its thread finishes. Shared with those hooks, which may outlive the Database.
struct Database::Connections {
    struct Entry {
        QThread *thread = nullptr;
        QMetaObject::Connection onThreadFinished;
    };
    std::mutex mutex;
    QHash<QString, Entry> entries;

    void remove(const QString &name)
    {
        std::lock_guard lock(mutex);
        const auto it = entries.constFind(name);
        if (it == entries.constEnd())
            return;
        QObject::disconnect(it->onThreadFinished);
        entries.erase(it);
        QSqlDatabase::removeDatabase(name);
    }
    void removeAll()
    {
        std::lock_guard lock(mutex);
        for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
            QObject::disconnect(it->onThreadFinished);
            QSqlDatabase::removeDatabase(it.key());
        }
        entries.clear();
    }
};

QString toSqlTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromSqlTime(const QVariant &value)
{
    if (value.isNull())
        return {};
    QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : t;
}

QString sqlNow()
{
    return toSqlTime(QDateTime::currentDateTimeUtc());
}

QString sqlJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Database::Database(const QString &filePath)
    : m_filePath(filePath), m_serial(g_nextSerial.fetch_add(1)), m_connections(std::make_shared<Connections>())
{
    try {
        migrate();
    } catch (...) {
        m_connections->removeAll();
        throw;
    }
}

Database::~Database()
{
    m_connections->removeAll();
    t_transactionDepth.erase(m_serial);
}

int Database::latestSchemaVersion()
{
    return int(migrationScripts().size());
}

int Database::schemaVersion() const
{
    return scalar(QStringLiteral("PRAGMA user_version")).toInt();
}

QSqlDatabase Database::connection() const
{
    QThread *const thread = QThread::currentThread();
    const QString name = QStringLiteral("mlwb:%1:%2:%3")
                             .arg(m_filePath)
                             .arg(m_serial)
                             .arg(quintptr(QThread::currentThreadId()));
    {
        std::lock_guard lock(m_connections->mutex);
        const auto it = m_connections->entries.constFind(name);
        if (it != m_connections->entries.constEnd() && it->thread == thread)
            return QSqlDatabase::database(name, false);
    }
    // A thread that ended without a finished() signal (a foreign thread) may have left a
    // connection under a reused thread id: it is dead, drop it.
    m_connections->remove(name);
    return openConnection(name);
}

QSqlDatabase Database::openConnection(const QString &name) const
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_filePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
        if (!db.open()) {
            const QSqlError error = db.lastError();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            throw Error(QStringLiteral("%1: cannot open the workspace database: %2").arg(m_filePath, error.text()));
        }
    }
    QThread *const thread = QThread::currentThread();
    {
        std::lock_guard lock(m_connections->mutex);
        Connections::Entry entry;
        entry.thread = thread;
        // Runs in the finishing thread itself (direct connection), which owns the connection.
        entry.onThreadFinished = QObject::connect(thread, &QThread::finished,
                                                  [weak = std::weak_ptr<Connections>(m_connections), name] {
                                                      if (auto connections = weak.lock())
                                                          connections->remove(name);
                                                  });
        m_connections->entries.insert(name, entry);
    }
    QSqlDatabase db = QSqlDatabase::database(name, false);
    try {
        exec(QStringLiteral("PRAGMA busy_timeout=%1").arg(kBusyTimeoutMs));
        exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    } catch (...) {
        db = QSqlDatabase();
        m_connections->remove(name);
        throw;
    }
    return db;
}

void Database::fail(const QString &sql, const QSqlError &error) const
{
    const QString message = QStringLiteral("%1: %2 (while running: %3)")
                                .arg(m_filePath, error.databaseText().isEmpty() ? error.text() : error.databaseText(),
                                     shortSql(sql));
    if (isBusy(error))
        throw DatabaseBusy(message);
    throw Error(message);
}

QSqlQuery Database::prepare(const QString &sql) const
{
    QSqlQuery query(connection());
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        fail(sql, query.lastError());
    return query;
}

void Database::run(QSqlQuery &prepared, const QVariantList &values) const
{
    for (int i = 0; i < values.size(); ++i)
        prepared.bindValue(i, values.at(i));
    if (!prepared.exec())
        fail(prepared.lastQuery(), prepared.lastError());
}

QSqlQuery Database::exec(const QString &sql, const QVariantList &values) const
{
    QSqlQuery query = prepare(sql);
    run(query, values);
    return query;
}

QVariant Database::scalar(const QString &sql, const QVariantList &values) const
{
    QSqlQuery query = exec(sql, values);
    if (!query.next()) {
        if (query.lastError().isValid())
            fail(sql, query.lastError());
        return {};
    }
    return query.value(0);
}

qint64 Database::insert(const QString &sql, const QVariantList &values) const
{
    const QSqlQuery query = exec(sql, values);
    return query.lastInsertId().toLongLong();
}

bool Database::inTransaction() const
{
    const auto it = t_transactionDepth.find(m_serial);
    return it != t_transactionDepth.end() && it->second > 0;
}

void Database::runTransaction(const std::function<void()> &work) const
{
    int &depth = t_transactionDepth[m_serial];
    if (depth > 0) {
        ++depth;
        struct Leave {
            int &depth;
            ~Leave() { --depth; }
        } leave{depth};
        work();
        return;
    }

    QDeadlineTimer deadline(kTransactionRetryMs);
    int pauseMs = 10;
    for (;;) {
        try {
            exec(QStringLiteral("BEGIN IMMEDIATE"));
            depth = 1;
            try {
                work();
                exec(QStringLiteral("COMMIT"));
                depth = 0;
                return;
            } catch (...) {
                depth = 0;
                QSqlQuery rollback(connection());
                if (!rollback.exec(QStringLiteral("ROLLBACK")))
                    spdlog::debug("{}: rollback: {}", m_filePath, rollback.lastError().text());
                throw;
            }
        } catch (const DatabaseBusy &busy) {
            if (deadline.hasExpired())
                throw Error(QStringLiteral("%1: the workspace database stayed locked by another mlwb process for "
                                           "more than %2 s: %3")
                                .arg(m_filePath)
                                .arg(kTransactionRetryMs / 1000)
                                .arg(busy.message()));
            spdlog::debug("{}: database busy, retrying in {} ms", m_filePath, pauseMs);
            QThread::msleep(ulong(pauseMs + int(QRandomGenerator::global()->bounded(pauseMs))));
            pauseMs = std::min(pauseMs * 2, 1000);
        }
    }
}

void Database::migrate()
{
    const int latest = latestSchemaVersion();
    auto refuseNewer = [&](int version) {
        if (version > latest)
            throw Error(QStringLiteral("%1: workspace database has schema version %2 but this mlwb understands up "
                                       "to %3; use a newer mlwb")
                            .arg(m_filePath)
                            .arg(version)
                            .arg(latest));
    };
    int version = schemaVersion();
    refuseNewer(version);
    // WAL is a property of the file (set once, seen by every connection); only after the
    // version check, so that a refused database is left exactly as it was.
    const QString journal = scalar(QStringLiteral("PRAGMA journal_mode=WAL")).toString();
    if (journal.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        spdlog::warn("{}: SQLite refused WAL mode (journal mode is {}); concurrent use will be slower",
                     m_filePath, journal);
    // One transaction per migration; the version is read again under the write lock in case
    // another process migrated in between.
    while (version < latest) {
        version = transaction([&] {
            const int current = schemaVersion();
            refuseNewer(current);
            if (current == latest)
                return current;
            for (const QString &statement : splitSqlStatements(migrationScripts().at(current)))
                exec(statement);
            exec(QStringLiteral("PRAGMA user_version = %1").arg(current + 1));
            spdlog::info("{}: migrated the workspace database to schema version {}", m_filePath, current + 1);
            return current + 1;
        });
    }
}

} // namespace mlwb
