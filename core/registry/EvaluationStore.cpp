#include "registry/EvaluationStore.h"

#include "common/Error.h"
#include "evaluation/EvaluationSamples.h"
#include "common/AtomicFolder.h"
#include "store/Database.h"
#include "store/Workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace mlwb {

namespace {

const QString kColumns = QStringLiteral(
    "id, model_id, dataset_id, created_at, samples, accuracy, macro_f1, weighted_f1, summary_json, path");

EvaluationRecord recordFromRow(const QSqlQuery &q)
{
    EvaluationRecord r;
    r.id = q.value(0).toLongLong();
    r.modelId = q.value(1).toLongLong();
    r.datasetId = q.value(2).toString();
    r.created = fromSqlTime(q.value(3));
    r.samples = q.value(4).toLongLong();
    r.accuracy = q.value(5).toDouble();
    r.macroF1 = q.value(6).toDouble();
    r.weightedF1 = q.value(7).toDouble();
    r.summary = QJsonDocument::fromJson(q.value(8).toByteArray()).object();
    r.path = q.value(9).toString();
    return r;
}

} // namespace

QJsonObject EvaluationRecord::toJson() const
{
    QJsonObject json = summary;
    json[QStringLiteral("id")] = id;
    json[QStringLiteral("model")] = modelId;
    json[QStringLiteral("dataset")] = datasetId;
    json[QStringLiteral("created")] = toSqlTime(created);
    json[QStringLiteral("samples")] = samples;
    json[QStringLiteral("accuracy")] = accuracy;
    json[QStringLiteral("macroF1")] = macroF1;
    json[QStringLiteral("weightedF1")] = weightedF1;
    return json;
}

std::optional<EvaluationRecord> EvaluationStore::find(qint64 modelId, const QString &datasetId) const
{
    QSqlQuery q = m_workspace.database().exec(
        QStringLiteral("SELECT %1 FROM evaluations WHERE model_id = ? AND dataset_id = ?").arg(kColumns),
        {modelId, datasetId});
    if (!q.next())
        return std::nullopt;
    return recordFromRow(q);
}

QList<EvaluationRecord> EvaluationStore::forModel(qint64 modelId) const
{
    QSqlQuery q = m_workspace.database().exec(
        QStringLiteral("SELECT %1 FROM evaluations WHERE model_id = ? ORDER BY created_at DESC, id DESC").arg(kColumns),
        {modelId});
    QList<EvaluationRecord> records;
    while (q.next())
        records << recordFromRow(q);
    return records;
}

QHash<qint64, double> EvaluationStore::ownDataLatencies() const
{
    QSqlQuery q = m_workspace.database().exec(QStringLiteral(
        "SELECT e.model_id, e.summary_json FROM evaluations e JOIN models m "
        "ON m.id = e.model_id AND m.dataset_id = e.dataset_id"));
    QHash<qint64, double> latencies;
    while (q.next()) {
        const QJsonValue p50 = QJsonDocument::fromJson(q.value(1).toByteArray())
                                   .object().value(QStringLiteral("latencyMs")).toObject().value(QStringLiteral("p50"));
        if (p50.isDouble())
            latencies.insert(q.value(0).toLongLong(), p50.toDouble());
    }
    return latencies;
}

EvaluationRecord EvaluationStore::save(qint64 modelId, const QString &datasetId, const EvaluationResult &result,
                                       const QStringList &classNames, QJsonObject summary) const
{
    summary[QStringLiteral("report")] = result.report.toJson(classNames);
    summary[QStringLiteral("classes")] = QJsonArray::fromStringList(classNames);
    // One file per (model, data set): a repeated evaluation replaces it atomically.
    const QString path = QStringLiteral("evaluations/model-%1/%2.eval").arg(modelId).arg(datasetId);
    writeFileAtomically(m_workspace.absolute(path), encodeEvaluationSamples(result));
    const Database &db = m_workspace.database();
    db.transaction([&] {
        db.exec(QStringLiteral("DELETE FROM evaluations WHERE model_id = ? AND dataset_id = ?"), {modelId, datasetId});
        db.insert(QStringLiteral("INSERT INTO evaluations (model_id, dataset_id, created_at, samples, accuracy, macro_f1, "
                                 "weighted_f1, summary_json, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  {modelId, datasetId, sqlNow(), qint64(result.size()), result.report.accuracy, result.report.macroF1,
                   result.report.weightedF1, sqlJson(summary), path});
    });
    return *find(modelId, datasetId);
}

void EvaluationStore::setSummaryValue(qint64 evaluationId, const QString &key, const QJsonValue &value) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        const QVariant json = db.scalar(QStringLiteral("SELECT summary_json FROM evaluations WHERE id = ?"), {evaluationId});
        if (!json.isValid())
            throw UsageError(QStringLiteral("there is no evaluation %1").arg(evaluationId));
        QJsonObject summary = QJsonDocument::fromJson(json.toByteArray()).object();
        summary[key] = value;
        db.exec(QStringLiteral("UPDATE evaluations SET summary_json = ? WHERE id = ?"), {sqlJson(summary), evaluationId});
    });
}

EvaluationResult EvaluationStore::loadSamples(const EvaluationRecord &record) const
{
    const QString path = m_workspace.absolute(record.path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("%1: cannot read the stored evaluation: %2").arg(path, file.errorString()));
    return decodeEvaluationSamples(file.readAll(), path);
}

} // namespace mlwb
