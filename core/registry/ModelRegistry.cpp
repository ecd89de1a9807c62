#include "registry/ModelRegistry.h"

#include "common/AtomicFolder.h"
#include "common/Error.h"
#include "common/Log.h"
#include "store/Database.h"
#include "store/RunStore.h"
#include "store/SettingsTable.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlQuery>

#include <cmath>

namespace mlwb {
namespace {

const QString kModelColumns = QStringLiteral(
    "id, run_id, dataset_id, architecture, parameter_count, path, created_at, accuracy, macro_f1, weighted_f1, "
    "evaluation_json, settings_json, code_version");

const QString kMinMacroF1Key = QStringLiteral("gates.min_macro_f1");
const QString kMaxParametersKey = QStringLiteral("gates.max_parameters");
const QString kBeatProductionKey = QStringLiteral("gates.beat_production");

ModelVersion modelFromRow(const QSqlQuery &q)
{
    ModelVersion m;
    m.id = q.value(0).toLongLong();
    if (!q.value(1).isNull())
        m.runId = q.value(1).toLongLong();
    m.datasetId = q.value(2).toString();
    m.architecture = q.value(3).toString();
    m.parameterCount = q.value(4).toLongLong();
    m.path = q.value(5).toString();
    m.created = fromSqlTime(q.value(6));
    m.accuracy = q.value(7).toDouble();
    m.macroF1 = q.value(8).toDouble();
    m.weightedF1 = q.value(9).toDouble();
    m.evaluation = QJsonDocument::fromJson(q.value(10).toByteArray()).object();
    m.settings = QJsonDocument::fromJson(q.value(11).toByteArray()).object();
    m.codeVersion = q.value(12).toString();
    return m;
}

QList<ModelVersion> modelsFrom(QSqlQuery query)
{
    QList<ModelVersion> models;
    while (query.next())
        models << modelFromRow(query);
    return models;
}

QJsonValue optionalId(const std::optional<qint64> &id)
{
    return id ? QJsonValue(*id) : QJsonValue();
}

} // namespace

QJsonObject ModelVersion::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("runId"), optionalId(runId)},
        {QStringLiteral("datasetId"), datasetId},
        {QStringLiteral("architecture"), architecture},
        {QStringLiteral("parameterCount"), parameterCount},
        {QStringLiteral("path"), path},
        {QStringLiteral("created"), toSqlTime(created)},
        {QStringLiteral("accuracy"), accuracy},
        {QStringLiteral("macroF1"), macroF1},
        {QStringLiteral("weightedF1"), weightedF1},
        {QStringLiteral("evaluation"), evaluation},
        {QStringLiteral("settings"), settings},
        {QStringLiteral("codeVersion"), codeVersion},
    };
}

QJsonObject AliasEvent::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("alias"), alias},
        {QStringLiteral("modelId"), modelId},
        {QStringLiteral("previousModelId"), optionalId(previousModelId)},
        {QStringLiteral("action"), action},
        {QStringLiteral("at"), toSqlTime(at)},
        {QStringLiteral("note"), note},
    };
}

