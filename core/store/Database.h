#pragma once
#include "common/Error.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <QDateTime>
#include <QJsonObject>

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace mlwb {

// Thrown for SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock longer than
// busy_timeout. Database::transaction() catches it and runs its function again.
class DatabaseBusy : public Error {
public:
    using Error::Error;
};

// The workspace's SQLite database. One Database per open workspace, shared by all threads:
// each thread gets its own Qt connection, opened on first use and closed when that thread
// finishes (or when the Database is destroyed, which must happen after the threads that
// used it stopped using it). Every connection runs in WAL mode with busy_timeout, foreign
// keys and synchronous=NORMAL, so a GUI and CLI processes can share one workspace.
class Database {
public:
    // Opens (creating if needed) the file and applies pending migrations. Throws Error when
    // the file is not a usable database or its schema is newer than this binary knows.
    explicit Database(const QString &filePath);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const QString &filePath() const { return m_filePath; }

    // PRAGMA user_version of the file, and the newest version this binary can write.
    int schemaVersion() const;
    static int latestSchemaVersion();

    // This thread's connection (opened lazily).
    QSqlDatabase connection() const;

    // Prepares and runs one statement with positional (?) values. Throws DatabaseBusy when
    // locked, Error with SQLite's text for anything else.
    QSqlQuery exec(const QString &sql, const QVariantList &values = {}) const;
    // The first column of the first row, or an invalid QVariant when there is no row.
    QVariant scalar(const QString &sql, const QVariantList &values = {}) const;
    // For one statement run many times (e.g. a batch of inserts): prepare once, then run()
    // with each row's values.
    QSqlQuery prepare(const QString &sql) const;
    void run(QSqlQuery &prepared, const QVariantList &values) const;
    // Runs an INSERT and returns the new rowid.
    qint64 insert(const QString &sql, const QVariantList &values = {}) const;

    // Runs `work` inside BEGIN IMMEDIATE ... COMMIT and returns its result. Any exception
    // rolls back and propagates. When the database stays locked by another process, the
    // whole function runs again (with growing pauses, for up to about a minute), so `work`
    // must not have effects outside the database that cannot be repeated. Nested calls on
    // the same thread join the outer transaction.
    template <typename Work>
    auto transaction(Work &&work) const -> std::invoke_result_t<Work &>
    {
        using Result = std::invoke_result_t<Work &>;
        if constexpr (std::is_void_v<Result>) {
            runTransaction([&] { work(); });
        } else {
            std::optional<Result> result;
            runTransaction([&] { result.emplace(work()); });
            return std::move(*result);
        }
    }

    // True while this thread is inside transaction() on this database.
    bool inTransaction() const;

private:
    struct Connections;

    void runTransaction(const std::function<void()> &work) const;
    QSqlDatabase openConnection(const QString &name) const;
    void migrate();
    [[noreturn]] void fail(const QString &what, const QSqlError &error) const;

    QString m_filePath;
    quint64 m_serial;
    std::shared_ptr<Connections> m_connections;
};

// Timestamps are stored as UTC ISO-8601 text with milliseconds ("2024-05-01T12:00:00.123Z"):
// readable in the sqlite3 shell and ordered as text.
QString toSqlTime(const QDateTime &time);
QDateTime fromSqlTime(const QVariant &value); // invalid QDateTime for NULL
QString sqlNow();                              // toSqlTime of the current time

// JSON columns (settings, evaluations) hold compact JSON text.
QString sqlJson(const QJsonObject &object);

// A bound value that is never NULL (for NOT NULL text columns).
inline QVariant sqlText(const QString &text) { return text.isNull() ? QStringLiteral("") : text; }

} // namespace mlwb
