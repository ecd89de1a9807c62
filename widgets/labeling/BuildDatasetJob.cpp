#include "labeling/BuildDatasetJob.h"

namespace mlwb {

BuildDatasetJob::BuildDatasetJob(WorkspacePtr workspace, ProductionBuildOptions options, QObject *parent)
    : Job(tr("Build a data set from the labeled samples"), parent), m_workspace(std::move(workspace)),
      m_options(std::move(options))
{
}

void BuildDatasetJob::execute()
{
    m_result = buildProductionDataset(
        *m_workspace, m_options, [this](qint64 done, qint64 total) { reportProgress(done, total, tr("building")); },
        &cancelFlag());
}

} // namespace mlwb
