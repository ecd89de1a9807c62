#include "jobs/ModelJobs.h"

#include "jobs/ModelImport.h"
#include "jobs/Promotion.h"

namespace mlwb {

CompareJob::CompareJob(WorkspacePtr workspace, Params params, QObject *parent)
    : Job(tr("Compare %1 models").arg(params.modelIds.size()), parent), m_workspace(std::move(workspace)),
      m_params(std::move(params))
{
}

void CompareJob::execute()
{
    m_result = std::make_shared<const ModelComparison>(compareModels(
        *m_workspace, m_params.modelIds, m_params.datasetRef, 0,
        [this](qint64 done, qint64 total) { reportProgress(done, total, tr("evaluating")); }, &cancelFlag()));
}

PromoteJob::PromoteJob(WorkspacePtr workspace, Params params, QObject *parent)
    : Job(tr("Promote model %1").arg(params.modelId), parent), m_workspace(std::move(workspace)), m_params(std::move(params))
{
}

void PromoteJob::execute()
{
    reportProgress(0, 0, tr("checking the gates"));
    try {
        m_result = promoteThroughGates(*m_workspace, m_params.modelId, m_params.gates, m_params.note);
    } catch (const GateError &e) {
        m_gateFailures = e.failures();
        throw;
    }
}

ImportModelJob::ImportModelJob(WorkspacePtr workspace, Params params, QObject *parent)
    : Job(tr("Import %1").arg(params.file.section(u'/', -1)), parent), m_workspace(std::move(workspace)),
      m_params(std::move(params))
{
}

void ImportModelJob::execute()
{
    m_result = importModel(*m_workspace, m_params.file, m_params.datasetRef, m_params.name, 0,
                           [this](qint64 done, qint64 total) { reportProgress(done, total, tr("evaluating")); }, &cancelFlag());
}

} // namespace mlwb
