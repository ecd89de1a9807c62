#include "store/WalCheckpointer.h"

#include "common/Log.h"
#include "store/Database.h"

#include <QSqlQuery>
#include <QThread>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace mlwb {

namespace {

// SQLite's default, restored for the writer's connection when the checkpointer goes.
constexpr int kSqliteAutoCheckpointPages = 1000;

// A passive checkpoint on this thread's connection: the log's length in pages, or -1.
qint64 checkpoint(const Database &database)
{
    try {
        // PASSIVE: copies what no reader still needs and waits for nobody. Its row: busy, the
        // log's pages, the pages copied.
        QSqlQuery q = database.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
        return q.next() ? q.value(1).toLongLong() : -1;
    } catch (const std::exception &e) {
        spdlog::debug("WAL checkpoint skipped: {}", e.what()); // the next one catches up
        return -1;
    }
}

} // namespace

struct WalCheckpointer::Impl {
    const Database &database;
    std::chrono::milliseconds interval;
    qint64 restartPages;
    std::mutex mutex;
    std::condition_variable wake;
    bool dirty = false;
    bool stopping = false;
    std::atomic<bool> restartDue{false};
    QThread *thread = nullptr;

    Impl(const Database &db, int intervalMs, int pages) : database(db), interval(std::max(1, intervalMs)), restartPages(pages) {}

    void run()
    {
        std::unique_lock lock(mutex);
        for (;;) {
            wake.wait(lock, [this] { return dirty || stopping; });
            if (!stopping) // let commits gather: one checkpoint copies them all
                wake.wait_for(lock, interval, [this] { return stopping; });
            const bool last = stopping;
            dirty = false;
            lock.unlock();
            if (checkpoint(database) > restartPages && !last) {
                checkpoint(database); // again, so that little is left for the writer
                restartDue = true;
            }
            lock.lock();
            if (last)
                return;
        }
    }
};

WalCheckpointer::WalCheckpointer(const Database &database, int intervalMs, int restartPages)
    : d(std::make_unique<Impl>(database, intervalMs, restartPages))
{
    database.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
    d->thread = QThread::create([impl = d.get()] { impl->run(); });
    d->thread->setObjectName(QStringLiteral("mlwb-wal-checkpoint"));
    d->thread->start();
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(d->mutex);
        d->stopping = true;
    }
    d->wake.notify_all();
    d->thread->wait();
    delete d->thread;
    checkpoint(d->database);
    try {
        d->database.exec(QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(kSqliteAutoCheckpointPages));
    } catch (const std::exception &e) {
        spdlog::warn("could not turn automatic WAL checkpoints back on: {}", e.what());
    }
}

void WalCheckpointer::committed()
{
    {
        std::lock_guard lock(d->mutex);
        if (d->dirty)
            return;
        d->dirty = true;
    }
    d->wake.notify_one();
}

void WalCheckpointer::afterAnswering()
{
    // Between the writer's transactions no frame is added while this copies the rest.
    if (d->restartDue.exchange(false))
        checkpoint(d->database);
}

} // namespace mlwb
