#pragma once
#include "jobs/TrainJob.h"
#include "store/QueueStore.h"
#include "training/TrainSettings.h"

#include <QList>
#include <QStringList>
#include <functional>
#include <optional>
#include <vector>

namespace mlwb {

class Workspace;

// The hyper-parameter axis of a queued grid: every combination of these values (an empty
// list keeps the base settings' value).
struct HyperParameterGrid {
    QList<double> learningRates;
    QList<int> batchSizes;
    QList<int> epochs;
};

// The settings of every combination, learning rate varying slowest.
std::vector<TrainSettings> expandHyperParameters(const TrainSettings &base, const HyperParameterGrid &grid);

// n data set versions × m architectures × o settings, each validated (UsageError names the
// setting or the data set), as entries ready for QueueStore::add(). Data sets are given as
// an id, id prefix or name, as everywhere else.
std::vector<NewQueueEntry> queueGrid(const Workspace &workspace, const QStringList &datasetRefs,
                                     const QStringList &architectures, const std::vector<TrainSettings> &settings,
                                     int priority);

// What a claimed entry trains: it resumes the entry's own run when that run stopped before
// finishing (the process died or the user cancelled it), or starts a new one.
TrainJob::Params trainParamsFor(const Workspace &workspace, const QueueEntry &entry);

// The one queue runner, for the window and `mlwb queue run` alike:
//   recoverQueue() once, then claimNextEntry() and a QueuedTrainJob for what it claimed, one
//   entry at a time. The job ends its entry itself, by queueStateAfter().
// Everything here may wait on the database's lock: the window calls it off its UI thread.

// Runs and entries left running by processes that died: runs become interrupted, their
// entries wait again (to resume the run) or are done when the run had finished.
void recoverQueue(const Workspace &workspace);

struct ClaimedEntry {
    QueueEntry entry; // now 'running', owned by this process
    TrainJob::Params params;
};

// The next waiting entry in running order, claimed, with what it trains; nothing when the
// queue is paused or nothing waits. An entry that cannot start (settings this build cannot
// read) ends failed, is told to `unstartable` and the next one is tried.
std::optional<ClaimedEntry> claimNextEntry(
    const Workspace &workspace,
    const std::function<void(const QueueEntry &entry, const QString &error)> &unstartable = {});

// How an entry ends when its training ended: done when it succeeded, cancelled when it was
// cancelled (Cancel in the window, Ctrl+C in `mlwb queue run`: the run keeps its last
// checkpoint and can be resumed), failed otherwise.
QueueState queueStateAfter(const Job &job);

// The training of a claimed entry: the entry's run is attached as soon as it exists, and the
// entry ends by queueStateAfter() as the job finishes, on the job's own thread (before any
// queued receiver of finished() hears of it).
class QueuedTrainJob : public TrainJob {
public:
    QueuedTrainJob(WorkspacePtr workspace, const ClaimedEntry &claimed, QObject *parent = nullptr);

    qint64 entryId() const { return m_entryId; }

private:
    qint64 m_entryId;
};

} // namespace mlwb
