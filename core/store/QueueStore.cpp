#include "store/QueueStore.h"

#include "common/Error.h"
#include "common/Log.h"
#include "store/Database.h"
#include "store/RunLock.h"
#include "store/RunStore.h"
#include "store/SettingsTable.h"
#include "store/StatusNames.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlQuery>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace mlwb {
namespace {

constexpr StatusNames kStateNames{std::array{
    std::pair{QueueState::Waiting, "waiting"},
    std::pair{QueueState::Held, "held"},
    std::pair{QueueState::Running, "running"},
    std::pair{QueueState::Done, "done"},
    std::pair{QueueState::Failed, "failed"},
    std::pair{QueueState::Cancelled, "cancelled"},
}};

const QString kColumns = QStringLiteral(
    "id, dataset_id, settings_json, priority, position, state, created_at, updated_at, run_id, error");
const QString kPendingOrder = QStringLiteral("priority DESC, position, id");
const QString kPausedKey = QStringLiteral("queue.paused");

QueueEntry entryFromRow(const QSqlQuery &q)
{
    QueueEntry e;
    e.id = q.value(0).toLongLong();
    e.datasetId = q.value(1).toString();
    e.settings = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
    e.priority = q.value(3).toInt();
    e.position = q.value(4).toLongLong();
    e.state = queueStateFromString(q.value(5).toString()).value_or(QueueState::Failed);
    e.created = fromSqlTime(q.value(6));
    e.updated = fromSqlTime(q.value(7));
    if (!q.value(8).isNull())
        e.runId = q.value(8).toLongLong();
    e.error = q.value(9).toString();
    return e;
}

QList<QueueEntry> entriesFrom(QSqlQuery query)
{
    QList<QueueEntry> entries;
    while (query.next())
        entries << entryFromRow(query);
    return entries;
}

// The entry locks this process holds (RunLock::forQueueEntry): from claim() until finish().
// Process-wide because a QueueStore is a short-lived view and the lock belongs to the process
// that runs the entry, whichever thread or store object claimed it.
class HeldEntryLocks {
public:
    ~HeldEntryLocks()
    {
        // At exit: a lock whose workspace was deleted meanwhile (a test's) has nothing to remove,
        // and QLockFile's destructor would warn that it cannot. Such locks are kept, never
        // destroyed, but reachable: not leaked (LeakSanitizer, scripts/sanitize.sh).
        static auto *const kept = new std::vector<std::unique_ptr<RunLock>>;
        for (auto &[path, lock] : m_locks)
            if (!QFileInfo::exists(path))
                kept->push_back(std::move(lock));
    }
    enum class Take { Refused, Taken, AlreadyHeld };
    Take take(const Workspace &workspace, qint64 entryId)
    {
        const QString path = RunLock::queueEntryLockPath(workspace, entryId);
        std::lock_guard guard(m_mutex);
        if (m_locks.count(path))
            return Take::AlreadyHeld;
        std::unique_ptr<RunLock> lock = RunLock::forQueueEntry(workspace, entryId);
        if (!lock->tryLock())
            return Take::Refused;
        m_locks.emplace(path, std::move(lock));
        return Take::Taken;
    }
    void release(const Workspace &workspace, qint64 entryId)
    {
        std::lock_guard guard(m_mutex);
        m_locks.erase(RunLock::queueEntryLockPath(workspace, entryId));
    }

private:
    std::mutex m_mutex;
    std::map<QString, std::unique_ptr<RunLock>> m_locks;
};

HeldEntryLocks &heldEntryLocks()
{
    static HeldEntryLocks locks;
    return locks;
}

} // namespace

QString queueStateName(QueueState state)
{
    return kStateNames.name(state);
}

std::optional<QueueState> queueStateFromString(const QString &text)
{
    return kStateNames.find(text);
}

bool isPending(QueueState state)
{
    return state == QueueState::Waiting || state == QueueState::Held;
}

