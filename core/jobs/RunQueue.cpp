#include "jobs/RunQueue.h"

#include "common/Error.h"
#include "common/Log.h"
#include "store/DatasetStore.h"
#include "store/RunStore.h"
#include "store/Workspace.h"

namespace mlwb {

std::vector<TrainSettings> expandHyperParameters(const TrainSettings &base, const HyperParameterGrid &grid)
{
    const QList<double> rates = grid.learningRates.isEmpty() ? QList<double>{base.learningRate} : grid.learningRates;
    const QList<int> batches = grid.batchSizes.isEmpty() ? QList<int>{base.batchSize} : grid.batchSizes;
    const QList<int> epochs = grid.epochs.isEmpty() ? QList<int>{base.epochs} : grid.epochs;
    std::vector<TrainSettings> all;
    for (double rate : rates)
        for (int batch : batches)
            for (int epochCount : epochs) {
                TrainSettings s = base;
                s.learningRate = rate;
                s.batchSize = batch;
                s.epochs = epochCount;
                all.push_back(s);
            }
    return all;
}

std::vector<NewQueueEntry> queueGrid(const Workspace &workspace, const QStringList &datasetRefs,
                                     const QStringList &architectures, const std::vector<TrainSettings> &settings,
                                     int priority)
{
    if (datasetRefs.isEmpty() || architectures.isEmpty() || settings.empty())
        throw UsageError(QStringLiteral("a grid needs at least one data set, one model and one set of settings"));
    const DatasetStore datasets(workspace);
    QStringList datasetIds;
    for (const QString &ref : datasetRefs)
        datasetIds << datasets.require(ref).id;
    std::vector<NewQueueEntry> entries;
    for (const QString &datasetId : datasetIds)
        for (const QString &architecture : architectures)
            for (TrainSettings s : settings) {
                s.architecture = architecture;
                s.validate();
                entries.push_back({datasetId, s.toJson(), priority});
            }
    return entries;
}

TrainJob::Params trainParamsFor(const Workspace &workspace, const QueueEntry &entry)
{
    TrainJob::Params params;
    if (entry.runId) {
        const std::optional<RunRecord> run = RunStore(workspace).run(*entry.runId);
        if (run && run->status != RunStatus::Finished && run->status != RunStatus::Running) {
            params.resumeRunId = run->id;
            return params;
        }
    }
    params.datasetRef = entry.datasetId;
    params.settings = TrainSettings::fromJson(entry.settings);
    return params;
}

void recoverQueue(const Workspace &workspace)
{
    RunStore(workspace).recoverInterruptedRuns();
    QueueStore(workspace).recoverStale();
}

std::optional<ClaimedEntry> claimNextEntry(
    const Workspace &workspace, const std::function<void(const QueueEntry &, const QString &)> &unstartable)
{
    const QueueStore queue(workspace);
    while (std::optional<QueueEntry> entry = queue.claimNext()) {
        try {
            return ClaimedEntry{*entry, trainParamsFor(workspace, *entry)};
        } catch (const Error &e) { // e.g. settings written by another version
            queue.finish(entry->id, QueueState::Failed, e.message());
            spdlog::warn("queue entry {} could not start: {}", entry->id, e.message().toStdString());
            if (unstartable)
                unstartable(*entry, e.message());
        }
    }
    return std::nullopt;
}

QueueState queueStateAfter(const Job &job)
{
    if (job.succeededFlag())
        return QueueState::Done;
    return job.isCancelled() ? QueueState::Cancelled : QueueState::Failed;
}

QueuedTrainJob::QueuedTrainJob(WorkspacePtr workspace, const ClaimedEntry &claimed, QObject *parent)
    : TrainJob(workspace, claimed.params, parent), m_entryId(claimed.entry.id)
{
    // Direct: on the job's thread, so that the window never writes these itself, and ahead of
    // the connections whoever starts the job makes.
    connect(this, &TrainJob::runCreated, this,
            [workspace, id = m_entryId](qint64 runId) { QueueStore(*workspace).attachRun(id, runId); },
            Qt::DirectConnection);
    connect(this, &Job::finished, this, [this, workspace] {
        try {
            QueueStore(*workspace).finish(m_entryId, queueStateAfter(*this), succeededFlag() ? QString() : errorMessage());
        } catch (const Error &e) { // left running by nobody: the next recovery takes it back
            spdlog::error("queue entry {}: {}", m_entryId, e.message().toStdString());
        }
    }, Qt::DirectConnection);
}

} // namespace mlwb
