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

} // namespace mlwb