QJsonObject QueueEntry::toJson() const
{
    QJsonObject json{
        {QStringLiteral("id"), id},
        {QStringLiteral("dataset"), datasetId},
        {QStringLiteral("settings"), settings},
        {QStringLiteral("priority"), priority},
        {QStringLiteral("state"), queueStateName(state)},
        {QStringLiteral("created"), toSqlTime(created)},
        {QStringLiteral("updated"), toSqlTime(updated)},
        {QStringLiteral("run"), runId ? QJsonValue(*runId) : QJsonValue()},
    };
    if (!error.isEmpty())
        json.insert(QStringLiteral("error"), error);
    return json;
}

QList<qint64> QueueStore::add(const std::vector<NewQueueEntry> &entries) const
{
    const Database &db = m_workspace.database();
    return db.transaction([&] {
        qint64 position = db.scalar(QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM queue")).toLongLong();
        const QString time = sqlNow();
        QList<qint64> ids;
        for (const NewQueueEntry &e : entries) {
            if (!db.scalar(QStringLiteral("SELECT 1 FROM datasets WHERE id = ?"), {e.datasetId}).isValid())
                throw UsageError(QStringLiteral("no data set version %1 to queue a run on").arg(e.datasetId));
            ids << db.insert(QStringLiteral("INSERT INTO queue (dataset_id, settings_json, priority, position, state, "
                                            "created_at, updated_at) VALUES (?, ?, ?, ?, 'waiting', ?, ?)"),
                             {e.datasetId, sqlJson(e.settings), e.priority, ++position, time, time});
        }
        return ids;
    });
}

QList<QueueEntry> QueueStore::list() const
{
    const Database &db = m_workspace.database();
    QList<QueueEntry> entries = entriesFrom(db.exec(
        QStringLiteral("SELECT %1 FROM queue WHERE state IN ('waiting', 'held') ORDER BY %2").arg(kColumns, kPendingOrder)));
    entries << entriesFrom(db.exec(QStringLiteral("SELECT %1 FROM queue WHERE state = 'running' ORDER BY id").arg(kColumns)));
    entries << entriesFrom(db.exec(QStringLiteral("SELECT %1 FROM queue WHERE state IN ('done', 'failed', 'cancelled') "
                                                  "ORDER BY updated_at DESC, id DESC")
                                       .arg(kColumns)));
    return entries;
}

std::optional<QueueEntry> QueueStore::entry(qint64 id) const
{
    QSqlQuery q = m_workspace.database().exec(QStringLiteral("SELECT %1 FROM queue WHERE id = ?").arg(kColumns), {id});
    if (!q.next())
        return std::nullopt;
    return entryFromRow(q);
}

QueueEntry QueueStore::require(qint64 id) const
{
    std::optional<QueueEntry> e = entry(id);
    if (!e)
        throw UsageError(QStringLiteral("there is no queue entry %1").arg(id));
    return *e;
}

void QueueStore::requirePending(qint64 id) const
{
    const QueueEntry e = require(id);
    if (!isPending(e.state))
        throw UsageError(QStringLiteral("queue entry %1 is %2; only a waiting or held entry can be changed")
                             .arg(id)
                             .arg(queueStateName(e.state)));
}

void QueueStore::edit(qint64 id, const QString &datasetId, const QJsonObject &settings, int priority) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        requirePending(id);
        if (!db.scalar(QStringLiteral("SELECT 1 FROM datasets WHERE id = ?"), {datasetId}).isValid())
            throw UsageError(QStringLiteral("no data set version %1 to queue a run on").arg(datasetId));
        db.exec(QStringLiteral("UPDATE queue SET dataset_id = ?, settings_json = ?, priority = ?, updated_at = ?, "
                               "run_id = NULL WHERE id = ?"),
                {datasetId, sqlJson(settings), priority, sqlNow(), id});
    });
}

void QueueStore::setPriority(qint64 id, int priority) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        requirePending(id);
        db.exec(QStringLiteral("UPDATE queue SET priority = ?, updated_at = ? WHERE id = ?"), {priority, sqlNow(), id});
    });
}

