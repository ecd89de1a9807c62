#pragma once
#include "jobs/TrainJob.h"
#include "store/QueueStore.h"
#include "training/TrainSettings.h"

#include <QList>
#include <QStringList>
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

} // namespace mlwb
