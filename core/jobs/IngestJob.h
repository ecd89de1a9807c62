#pragma once
#include "data/Ingest.h"
#include "jobs/Job.h"
#include "store/DatasetStore.h"
#include "store/Workspace.h"

namespace mlwb {

// Reads a data set from disk and stores it as a (content-addressed) version.
class IngestJob : public Job {
    Q_OBJECT
public:
    struct Params {
        QString path;
        QString name;                    // empty: the folder or file name
        IngestOptions options;           // progress and cancel are set by the job
        double validationFraction = 0.1; // recorded with the version
        quint64 splitSeed = 42;
    };
    struct Result {
        DatasetStore::SaveResult saved;
        double seconds = 0;
    };

    IngestJob(WorkspacePtr workspace, Params params, QObject *parent = nullptr);
    const Result &result() const { return m_result; }

protected:
    void execute() override;

private:
    WorkspacePtr m_workspace;
    Params m_params;
    Result m_result;
};

} // namespace mlwb
