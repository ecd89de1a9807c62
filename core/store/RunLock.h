#pragma once
#include <QString>
#include <memory>

class QLockFile;

namespace mlwb {

class Workspace;

// Held by the process that trains a run, as runs/<id>/run.lock (QLockFile: pid, host and
// application name inside). When that process dies, even by kill -9, the lock goes stale
// and RunStore::recoverInterruptedRuns() can tell. Never goes stale by age alone: training
// may take hours.
//
// The same lock marks a claimed queue entry (queue/<id>.lock): its runner holds it from the
// claim until the entry ends, so that a dead runner is told from a live one by the lock —
// which also checks the owner's name — and not by a process id that may have been reused.
class RunLock {
public:
    RunLock(const Workspace &workspace, qint64 runId);
    ~RunLock(); // unlocks

    // The lock of queue entry `entryId` (QueueStore takes and releases it).
    static std::unique_ptr<RunLock> forQueueEntry(const Workspace &workspace, qint64 entryId);

    // True when this object now holds the lock (takes over a stale one). Does not wait.
    bool tryLock();
    // Throws Error when another live process holds the lock.
    void lock();
    void unlock();
    bool isLocked() const;

    const QString &path() const { return m_path; }
    static QString lockPath(const Workspace &workspace, qint64 runId);
    static QString queueEntryLockPath(const Workspace &workspace, qint64 entryId);

private:
    RunLock(QString path, QString what);

    QString m_what; // "run 7", "queue entry 3": for the message when the lock is taken
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace mlwb
