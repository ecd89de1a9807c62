// ModelRegistry: aliases (production), promotion and rollback.
#include "registry/ModelRegistry.h"

#include "common/Error.h"
#include "common/Log.h"
#include "store/Database.h"
#include "store/Workspace.h"

#include <QSqlQuery>

#include <algorithm>
#include <vector>

namespace mlwb {
namespace {

QString describe(const std::optional<qint64> &modelId)
{
    return modelId ? QStringLiteral("model %1").arg(*modelId) : QStringLiteral("none");
}

// The models the alias has pointed at, oldest at the bottom, current on top: a promotion
// pushes, a rollback pops. Rolling back goes to the entry below the top.
std::vector<qint64> aliasStack(const QList<AliasEvent> &newestFirst)
{
    std::vector<qint64> stack;
    for (auto it = newestFirst.crbegin(); it != newestFirst.crend(); ++it) {
        if (it->action == u"rollback") {
            if (!stack.empty())
                stack.pop_back();
            if (stack.empty() || stack.back() != it->modelId)
                stack.push_back(it->modelId); // history edited by hand: trust the event
        } else {
            stack.push_back(it->modelId);
        }
    }
    return stack;
}

} // namespace

std::optional<qint64> ModelRegistry::aliasModelId(const QString &alias) const
{
    const QVariant id = m_workspace.database().scalar(QStringLiteral("SELECT model_id FROM aliases WHERE alias = ?"), {alias});
    if (!id.isValid() || id.isNull())
        return std::nullopt;
    return id.toLongLong();
}

std::optional<ModelVersion> ModelRegistry::aliasTarget(const QString &alias) const
{
    if (const auto id = aliasModelId(alias))
        return model(*id);
    return std::nullopt;
}

void ModelRegistry::moveAlias(const QString &alias, qint64 modelId, std::optional<qint64> previous,
                              const QString &action, const QString &note) const
{
    const Database &db = m_workspace.database();
    const QString at = sqlNow();
    db.exec(QStringLiteral("INSERT INTO aliases(alias, model_id, updated_at) VALUES(?, ?, ?) "
                           "ON CONFLICT(alias) DO UPDATE SET model_id = excluded.model_id, updated_at = excluded.updated_at"),
            {alias, modelId, at});
    db.exec(QStringLiteral("INSERT INTO alias_events(alias, model_id, previous_model_id, action, at, note) "
                           "VALUES(?, ?, ?, ?, ?, ?)"),
            {alias, modelId, previous ? QVariant(*previous) : QVariant(), action, at, sqlText(note)});
}

ModelRegistry::PromoteResult ModelRegistry::promote(qint64 modelId, const Gates &gates, const QString &note,
                                                    const QString &alias) const
{
    const PromoteResult result = m_workspace.database().transaction([&] {
        const ModelVersion candidate = require(modelId);
        const std::optional<qint64> current = aliasModelId(alias);
        PromoteResult r;
        r.previousModelId = current;
        if (current == modelId) {
            r.message = QStringLiteral("model %1 already is %2; nothing changed").arg(modelId).arg(alias);
            return r;
        }
        const QStringList failures = gateFailures(candidate, gates);
        if (!failures.isEmpty())
            throw GateError(modelId, failures);
        moveAlias(alias, modelId, current, QStringLiteral("promote"), note);
        r.changed = true;
        r.message = QStringLiteral("model %1 is now %2 (before: %3)").arg(modelId).arg(alias, describe(current));
        return r;
    });
    spdlog::info("{}", result.message);
    return result;
}

ModelVersion ModelRegistry::rollback(const QString &alias, const QString &note) const
{
    const qint64 target = m_workspace.database().transaction([&] {
        const std::vector<qint64> stack = aliasStack(history(alias));
        if (stack.size() < 2)
            throw UsageError(QStringLiteral("no earlier %1 model to roll back to").arg(alias));
        const qint64 back = stack[stack.size() - 2];
        const std::optional<qint64> current = aliasModelId(alias);
        require(back);
        moveAlias(alias, back, current, QStringLiteral("rollback"), note);
        return back;
    });
    spdlog::info("rolled {} back to model {}", alias, target);
    return require(target);
}

QList<AliasEvent> ModelRegistry::history(const QString &alias) const
{
    QSqlQuery q = m_workspace.database().exec(
        QStringLiteral("SELECT id, alias, model_id, previous_model_id, action, at, note FROM alias_events "
                       "WHERE alias = ? ORDER BY id DESC"),
        {alias});
    QList<AliasEvent> events;
    while (q.next()) {
        AliasEvent e;
        e.id = q.value(0).toLongLong();
        e.alias = q.value(1).toString();
        e.modelId = q.value(2).toLongLong();
        if (!q.value(3).isNull())
            e.previousModelId = q.value(3).toLongLong();
        e.action = q.value(4).toString();
        e.at = fromSqlTime(q.value(5));
        e.note = q.value(6).toString();
        events << e;
    }
    return events;
}

} // namespace mlwb
