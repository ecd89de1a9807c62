#include "jobs/JobManager.h"

namespace mlwb {

JobManager::JobManager(QObject *parent) : QObject(parent) {}

JobManager::~JobManager()
{
    cancelAll();
    for (auto &job : m_jobs)
        job->wait();
}

Job *JobManager::start(std::unique_ptr<Job> job, const std::function<void(Job *)> &connect)
{
    Job *raw = job.get();
    if (connect)
        connect(raw);
    QObject::connect(raw, &Job::finished, this, [this, raw] {
        Q_EMIT jobFinished(raw);
        const auto it = std::find_if(m_jobs.begin(), m_jobs.end(), [raw](const auto &j) { return j.get() == raw; });
        if (it != m_jobs.end()) {
            it->release();
            m_jobs.erase(it);
            raw->deleteLater();
        }
    }, Qt::QueuedConnection);
    m_jobs.push_back(std::move(job));
    Q_EMIT jobStarted(raw);
    raw->start();
    return raw;
}

std::vector<Job *> JobManager::running() const
{
    std::vector<Job *> jobs;
    for (const auto &job : m_jobs)
        jobs.push_back(job.get());
    return jobs;
}

void JobManager::cancelAll()
{
    for (auto &job : m_jobs)
        job->cancel();
}

} // namespace mlwb
