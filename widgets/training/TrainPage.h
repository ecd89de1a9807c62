#pragma once
#include "AppContext.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTabWidget;

namespace mlwb {

class ErrorLabel;
class InterruptedRunsBar;
class QueuePanel;
class RunTableModel;
class TrainJob;
struct ClaimedEntry;
class TrainSettingsPanel;
class TrainingPlots;

// The Train page: the settings of a training on the left; on the right the live curves of
// the checked runs over the tabs Runs and Queue. One training at a time: when none runs and
// the queue is not paused, the page starts the next queued entry.
class TrainPage : public QWidget {
    Q_OBJECT
public:
    TrainPage(AppContext &context, QWidget *parent = nullptr);
    ~TrainPage() override;

    // Validates the form and starts a TrainJob. False (with the reason shown) when the
    // settings are invalid, no data set is chosen or a training already runs.
    bool startTraining();
    // Continues an interrupted (or cancelled / failed) run from its last checkpoint.
    bool resumeRun(qint64 runId);
    void setPaused(bool paused);
    void togglePause();
    void cancelTraining();
    // Asks for the next waiting queue entry when nothing trains; it starts once claimed (the
    // claim is written on the store thread). currentQueueEntry() then names it.
    void startNextQueued();

    TrainJob *currentJob() const; // null when no training runs
    qint64 currentRunId() const { return m_runId; }
    bool isPaused() const;
    QString errorText() const;

    TrainSettingsPanel *settingsPanel() const { return m_settings; }
    TrainingPlots *plots() const { return m_plots; }
    RunTableModel *runModel() const { return m_runs; }
    InterruptedRunsBar *interruptedRunsBar() const { return m_interrupted; }
    QueuePanel *queuePanel() const { return m_queue; }
    qint64 currentQueueEntry() const { return m_queueEntry; } // 0 when the run is not from the queue

Q_SIGNALS:
    // After the run's job ended, however it ended.
    void trainingFinished(qint64 runId);

private:
    QWidget *buildControls();
    QWidget *buildRunsTab();
    void startClaimed(const ClaimedEntry &claimed);
    void finishQueueEntry();
    bool launch(std::unique_ptr<TrainJob> job, bool resuming);
    void onRunCreated(qint64 runId, bool resuming);
    void onProgress(qint64 done, qint64 total, const QString &what);
    void onJobEnded(qint64 runId);
    void showError(const QString &message);
    void updateButtons();
    void updateSelectedRunSummary();
    void offerInterruptedRuns();

    AppContext &m_context;
    TrainSettingsPanel *m_settings;
    TrainingPlots *m_plots;
    RunTableModel *m_runs;
    InterruptedRunsBar *m_interrupted;
    QueuePanel *m_queue;
    QTableView *m_runTable = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPushButton *m_start = nullptr, *m_enqueue = nullptr, *m_pause = nullptr, *m_cancel = nullptr, *m_resumeSelected = nullptr, *m_openEvaluation = nullptr;
    ErrorLabel *m_error = nullptr;
    QLabel *m_status = nullptr, *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;
    QPointer<TrainJob> m_job;
    qint64 m_runId = 0;
    qint64 m_queueEntry = 0;
    bool m_claiming = false; // a claim is on its way through the store thread
};

} // namespace mlwb
