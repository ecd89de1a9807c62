#pragma once
#include "jobs/Job.h"
#include "jobs/StoredEvaluations.h"
#include "store/Workspace.h"

namespace mlwb {

// Opens the stored evaluation of a model version on a data set version's test split (by
// default the one it was trained on), computing and storing it first when there is none.
class EvaluateJob : public Job {
    Q_OBJECT
public:
    using Params = EvaluationRequest;
    struct Result {
        OpenedEvaluation opened;
        QString datasetId;
    };

    EvaluateJob(WorkspacePtr workspace, Params params, QObject *parent = nullptr);
    const Result &result() const { return m_result; }
    const Params &params() const { return m_params; }

protected:
    void execute() override;

private:
    WorkspacePtr m_workspace;
    Params m_params;
    Result m_result;
};

} // namespace mlwb
