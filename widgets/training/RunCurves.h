#pragma once
#include "plots/ExponentialMovingAverage.h"
#include "store/Workspace.h"

#include <QString>
#include <map>

class QCPGraph;

namespace mlwb {

// The graphs that draw one run, one per curve; a run's graphs share its colour.
struct RunGraphs {
    QCPGraph *loss = nullptr;         // train_loss per batch, raw (light)
    QCPGraph *lossSmoothed = nullptr; // its exponential moving average (bold)
    QCPGraph *valLoss = nullptr;      // per epoch
    QCPGraph *valAccuracy = nullptr;  // per epoch
    QCPGraph *learningRate = nullptr; // per batch
};

// Follows one run's curves in the RunStore: each poll() appends the points stored since the
// last one to the graphs. The points drawn are exactly the stored ones, whoever trains the
// run (this process or the command line). Owns its graphs: they leave the plots with it.
class RunCurves {
public:
    RunCurves(WorkspacePtr workspace, qint64 runId, RunGraphs graphs);
    ~RunCurves();
    RunCurves(const RunCurves &) = delete;
    RunCurves &operator=(const RunCurves &) = delete;

    qint64 runId() const { return m_runId; }
    const RunGraphs &graphs() const { return m_graphs; }

    // Appends new points; returns how many. Runs a few small queries (on the calling thread).
    int poll();
    // False once the run has ended and its last points are drawn: no need to poll any more.
    bool following() const { return m_following; }
    // Forgets every point (a resumed run rewrites its curves after the checkpoint).
    void restart();

private:
    int append(const QString &metric, QCPGraph *graph, bool byEpoch, QCPGraph *smoothed = nullptr);

    WorkspacePtr m_workspace;
    qint64 m_runId;
    RunGraphs m_graphs;
    std::map<QString, qint64> m_lastStep; // per metric name
    ExponentialMovingAverage m_lossAverage;
    bool m_following = true;
};

} // namespace mlwb