ModelVersion ModelRegistry::registerModel(const NewModel &model, const QString &stagedDir) const
{
    for (const auto &[name, value] : {std::pair{"accuracy", model.accuracy}, std::pair{"macro-F1", model.macroF1},
                                      std::pair{"weighted-F1", model.weightedF1}})
        if (!std::isfinite(value))
            throw UsageError(QStringLiteral("cannot register a model whose %1 is %2").arg(QLatin1String(name)).arg(value));
    if (model.parameterCount < 0)
        throw UsageError(QStringLiteral("cannot register a model with %1 parameters").arg(model.parameterCount));
    if (!stagedDir.isEmpty() && !QFileInfo(stagedDir).isDir())
        throw Error(QStringLiteral("%1: the model's folder does not exist").arg(stagedDir));

    if (!stagedDir.isEmpty())
        removeDeadTemporaryFolders(m_workspace.modelsDir()); // staged imports of killed processes
    const Database &db = m_workspace.database();
    // Where the staged folder went during an attempt that then rolled back (a busy retry or
    // a failure): it goes back where the caller put it.
    QString movedTo;
    auto restoreStaged = [&] {
        if (!movedTo.isEmpty() && !QDir().rename(movedTo, stagedDir))
            spdlog::error("{}: could not move the model files back to {}", movedTo, stagedDir);
        movedTo.clear();
    };
    try {
        const qint64 id = db.transaction([&] {
            restoreStaged();
            const qint64 newId = db.insert(
                QStringLiteral("INSERT INTO models(run_id, dataset_id, architecture, parameter_count, path, created_at, "
                               "accuracy, macro_f1, weighted_f1, evaluation_json, settings_json, code_version) "
                               "VALUES(?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?)"),
                {model.runId ? QVariant(*model.runId) : QVariant(),
                 model.datasetId.isEmpty() ? QVariant() : QVariant(model.datasetId), sqlText(model.architecture),
                 model.parameterCount, sqlNow(), model.accuracy, model.macroF1,
                 model.weightedF1, sqlJson(model.evaluation), sqlJson(model.settings),
                 sqlText(model.codeVersion)});
            db.exec(QStringLiteral("UPDATE models SET path = ? WHERE id = ?"),
                    {Workspace::modelRelativePath(newId), newId});
            if (!stagedDir.isEmpty()) {
                const QString target = m_workspace.modelDir(newId);
                // Left by an id that was rolled back earlier, or by a process killed before its commit.
                removeDirectoryQuietly(target);
                if (!QDir().rename(stagedDir, target))
                    throw Error(QStringLiteral("%1: cannot move the model's files to %2").arg(stagedDir, target));
                movedTo = target;
                syncDirectory(m_workspace.modelsDir()); // the rename is on disk before the row can be
            }
            if (model.runId) {
                db.exec(QStringLiteral("UPDATE runs SET model_id = ? WHERE id = ?"), {newId, *model.runId});
                // Finished with its model in one step: a trainer killed right after this leaves
                // no interrupted run that a resume would train into a second model version.
                RunStore(m_workspace).setStatus(*model.runId, RunStatus::Finished);
            }
            return newId;
        });
        const ModelVersion registered = require(id);
        spdlog::info("registered model {} ({}, macro-F1 {:.4f})", id, registered.architecture, registered.macroF1);
        return registered;
    } catch (...) {
        restoreStaged();
        throw;
    }
}

std::optional<ModelVersion> ModelRegistry::model(qint64 id) const
{
    const QList<ModelVersion> found = modelsFrom(
        m_workspace.database().exec(QStringLiteral("SELECT %1 FROM models WHERE id = ?").arg(kModelColumns), {id}));
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

ModelVersion ModelRegistry::require(qint64 id) const
{
    if (auto m = model(id))
        return *m;
    throw UsageError(QStringLiteral("%1: there is no model version %2").arg(m_workspace.root()).arg(id));
}

QList<ModelVersion> ModelRegistry::list() const
{
    return modelsFrom(
        m_workspace.database().exec(QStringLiteral("SELECT %1 FROM models ORDER BY id DESC").arg(kModelColumns)));
}

QList<ModelVersion> ModelRegistry::compare() const
{
    return modelsFrom(m_workspace.database().exec(
        QStringLiteral("SELECT %1 FROM models ORDER BY macro_f1 DESC, created_at DESC, id DESC").arg(kModelColumns)));
}

Gates ModelRegistry::gates() const
{
    const SettingsTable settings(m_workspace.database());
    const Gates defaults;
    Gates g;
    g.minMacroF1 = settings.doubleValue(kMinMacroF1Key, defaults.minMacroF1);
    g.maxParameters = settings.integerValue(kMaxParametersKey, defaults.maxParameters);
    g.mustBeatProduction = settings.integerValue(kBeatProductionKey, defaults.mustBeatProduction ? 1 : 0) != 0;
    return g;
}

void ModelRegistry::setGates(const Gates &gates) const
{
    if (!(gates.minMacroF1 >= 0.0 && gates.minMacroF1 <= 1.0))
        throw UsageError(QStringLiteral("the minimum macro-F1 must lie between 0 and 1, not %1").arg(gates.minMacroF1));
    if (gates.maxParameters < 1)
        throw UsageError(QStringLiteral("the maximum parameter count must be at least 1, not %1").arg(gates.maxParameters));
    const SettingsTable settings(m_workspace.database());
    m_workspace.database().transaction([&] {
        settings.setValue(kMinMacroF1Key, QString::number(gates.minMacroF1, 'g', 17));
        settings.setValue(kMaxParametersKey, QString::number(gates.maxParameters));
        settings.setValue(kBeatProductionKey, gates.mustBeatProduction ? QStringLiteral("1") : QStringLiteral("0"));
    });
}

} // namespace mlwb
