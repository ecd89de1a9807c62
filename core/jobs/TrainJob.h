#pragma once
#include "jobs/Job.h"
#include "store/Workspace.h"
#include "training/TrainSettings.h"
#include "training/Trainer.h"

#include <QJsonObject>
#include <optional>

namespace mlwb {

// Trains a model on a data set version as a recorded run: the run row, its metric curves
// (flushed about twice a second), a checkpoint per epoch, and at the end the evaluation on
// the test split and a registered model version. A resumed run continues from its last
// checkpoint. The run is marked cancelled / failed when it ends that way, and the run lock
// lets a later process see that a killed run was interrupted.
class TrainJob : public Job {
    Q_OBJECT
public:
    struct Params {
        QString datasetRef;      // id, id prefix or name; unused when resuming
        TrainSettings settings;  // unused when resuming (the run's own are used)
        qint64 resumeRunId = 0;  // > 0: resume this run
    };
    struct Result {
        qint64 runId = 0;
        std::optional<qint64> modelId;
        TrainResult training;
        QJsonObject evaluation; // EvaluationResult::toJson of the test split
        double seconds = 0;
    };

    TrainJob(WorkspacePtr workspace, Params params, QObject *parent = nullptr);
    const Result &result() const { return m_result; }
    // Known once the run row exists (right after start); 0 before.
    qint64 runId() const { return m_runId.load(); }
    // While paused, training waits between batches (cancel still works). Any thread.
    void setPaused(bool paused) { m_paused = paused; }
    bool isPaused() const { return m_paused.load(); }

Q_SIGNALS:
    // The run row exists (the GUI starts following its curves).
    void runCreated(qint64 runId);
    void epochFinished(const QJsonObject &epochMetrics);

protected:
    void execute() override;

private:
    qint64 prepareRun(TrainSettings &settings, QString &datasetId);
    void train(qint64 runId, const TrainSettings &settings, const QString &datasetId);

    WorkspacePtr m_workspace;
    Params m_params;
    Result m_result;
    std::atomic<qint64> m_runId{0};
    std::atomic_bool m_paused{false};
};

} // namespace mlwb
