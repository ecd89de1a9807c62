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
class RunLock {
public:
    RunLock(const Workspace &workspace, qint64 runId);
    ~RunLock(); // unlocks

    // True when this object now holds the lock (takes over a stale one). Does not wait.
    bool tryLock();
    // Throws Error when another live process holds the lock.
    void lock();
    void unlock();
    bool isLocked() const;

    const QString &path() const { return m_path; }
    static QString lockPath(const Workspace &workspace, qint64 runId);

private:
    qint64 m_runId;
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace mlwb
