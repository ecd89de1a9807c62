#pragma once
#include "jobs/Job.h"
#include "jobs/ModelEvaluation.h"
#include "store/Workspace.h"

namespace mlwb {

// Evaluates a registered model version on the test split of a data set version (by
// default the one it was trained on, with the split it was trained with).
class EvaluateJob : public Job {
    Q_OBJECT
public:
    struct Params {
        qint64 modelId = 0;
        QString datasetRef; // empty: the model's own data set
        int threads = 0;    // 0: all cores
    };
    struct Result {
        ModelEvaluation evaluation;
        QStringList classNames;
        QString datasetId;
    };

    EvaluateJob(WorkspacePtr workspace, Params params, QObject *parent = nullptr);
    const Result &result() const { return m_result; }

protected:
    void execute() override;

private:
    WorkspacePtr m_workspace;
    Params m_params;
    Result m_result;
};

} // namespace mlwb
