#pragma once
#include "jobs/Job.h"
#include "jobs/StoreThread.h"

#include <QObject>
#include <memory>
#include <vector>

namespace mlwb {

// Owns the running jobs of the GUI. start() takes a job, starts it on a pool thread and keeps
// it until it finished; the status-bar job area lists jobs through the signals below. A job's
// own signals (progress, succeeded, failed...) arrive queued on the UI thread. Short database
// writes go through store() instead: in order, on one thread, never on the UI thread.
class JobManager : public QObject {
    Q_OBJECT
public:
    explicit JobManager(QObject *parent = nullptr);
    ~JobManager() override; // cancels and waits for what still runs

    // Returns the job (still owned by the manager) so that the caller can connect to it
    // before it starts: connections made right after start() may miss fast signals, so
    // pass `connect` to wire them up first.
    Job *start(std::unique_ptr<Job> job, const std::function<void(Job *)> &connect = {});
    std::vector<Job *> running() const;
    void cancelAll();

    StoreThread &store() { return m_store; }

Q_SIGNALS:
    void jobStarted(mlwb::Job *job);
    void jobFinished(mlwb::Job *job); // emitted before the job is deleted (later, via deleteLater)

private:
    StoreThread m_store; // declared first: it outlives the jobs, and finishes its work last
    std::vector<std::unique_ptr<Job>> m_jobs;
};

} // namespace mlwb
