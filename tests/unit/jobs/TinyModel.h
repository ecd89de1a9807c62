#pragma once
// For tests that need a real trained model in a workspace (the window's pages, the API switch):
// the synthetic shapes stored as a data set version and a tiny network trained on them.
#include "jobs/TrainJob.h"
#include "store/DatasetStore.h"
#include "unit/learning/SyntheticData.h"

namespace mlwb::testing {

// Trains `epochs` of the tiny spec (written into specDir) on `perClass` shapes a class;
// returns the registered model version's id. Throws what the training throws.
inline qint64 trainTinyModel(const WorkspacePtr &workspace, const QString &specDir, int perClass = 24, int epochs = 1)
{
    const QString datasetId = DatasetStore(*workspace)
                                  .save(*syntheticShapes(perClass), QStringLiteral("shapes"), QStringLiteral("test"),
                                        QStringLiteral("memory"), 0.1, 42)
                                  .version.id;
    TrainJob train(workspace, {datasetId, tinyTrainSettings(specDir, epochs, 16, 1), 0});
    train.runHere();
    train.rethrowIfFailed();
    return *train.result().modelId;
}

} // namespace mlwb::testing