void QueueStore::setHeld(qint64 id, bool held) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        requirePending(id);
        db.exec(QStringLiteral("UPDATE queue SET state = ?, updated_at = ? WHERE id = ?"),
                {queueStateName(held ? QueueState::Held : QueueState::Waiting), sqlNow(), id});
    });
}

bool QueueStore::move(qint64 id, int direction) const
{
    const Database &db = m_workspace.database();
    return db.transaction([&] {
        requirePending(id);
        QList<qint64> order;
        QList<int> priorities;
        QSqlQuery q = db.exec(
            QStringLiteral("SELECT id, priority FROM queue WHERE state IN ('waiting', 'held') ORDER BY %1").arg(kPendingOrder));
        while (q.next()) {
            order << q.value(0).toLongLong();
            priorities << q.value(1).toInt();
        }
        const qsizetype from = order.indexOf(id);
        const qsizetype to = from + (direction < 0 ? -1 : 1);
        if (to < 0 || to >= order.size())
            return false;
        if (priorities[to] != priorities[from])
            db.exec(QStringLiteral("UPDATE queue SET priority = ? WHERE id = ?"), {priorities[to], id});
        order.swapItemsAt(from, to);
        renumber(order);
        return true;
    });
}

// Positions 1..n in the given running order; the priorities already agree with it.
void QueueStore::renumber(const QList<qint64> &orderedIds) const
{
    const Database &db = m_workspace.database();
    QSqlQuery update = db.prepare(QStringLiteral("UPDATE queue SET position = ?, updated_at = ? WHERE id = ?"));
    const QString time = sqlNow();
    for (qsizetype i = 0; i < orderedIds.size(); ++i)
        db.run(update, {qint64(i + 1), time, orderedIds[i]});
}

void QueueStore::remove(const QList<qint64> &ids) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        for (qint64 id : ids) {
            if (require(id).state == QueueState::Running)
                throw UsageError(QStringLiteral("queue entry %1 is running; cancel its training first").arg(id));
            db.exec(QStringLiteral("DELETE FROM queue WHERE id = ?"), {id});
        }
    });
}

int QueueStore::removeFinished() const
{
    const Database &db = m_workspace.database();
    return db.transaction([&] {
        return db.exec(QStringLiteral("DELETE FROM queue WHERE state IN ('done', 'failed', 'cancelled')")).numRowsAffected();
    });
}

bool QueueStore::isPaused() const
{
    return SettingsTable(m_workspace.database()).value(kPausedKey) == u"1";
}

void QueueStore::setPaused(bool paused) const
{
    SettingsTable(m_workspace.database()).setValue(kPausedKey, paused ? QStringLiteral("1") : QStringLiteral("0"));
}

std::optional<QueueEntry> QueueStore::claimNext() const
{
    const Database &db = m_workspace.database();
    // Read first: the window asks every two seconds, and asking an idle queue must not take
    // the database's write lock each time. The transaction checks again.
    if (isPaused() || !db.scalar(QStringLiteral("SELECT 1 FROM queue WHERE state = 'waiting' LIMIT 1")).isValid())
        return std::nullopt;
    QList<qint64> taken;
    return claimed(taken, [&]() -> std::optional<QueueEntry> {
        if (isPaused())
            return std::nullopt;
        QSqlQuery q = db.exec(
            QStringLiteral("SELECT id FROM queue WHERE state = 'waiting' ORDER BY %1").arg(kPendingOrder));
        QList<qint64> waiting;
        while (q.next())
            waiting << q.value(0).toLongLong();
        q = QSqlQuery();
        // An entry whose lock is taken is being handed back or recovered by another process
        // this very moment: the next one.
        for (qint64 id : waiting)
            if (std::optional<QueueEntry> e = claimWaiting(id, taken))
                return e;
        return std::nullopt;
    });
}

std::optional<QueueEntry> QueueStore::claim(qint64 id) const
{
    QList<qint64> taken;
    return claimed(taken, [&] { return claimWaiting(id, taken); });
}

