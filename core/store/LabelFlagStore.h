#pragma once
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <optional>

namespace mlwb {

class Workspace;

// A data set sample whose recorded label looks wrong to someone ("suspected label error"),
// flagged on the Evaluate page or with the CLI. Unflagging removes it: nothing else changes,
// the data set version stays as it was (relabelling makes a new version).
struct LabelFlag {
    QString datasetId;
    qint64 sampleIndex = 0;
    std::optional<qint64> modelId; // the model whose evaluation it was flagged in
    QDateTime flagged;
    QString note;

    QJsonObject toJson() const;
};

class LabelFlagStore {
public:
    explicit LabelFlagStore(const Workspace &workspace) : m_workspace(workspace) {}

    // Flags (or re-notes) the samples in one transaction.
    void flag(const QString &datasetId, const QList<qint64> &sampleIndices, std::optional<qint64> modelId = {},
              const QString &note = {}) const;
    void unflag(const QString &datasetId, const QList<qint64> &sampleIndices) const;
    // Flags the unflagged ones and unflags the flagged ones; returns how many are flagged afterwards.
    int toggle(const QString &datasetId, const QList<qint64> &sampleIndices, std::optional<qint64> modelId = {}) const;

    QList<LabelFlag> list(const QString &datasetId) const; // by sample index
    QSet<qint64> flaggedIndices(const QString &datasetId) const;

private:
    const Workspace &m_workspace;
};

} // namespace mlwb
