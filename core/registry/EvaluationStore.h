#pragma once
#include "evaluation/Evaluator.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace mlwb {

class Workspace;

// An evaluation kept in the workspace: one model version on one data set version's test split.
struct EvaluationRecord {
    qint64 id = 0;
    qint64 modelId = 0;
    QString datasetId;
    QDateTime created;
    qint64 samples = 0;
    double accuracy = 0, macroF1 = 0, weightedF1 = 0;
    // {"classes": [...], "report": ClassificationReport::toJson, "latencyMs": {"p50", "p99"},
    //  "parameters", "sizeBytes", "robustness": corruptionCurvesToJson (once computed)}
    QJsonObject summary;
    QString path; // of the per-sample file, relative to the workspace

    QJsonObject toJson() const;
};

// The stored evaluations of a workspace. The per-sample file is written atomically before its
// row is inserted or replaced in one transaction, so a crash leaves the old evaluation or the
// new one; opening one again reads the file instead of running the model.
class EvaluationStore {
public:
    explicit EvaluationStore(const Workspace &workspace) : m_workspace(workspace) {}

    std::optional<EvaluationRecord> find(qint64 modelId, const QString &datasetId) const;
    QList<EvaluationRecord> forModel(qint64 modelId) const; // newest first
    // The median single-image latency (ms) of every model on its own data set, in one query
    // (the Models page's column); models without a stored latency are missing.
    QHash<qint64, double> ownDataLatencies() const;

    // Stores (or replaces) the evaluation of modelId on datasetId. `summary` gets the report
    // under "report" and the class names under "classes".
    EvaluationRecord save(qint64 modelId, const QString &datasetId, const EvaluationResult &result,
                          const QStringList &classNames, QJsonObject summary = {}) const;
    // Sets one key of the summary (e.g. "robustness" when it was computed later).
    void setSummaryValue(qint64 evaluationId, const QString &key, const QJsonValue &value) const;

    // The per-sample data. Throws Error naming the file when it is missing or damaged.
    EvaluationResult loadSamples(const EvaluationRecord &record) const;

private:
    const Workspace &m_workspace;
};

} // namespace mlwb
