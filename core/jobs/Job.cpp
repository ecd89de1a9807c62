#include "jobs/Job.h"

#include "common/Error.h"

#include <QThreadPool>
#include <condition_variable>
#include <mutex>
#include <spdlog/spdlog.h>

namespace mlwb {

class Job::Waiter {
public:
    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
};

Job::Job(QString title, QObject *parent)
    : QObject(parent), m_title(std::move(title)), m_waiter(new Waiter)
{
}

Job::~Job()
{
    m_cancel.cancel();
    wait();
    delete m_waiter;
}

void Job::start()
{
    m_running = true;
    {
        std::lock_guard lock(m_waiter->mutex);
        m_waiter->finished = false;
    }
    QThreadPool::globalInstance()->start([this] { runGuarded(); });
}

void Job::runHere()
{
    m_running = true;
    {
        std::lock_guard lock(m_waiter->mutex);
        m_waiter->finished = false;
    }
    runGuarded();
}

bool Job::wait()
{
    std::unique_lock lock(m_waiter->mutex);
    m_waiter->done.wait(lock, [this] { return m_waiter->finished || !m_running; });
    return m_succeeded;
}

void Job::rethrowIfFailed() const
{
    if (m_exception)
        std::rethrow_exception(m_exception);
}

void Job::runGuarded()
{
    Q_EMIT started();
    m_succeeded = false;
    m_exception = nullptr;
    try {
        execute();
        if (m_cancel.isCancelled())
            throw Cancelled();
        m_succeeded = true;
        Q_EMIT succeeded();
    } catch (const Cancelled &) {
        m_exception = std::current_exception();
        m_error = tr("%1 was cancelled").arg(m_title);
        spdlog::info("{}", m_error.toStdString());
        Q_EMIT cancelled();
    } catch (const Error &e) {
        m_exception = std::current_exception();
        m_error = e.message();
        // Whoever started the job shows the message (CLI: stderr, GUI: a dialog); the log keeps a note.
        spdlog::debug("{} failed: {}", m_title.toStdString(), m_error.toStdString());
        Q_EMIT failed(m_error);
    } catch (const std::exception &e) {
        m_exception = std::current_exception();
        m_error = QString::fromLocal8Bit(e.what());
        spdlog::error("{}: unexpected error: {}", m_title.toStdString(), e.what());
        Q_EMIT failed(m_error);
    }
    Q_EMIT finished();
    {
        std::lock_guard lock(m_waiter->mutex);
        m_waiter->finished = true;
        m_running = false;
    }
    m_waiter->done.notify_all();
}

} // namespace mlwb
