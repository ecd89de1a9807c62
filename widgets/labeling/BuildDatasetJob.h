#pragma once
#include "continuous/ProductionDataset.h"
#include "jobs/Job.h"
#include "store/Workspace.h"

#include <optional>

namespace mlwb {

// "Build data set…" on the Label page: buildProductionDataset as a job (it reads the base
// version and every labeled sample, and writes two versions).
class BuildDatasetJob : public Job {
    Q_OBJECT
public:
    BuildDatasetJob(WorkspacePtr workspace, ProductionBuildOptions options, QObject *parent = nullptr);
    const std::optional<ProductionBuild> &result() const { return m_result; }

protected:
    void execute() override;

private:
    WorkspacePtr m_workspace;
    ProductionBuildOptions m_options;
    std::optional<ProductionBuild> m_result;
};

} // namespace mlwb
