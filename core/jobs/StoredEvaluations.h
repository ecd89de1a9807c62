#pragma once
#include "common/Cancel.h"
#include "data/Dataset.h"
#include "registry/EvaluationStore.h"
#include "registry/ModelVersion.h"

#include <memory>

namespace mlwb {

class Workspace;

// An evaluation opened for looking at: its record, its per-sample data and the data set.
struct OpenedEvaluation {
    ModelVersion model;
    EvaluationRecord record;
    std::shared_ptr<const EvaluationResult> samples;
    DatasetPtr data;
    QStringList classNames;
    bool computed = false; // true: the model ran now; false: read from the store
};

struct EvaluationRequest {
    qint64 modelId = 0;
    QString datasetRef;      // empty: the model's own data set version
    bool robustness = false; // also the corruption curves (computed once, then stored)
    bool recompute = false;  // run the model even when an evaluation is stored
    int threads = 0;         // 0: all cores
};

// The stored evaluation of a model on a data set version's test split, computed (with the
// single-image latency, parameter count and size on disk) and stored when there is none.
// Throws UsageError for an unknown model or data set, a data set without test images or with
// other classes or geometry than the model's; Cancelled when the flag is raised.
OpenedEvaluation obtainEvaluation(const Workspace &workspace, const EvaluationRequest &request,
                                  const ProgressFn &progress = {}, const CancelFlag *cancel = nullptr);

// Stores what a training run's evaluation already computed (no second pass over the test set;
// the single-image latency is measured on 200 of its images).
EvaluationRecord storeEvaluation(const Workspace &workspace, const ModelVersion &model, const Dataset &data,
                                 const QString &datasetId, const EvaluationResult &result);

// The test split of a data set: the samples its source marked as test, in index order.
std::vector<qint64> testIndices(const Dataset &data);

} // namespace mlwb
