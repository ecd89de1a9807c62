#pragma once
#include "jobs/Job.h"
#include "jobs/ModelComparison.h"
#include "registry/ModelRegistry.h"
#include "store/Workspace.h"

#include <memory>

namespace mlwb {

// The Models page's long work as jobs: each may evaluate models, which must not happen on
// the UI thread.

// Compares 2–4 model versions on one test set (see ModelComparison.h).
class CompareJob : public Job {
    Q_OBJECT
public:
    struct Params {
        QList<qint64> modelIds;
        QString datasetRef; // empty: the first model's data set
    };
    CompareJob(WorkspacePtr workspace, Params params, QObject *parent = nullptr);
    std::shared_ptr<const ModelComparison> result() const { return m_result; }

protected:
    void execute() override;

private:
    WorkspacePtr m_workspace;
    Params m_params;
    std::shared_ptr<const ModelComparison> m_result;
};

// Promotes a model version through every gate (promoteThroughGates). A refusal fails the job
// with the gates' message; gateFailures() lists them.
class PromoteJob : public Job {
    Q_OBJECT
public:
    struct Params {
        qint64 modelId = 0;
        Gates gates;
        QString note;
    };
    PromoteJob(WorkspacePtr workspace, Params params, QObject *parent = nullptr);
    const ModelRegistry::PromoteResult &result() const { return m_result; }
    const QStringList &gateFailures() const { return m_gateFailures; }

protected:
    void execute() override;

private:
    WorkspacePtr m_workspace;
    Params m_params;
    ModelRegistry::PromoteResult m_result;
    QStringList m_gateFailures;
};

// Imports and evaluates a TorchScript classifier made elsewhere (importModel).
class ImportModelJob : public Job {
    Q_OBJECT
public:
    struct Params {
        QString file;
        QString datasetRef;
        QString name;
    };
    ImportModelJob(WorkspacePtr workspace, Params params, QObject *parent = nullptr);
    const ModelVersion &result() const { return m_result; }

protected:
    void execute() override;

private:
    WorkspacePtr m_workspace;
    Params m_params;
    ModelVersion m_result;
};

} // namespace mlwb
