#include "jobs/EvaluateJob.h"

namespace mlwb {

EvaluateJob::EvaluateJob(WorkspacePtr workspace, Params params, QObject *parent)
    : Job(tr("Evaluate model %1").arg(params.modelId), parent), m_workspace(std::move(workspace)), m_params(std::move(params))
{
}

void EvaluateJob::execute()
{
    reportProgress(0, 0, tr("opening the evaluation of model %1").arg(m_params.modelId));
    m_result.opened = obtainEvaluation(
        *m_workspace, m_params,
        [this](qint64 done, qint64 total) { reportProgress(done, total, tr("evaluating model %1").arg(m_params.modelId)); },
        &cancelFlag());
    m_result.datasetId = m_result.opened.record.datasetId;
}

} // namespace mlwb
