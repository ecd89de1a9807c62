#pragma once
#include "registry/Gates.h"
#include "registry/ModelVersion.h"

#include <QList>
#include <QString>
#include <optional>

namespace mlwb {

class Workspace;

inline const QString kProductionAlias = QStringLiteral("production");

// Model versions of a workspace, the aliases that point at them (production), the promotion
// gates and the history of every alias move. All changes are single transactions.
class ModelRegistry {
public:
    explicit ModelRegistry(const Workspace &workspace) : m_workspace(workspace) {}

    // Records a model version. With stagedDir (a folder the caller filled with the model's
    // files, on the workspace's file system), the folder is renamed to models/<id> in the
    // same transaction: either both exist afterwards, or neither. Links the run to it and marks
    // the run finished, in that transaction too.
    // Throws UsageError for non-finite scores or a negative parameter count.
    ModelVersion registerModel(const NewModel &model, const QString &stagedDir = {}) const;

    std::optional<ModelVersion> model(qint64 id) const;
    ModelVersion require(qint64 id) const;   // throws UsageError when there is no such model
    QList<ModelVersion> list() const;        // newest first
    QList<ModelVersion> compare() const;     // best macro-F1 first; ties: newer first

    // The workspace's gates (Gates{} defaults until someone changes them).
    Gates gates() const;
    // Throws UsageError for a minimum outside [0, 1] or a maximum below 1.
    void setGates(const Gates &gates) const;

    struct PromoteResult {
        bool changed = false;                  // false: the model already was production
        std::optional<qint64> previousModelId; // what the alias pointed at before
        QString message;                       // one line for a person
    };
    // Moves the alias to modelId when it passes `gates` (throws GateError otherwise, and
    // UsageError for an unknown model). Promoting the current model changes nothing.
    PromoteResult promote(qint64 modelId, const Gates &gates, const QString &note = {},
                          const QString &alias = kProductionAlias) const;
    // Moves the alias back to the model it pointed at before the current one (rolling back
    // twice goes two steps back). Throws UsageError "no earlier production model to roll
    // back to" when there is none. Returns the model now behind the alias.
    ModelVersion rollback(const QString &alias = kProductionAlias, const QString &note = {}) const;

    std::optional<ModelVersion> aliasTarget(const QString &alias) const;
    std::optional<ModelVersion> production() const { return aliasTarget(kProductionAlias); }
    // Newest first.
    QList<AliasEvent> history(const QString &alias = kProductionAlias) const;

private:
    std::optional<qint64> aliasModelId(const QString &alias) const;
    void moveAlias(const QString &alias, qint64 modelId, std::optional<qint64> previous, const QString &action,
                   const QString &note) const;

    const Workspace &m_workspace;
};

} // namespace mlwb
