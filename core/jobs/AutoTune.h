#pragma once
#include "jobs/Job.h"
#include "registry/Gates.h"
#include "store/Workspace.h"
#include "training/TrainSettings.h"

#include <QList>
#include <QMutex>
#include <QStringList>
#include <QtNumeric>
#include <atomic>
#include <optional>
#include <vector>

namespace mlwb {

struct QueueEntry;

// The values an auto-tune search tries. An empty list keeps the base settings' value. The
// default is a small neighbourhood of what trains the built-in models well.
struct SearchSpace {
    QList<double> learningRates{0.0003, 0.001, 0.003, 0.01};
    QStringList optimizers{QStringLiteral("adam"), QStringLiteral("sgd")};
    QList<int> batchSizes{64, 128, 256};
    QList<int> epochs{1, 2, 3};

    // The number of combinations (an empty list counts as one value).
    qint64 size() const;
};

// A bounded hyper-parameter search for a run that missed the promotion gate.
struct AutoTuneSettings {
    enum class Strategy { Random, Grid };

    QString datasetRef;  // id, id prefix or name
    TrainSettings base;  // every setting the space does not vary (architecture, seed, ...)
    SearchSpace space;
    Strategy strategy = Strategy::Random;
    int budgetTrials = 8;
    double budgetMinutes = 0; // 0: no time budget; checked before a trial starts
    // The macro-F1 a trial's model must reach; unset: the workspace's gate. The other gates
    // (maximum parameters) are always the workspace's.
    std::optional<double> minMacroF1;
    quint64 seed = 1;  // of the random draw, not of the training
    int priority = 10; // of the trials' queue entries
    // The base run was trained already: a trial with exactly its settings would repeat it.
    bool skipBase = true;
};

// The settings of the trials, at most budgetTrials, all distinct. Grid: every combination
// in a fixed order, learning rate varying slowest, then optimizer, batch size, epochs.
// Random: distinct combinations drawn with the seed (the same on every machine). Throws
// UsageError for a budget below 1 or a setting that does not validate.
std::vector<TrainSettings> planTrials(const AutoTuneSettings &settings);

QString autoTuneStrategyName(AutoTuneSettings::Strategy strategy); // "random" | "grid"
std::optional<AutoTuneSettings::Strategy> autoTuneStrategyFromString(const QString &text);

// Runs planTrials() as queued runs: all are added to the run queue (visible in the Train
// page's Queue tab) and then claimed and trained one at a time by this job; an entry that
// the window's queue runner took first is waited for and its run's result taken. Stops at
// the first trial whose model passes the gates (it is not promoted: that is the user's
// decision), or when a budget is used up. Whatever way it ends, none of its entries is left
// waiting in the queue.
class AutoTuneJob : public Job {
    Q_OBJECT
public:
    using Params = AutoTuneSettings;
    struct Trial {
        int number = 0; // 1-based
        TrainSettings settings;
        qint64 queueEntryId = 0;
        qint64 runId = 0; // 0 until the run exists
        std::optional<qint64> modelId;
        double macroF1 = qQNaN(); // NaN: no model (yet)
        bool passed = false;
        QStringList gateFailures; // why the model missed the gates
        QString error;            // why the trial made no model
        double seconds = 0;
        bool finished = false;
    };
    struct Result {
        QList<Trial> trials; // the trials that started
        int best = -1;       // index into trials of the highest macro-F1; -1 when none made a model
        bool passed = false;
        // "passed", "trial budget", "time budget", "search space exhausted", "cancelled", or
        // "failed" (the search itself failed: the job reports why)
        QString stopReason;
    };

    AutoTuneJob(WorkspacePtr workspace, Params params, QObject *parent = nullptr);
    const Params &params() const { return m_params; }
    // After the job ended (also after a cancel or failure: what ran until then).
    const Result &result() const { return m_result; }
    // Any thread, any time: the trials that started so far, the running one included.
    QList<Trial> trials() const;
    // How many trials the search plans (known once it started; 0 before).
    int plannedTrials() const { return m_planned.load(); }

Q_SIGNALS:
    void trialStarted(int number);
    void trialFinished(int number);

protected:
    void execute() override;

private:
    void runTrial(Trial &trial);
    void takeOthersResult(const QueueEntry &entry, Trial &trial) const;
    void judge(Trial &trial) const;
    void update(const Trial &trial);
    void endWith(const QString &stopReason);
    void removeUnstarted(const QList<qint64> &entryIds) const;
    void waitHalfASecond() const;

    WorkspacePtr m_workspace;
    Params m_params;
    Gates m_gates; // the workspace's, with the search's minimum macro-F1
    Result m_result;
    mutable QMutex m_mutex; // guards m_trials
    QList<Trial> m_trials;
    std::atomic_int m_planned{0};
};

} // namespace mlwb
