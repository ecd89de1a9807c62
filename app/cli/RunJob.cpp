#include "cli/RunJob.h"

#include "cli/CliContext.h"
#include "jobs/Job.h"

#include <QEventLoop>
#include <QTimer>
#include <atomic>
#include <csignal>

namespace mlwb {

namespace {
std::atomic_bool g_interrupted{false};
extern "C" void onInterrupt(int) { g_interrupted = true; }

class FunctionJob final : public Job {
public:
    using Work = std::function<void(const ProgressFn &, const CancelFlag &)>;
    FunctionJob(const QString &title, QString doing, Work work)
        : Job(title), m_doing(std::move(doing)), m_work(std::move(work))
    {
    }

protected:
    void execute() override
    {
        m_work([this](qint64 done, qint64 total) { reportProgress(done, total, m_doing); }, cancelFlag());
    }

private:
    QString m_doing;
    Work m_work;
};
} // namespace

void runJobInCli(Job &job)
{
    ProgressPrinter printer(job.title());
    QEventLoop loop;
    QObject::connect(&job, &Job::progress, &loop,
                     [&printer](qint64 done, qint64 total, const QString &what) { printer.update(done, total, what); });
    QObject::connect(&job, &Job::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);

    g_interrupted = false;
    auto previous = std::signal(SIGINT, onInterrupt);
    QTimer interruptPoll;
    QObject::connect(&interruptPoll, &QTimer::timeout, &loop, [&job] {
        if (g_interrupted.exchange(false))
            job.cancel();
    });
    interruptPoll.start(100);

    job.start();
    if (job.isRunning())
        loop.exec();
    job.wait();
    std::signal(SIGINT, previous);
    printer.finish();
    job.rethrowIfFailed();
}

void runInCli(const QString &title, const QString &doing,
              const std::function<void(const ProgressFn &, const CancelFlag &)> &work)
{
    FunctionJob job(title, doing, work);
    runJobInCli(job);
}

} // namespace mlwb