// Runs a claim in a transaction; when the transaction fails for good, the locks it took go.
std::optional<QueueEntry> QueueStore::claimed(QList<qint64> &taken,
                                              const std::function<std::optional<QueueEntry>()> &work) const
{
    try {
        return m_workspace.database().transaction(work);
    } catch (...) {
        for (qint64 id : taken)
            heldEntryLocks().release(m_workspace, id);
        throw;
    }
}

// Inside a transaction: the entry's lock first, then 'running' (as RunLock before
// markRunning), so that whoever sees it running while the lock is free knows its runner died.
// A lock this process held already (it runs the entry) is left alone.
std::optional<QueueEntry> QueueStore::claimWaiting(qint64 id, QList<qint64> &taken) const
{
    const Database &db = m_workspace.database();
    const HeldEntryLocks::Take take = heldEntryLocks().take(m_workspace, id);
    if (take == HeldEntryLocks::Take::Refused)
        return std::nullopt;
    if (take == HeldEntryLocks::Take::Taken)
        taken << id;
    auto giveBack = [&] {
        if (taken.removeOne(id))
            heldEntryLocks().release(m_workspace, id);
    };
    try {
        // pid is for a person reading the table; liveness is the entry's lock.
        const int changed = db.exec(QStringLiteral("UPDATE queue SET state = 'running', pid = ?, error = '', updated_at = ? "
                                                   "WHERE id = ? AND state = 'waiting'"),
                                    {QCoreApplication::applicationPid(), sqlNow(), id})
                                .numRowsAffected();
        if (changed == 0) {
            giveBack();
            return std::nullopt;
        }
        return entry(id);
    } catch (...) {
        giveBack();
        throw;
    }
}

void QueueStore::attachRun(qint64 id, qint64 runId) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        db.exec(QStringLiteral("UPDATE queue SET run_id = ?, updated_at = ? WHERE id = ?"), {runId, sqlNow(), id});
    });
}

void QueueStore::finish(qint64 id, QueueState state, const QString &error) const
{
    const Database &db = m_workspace.database();
    // The lock goes whatever happens: an entry this process could not end is then left
    // running by nobody, and the next recoverStale() treats it as a runner that died.
    struct Release {
        const Workspace &workspace;
        qint64 id;
        ~Release() { heldEntryLocks().release(workspace, id); }
    } release{m_workspace, id};
    db.transaction([&] {
        db.exec(QStringLiteral("UPDATE queue SET state = ?, error = ?, pid = NULL, updated_at = ? "
                               "WHERE id = ? AND state = 'running'"),
                {queueStateName(state), sqlText(error), sqlNow(), id});
    });
}

int QueueStore::recoverStale() const
{
    const Database &db = m_workspace.database();
    return db.transaction([&] {
        QSqlQuery q = db.exec(QStringLiteral("SELECT q.id, r.status FROM queue q "
                                             "LEFT JOIN runs r ON r.id = q.run_id WHERE q.state = 'running'"));
        std::vector<std::pair<qint64, QueueState>> changes;
        std::vector<std::unique_ptr<RunLock>> deadRunners; // held until the entries changed
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            const QString runStatus = q.value(1).toString();
            // Its trainer holds the run's lock (recoverInterruptedRuns() ran first): it goes on.
            if (runStatus == runStatusName(RunStatus::Running))
                continue;
            // The entry's lock is held by a live runner, this process included: leave it.
            std::unique_ptr<RunLock> lock = RunLock::forQueueEntry(m_workspace, id);
            if (!lock->tryLock())
                continue;
            deadRunners.push_back(std::move(lock));
            changes.emplace_back(id, runStatus == runStatusName(RunStatus::Finished) ? QueueState::Done
                                                                                     : QueueState::Waiting);
        }
        q = QSqlQuery();
        int recovered = 0;
        for (const auto &[id, state] : changes) {
            db.exec(QStringLiteral("UPDATE queue SET state = ?, pid = NULL, updated_at = ? WHERE id = ?"),
                    {queueStateName(state), sqlNow(), id});
            spdlog::warn("queue entry {} was left running by a runner that stopped: now {}", id,
                         queueStateName(state).toStdString());
            ++recovered;
        }
        return recovered;
    });
}

} // namespace mlwb
