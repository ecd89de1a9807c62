#include "store/RunLock.h"

#include "common/Error.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>

namespace mlwb {

QString RunLock::lockPath(const Workspace &workspace, qint64 runId)
{
    return workspace.runDir(runId) + QStringLiteral("/run.lock");
}

QString RunLock::queueEntryLockPath(const Workspace &workspace, qint64 entryId)
{
    return workspace.root() + QStringLiteral("/queue/%1.lock").arg(entryId);
}

RunLock::RunLock(const Workspace &workspace, qint64 runId)
    : RunLock(lockPath(workspace, runId), QStringLiteral("run %1").arg(runId))
{
}

std::unique_ptr<RunLock> RunLock::forQueueEntry(const Workspace &workspace, qint64 entryId)
{
    return std::unique_ptr<RunLock>(
        new RunLock(queueEntryLockPath(workspace, entryId), QStringLiteral("queue entry %1").arg(entryId)));
}

RunLock::RunLock(QString path, QString what)
    : m_what(std::move(what)), m_path(std::move(path)), m_lock(std::make_unique<QLockFile>(m_path))
{
    // 0: only a dead owner makes the lock stale (the default 30 s would hand a live,
    // long training run's lock to anyone who asks).
    m_lock->setStaleLockTime(0);
}

RunLock::~RunLock() = default; // QLockFile's destructor unlocks

bool RunLock::tryLock()
{
    if (m_lock->isLocked())
        return true;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    return m_lock->tryLock(0);
}

void RunLock::lock()
{
    if (m_lock->isLocked())
        return;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    // A little patience: recoverInterruptedRuns() in another process may hold it for a moment.
    if (m_lock->tryLock(2000))
        return;
    qint64 pid = 0;
    QString host, app;
    m_lock->getLockInfo(&pid, &host, &app);
    if (m_lock->error() == QLockFile::LockFailedError)
        throw Error(QStringLiteral("%1: %2 is already being trained by %3 (pid %4 on %5)")
                        .arg(m_path, m_what, app).arg(pid).arg(host));
    throw Error(QStringLiteral("%1: cannot create the run's lock file").arg(m_path));
}

void RunLock::unlock()
{
    m_lock->unlock();
}

bool RunLock::isLocked() const
{
    return m_lock->isLocked();
}

} // namespace mlwb
