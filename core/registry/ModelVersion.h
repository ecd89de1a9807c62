#pragma once
#include "common/CodeVersion.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace mlwb {

// What registering a model records: where it came from and how well it did on the test set.
struct NewModel {
    std::optional<qint64> runId;   // the training run, if it was trained here
    QString datasetId;             // the data set version it was trained on; empty if unknown
    QString architecture;
    qint64 parameterCount = 0;
    double accuracy = 0.0;
    double macroF1 = 0.0;
    double weightedF1 = 0.0;
    QJsonObject evaluation;        // the full evaluation report
    QJsonObject settings;          // training settings
    QString codeVersion = mlwb::codeVersion();
};

// A registered model version. Its files live in Workspace::absolute(path).
struct ModelVersion {
    qint64 id = 0;
    std::optional<qint64> runId;
    QString datasetId;
    QString architecture;
    qint64 parameterCount = 0;
    QString path;                  // relative to the workspace: "models/<id>"
    QDateTime created;
    double accuracy = 0.0;
    double macroF1 = 0.0;
    double weightedF1 = 0.0;
    QJsonObject evaluation;
    QJsonObject settings;
    QString codeVersion;

    QJsonObject toJson() const;
};

// One move of an alias (e.g. "production").
struct AliasEvent {
    qint64 id = 0;
    QString alias;
    qint64 modelId = 0;
    std::optional<qint64> previousModelId;
    QString action;                // "promote" or "rollback"
    QDateTime at;
    QString note;

    QJsonObject toJson() const;
};

} // namespace mlwb
