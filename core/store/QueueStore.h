#pragma once
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace mlwb {

class Workspace;

enum class QueueState { Waiting, Held, Running, Done, Failed, Cancelled };

QString queueStateName(QueueState state); // "waiting", "held", ...
std::optional<QueueState> queueStateFromString(const QString &text);
bool isPending(QueueState state);          // waiting or held: not started, can be edited

struct QueueEntry {
    qint64 id = 0;
    QString datasetId;
    QJsonObject settings; // TrainSettings::toJson(), the architecture included
    int priority = 0;     // higher runs first
    qint64 position = 0;  // order among equal priorities: the order of adding, or the user's
    QueueState state = QueueState::Waiting;
    QDateTime created;
    QDateTime updated;
    std::optional<qint64> runId; // the run it started (a resumable one when it is waiting again)
    QString error;

    QString architecture() const { return settings.value(QStringLiteral("architecture")).toString(); }
    QJsonObject toJson() const;
};

struct NewQueueEntry {
    QString datasetId;
    QJsonObject settings;
    int priority = 0;
};

// The persistent run queue: training runs waiting their turn, kept in the workspace so that
// the queue survives a restart and is shared by the window and `mlwb queue`. The store does
// not interpret settings (core/jobs/RunQueue.h validates and expands grids). A process takes
// the next entry with claimNext(), which is atomic across processes.
class QueueStore {
public:
    explicit QueueStore(const Workspace &workspace) : m_workspace(workspace) {}

    // Appends entries after every entry of the same priority, all or none. Returns their ids.
    QList<qint64> add(const std::vector<NewQueueEntry> &entries) const;

    // Every entry: pending ones in the order they will run, then running, then finished ones
    // newest first.
    QList<QueueEntry> list() const;
    std::optional<QueueEntry> entry(qint64 id) const;
    QueueEntry require(qint64 id) const; // throws UsageError when there is no such entry

    // Edits a pending entry; throws UsageError for an entry that started or finished.
    void edit(qint64 id, const QString &datasetId, const QJsonObject &settings, int priority) const;
    void setPriority(qint64 id, int priority) const;
    // Held entries keep their place but are skipped until released.
    void setHeld(qint64 id, bool held) const;
    // Moves a pending entry one place earlier (-1) or later (+1) in the running order. Moving
    // past an entry of another priority takes that entry's priority. False at either end.
    bool move(qint64 id, int direction) const;
    // Removes entries that are not running. Throws UsageError for a running one.
    void remove(const QList<qint64> &ids) const;
    int removeFinished() const;

    // A paused queue starts nothing new (a run that already started goes on).
    bool isPaused() const;
    void setPaused(bool paused) const;

    // The first waiting entry in running order, now 'running' and owned by this process;
    // nothing when the queue is paused or has no waiting entry. Owning means holding the
    // entry's lock (RunLock::forQueueEntry) until finish().
    std::optional<QueueEntry> claimNext() const;
    // That entry, now 'running' and owned by this process, if it is still waiting; nothing
    // when it is held, running, finished or gone. Ignores the pause: whoever asks for one
    // entry by its id (an auto-tune search running its own trials) means it.
    std::optional<QueueEntry> claim(qint64 id) const;
    void attachRun(qint64 id, qint64 runId) const;
    // Ends a running entry: Done, Failed or Cancelled, or back to Waiting (keeps its run).
    // Releases the entry's lock.
    void finish(qint64 id, QueueState state, const QString &error = {}) const;

    // Entries left 'running' by a runner that died (nobody holds the entry's lock): back to
    // waiting (to resume their run), or done when their run had finished. Call after
    // RunStore::recoverInterruptedRuns().
    int recoverStale() const;

private:
    std::optional<QueueEntry> claimed(QList<qint64> &taken, const std::function<std::optional<QueueEntry>()> &work) const;
    std::optional<QueueEntry> claimWaiting(qint64 id, QList<qint64> &taken) const;
    void requirePending(qint64 id) const;
    void renumber(const QList<qint64> &orderedIds) const;

    const Workspace &m_workspace;
};

} // namespace mlwb
