#pragma once
#include "continuous/ProductionDataset.h"
#include "jobs/Job.h"
#include "jobs/ModelComparison.h"
#include "store/Workspace.h"

#include <QJsonObject>
#include <optional>

namespace mlwb {

struct RetrainOptions {
    // The data set version to train on; empty: build one now from the labeled samples (build).
    QString datasetRef;
    ProductionBuildOptions build;
    // false: train from scratch with the production model's settings. true: start from the
    // production weights (and its input normalisation) with a third of its learning rate and a
    // constant schedule, for `epochs` epochs (0: 2).
    bool fineTune = false;
    int epochs = 0;  // 0: the production model's (fine-tune: 2)
    int threads = 0; // 0: all cores
};

struct RetrainResult {
    qint64 productionModelId = 0;
    qint64 modelId = 0;
    qint64 runId = 0;
    std::optional<ProductionBuild> build; // when built now
    QString datasetId;
    // Production and the new model on the base's test split and on the production test split
    // (when there is one), in that order: [production, new].
    std::optional<ModelComparison> onBase, onProduction;

    // {"production", "model", "run", "dataset", "build"?, "base": comparison, "productionTest": comparison?}
    QJsonObject toJson() const;
};

// The continuous-training step: (build,) train, and compare the new model with production on
// the same test sets. Promotion stays the caller's decision (through the gates).
class RetrainJob : public Job {
    Q_OBJECT
public:
    RetrainJob(WorkspacePtr workspace, RetrainOptions options, QObject *parent = nullptr);
    const RetrainResult &result() const { return m_result; }

Q_SIGNALS:
    void runCreated(qint64 runId);                    // the training run exists (curves can follow it)
    void epochFinished(const QJsonObject &epochMetrics);

protected:
    void execute() override;

private:
    WorkspacePtr m_workspace;
    RetrainOptions m_options;
    RetrainResult m_result;
};

} // namespace mlwb
