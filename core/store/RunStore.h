#pragma once
#include "common/CodeVersion.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace mlwb {

class Workspace;

enum class RunStatus { Queued, Running, Finished, Failed, Cancelled, Interrupted };

QString runStatusName(RunStatus status);                     // "queued", "running", ...
std::optional<RunStatus> runStatusFromString(const QString &text);
bool isTerminal(RunStatus status);                         // finished, failed, cancelled, interrupted

struct RunRecord {
    qint64 id = 0;
    QString datasetId;
    QString architecture;
    QJsonObject settings;
    RunStatus status = RunStatus::Queued;
    QDateTime created;
    QDateTime started;  // invalid until markRunning
    QDateTime finished; // invalid until a terminal status
    int epochsDone = 0;
    QString error;
    QString codeVersion;
    qint64 pid = 0;     // of the process that last ran it, 0 if never
    std::optional<qint64> modelId;

    QJsonObject toJson() const;
};

// One point of a metric curve. Conventional names: "train_loss", "train_accuracy",
// "val_loss", "val_accuracy", "lr". step counts optimizer steps from the run's start.
struct MetricPoint {
    QString name;
    qint64 step = 0;
    int epoch = 0;
    double value = 0.0;

    bool operator==(const MetricPoint &) const = default;
};

// Training runs and their metric curves.
//
// A process that trains a run holds its RunLock (RunLock.h) for as long as it trains, and
// takes it BEFORE markRunning(): recoverInterruptedRuns() treats a 'running' run whose lock
// nobody holds as interrupted.
class RunStore {
public:
    explicit RunStore(const Workspace &workspace) : m_workspace(workspace) {}

    // A new 'queued' run; also creates runs/<id>/. code_version defaults to this build's.
    qint64 createRun(const QString &datasetId, const QString &architecture, const QJsonObject &settings,
                     const QString &codeVersion = mlwb::codeVersion()) const;
    // status 'running', pid = this process, started_at = now, error cleared. A resumed run
    // ('interrupted', 'failed', 'cancelled') may be marked running again.
    void markRunning(qint64 runId) const;
    // Sets the status (and finished_at for a terminal one) and the error text.
    void setStatus(qint64 runId, RunStatus status, const QString &error = {}) const;
    void setEpochsDone(qint64 runId, int epochs) const;
    void setModel(qint64 runId, std::optional<qint64> modelId) const;

    // All points in one transaction (the trainer flushes a batch about twice a second).
    void appendMetrics(qint64 runId, const std::vector<MetricPoint> &points) const;
    // One curve, by step.
    std::vector<MetricPoint> metrics(qint64 runId, const QString &name) const;
    // Points after `afterStep` (for a view that polls a run another process trains).
    std::vector<MetricPoint> metricsSince(qint64 runId, const QString &name, qint64 afterStep) const;
    QStringList metricNames(qint64 runId) const;
    // The last point of one curve for every run that has it, by run id (one query for a
    // whole run list).
    QHash<qint64, double> lastValues(const QString &name) const;
    // Drops the points of a resumed run beyond `step` (they will be produced again).
    void truncateMetrics(qint64 runId, qint64 afterStep) const;

    std::optional<RunRecord> run(qint64 runId) const;
    RunRecord require(qint64 runId) const; // throws UsageError when there is no such run
    QList<RunRecord> list() const;          // newest first

    // Marks every 'running' run whose lock no live process holds as 'interrupted' (a killed
    // or crashed trainer). Returns how many. Safe to call at any time from any process.
    int recoverInterruptedRuns() const;

private:
    void requireUpdated(qint64 runId, int changedRows) const;

    const Workspace &m_workspace;
};

} // namespace mlwb
