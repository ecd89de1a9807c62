#pragma once
#include "store/Workspace.h"

#include <QTimer>
#include <QWidget>
#include <map>
#include <memory>

class QCustomPlot;

namespace mlwb {

class RunCurves;

// The live curves of the runs being looked at, overlaid in one colour per run: training loss
// per batch (raw and smoothed), validation loss and accuracy per epoch, learning rate.
// A 100 ms timer polls the store for the runs still training and replots each changed plot
// once per tick (queued), so that the plots refresh ten times a second at most whatever the
// batch rate is.
class TrainingPlots : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPlots(WorkspacePtr workspace, QWidget *parent = nullptr);
    ~TrainingPlots() override;

    // Draws these runs (and no others); runs already drawn keep their points.
    void showRuns(const QList<qint64> &runIds);
    void showRun(qint64 runId);
    // A resumed run: its points after the checkpoint come again, so start over.
    void restartRun(qint64 runId);
    QList<qint64> shownRuns() const;

    QCustomPlot *lossPlot() const { return m_loss; }
    QCustomPlot *validationLossPlot() const { return m_validationLoss; }
    QCustomPlot *validationAccuracyPlot() const { return m_validationAccuracy; }
    QCustomPlot *learningRatePlot() const { return m_learningRate; }
    const RunCurves *curves(qint64 runId) const;

    // Polls the runs still training and replots what changed (the timer calls it).
    void refresh();
    // The timer that drives refresh(); bench/ui_responsiveness.cpp times its ticks.
    const QTimer &refreshTimer() const { return m_timer; }

private:
    void addRun(qint64 runId);
    void updateEmptyState();

    WorkspacePtr m_workspace;
    QCustomPlot *m_loss, *m_validationLoss, *m_validationAccuracy, *m_learningRate;
    std::map<qint64, std::unique_ptr<RunCurves>> m_runs;
    QTimer m_timer;
};

} // namespace mlwb
