#include "store/LabelFlagStore.h"

#include "store/Database.h"
#include "store/Workspace.h"

#include <QSqlQuery>

namespace mlwb {

QJsonObject LabelFlag::toJson() const
{
    return {{QStringLiteral("dataset"), datasetId},
            {QStringLiteral("index"), sampleIndex},
            {QStringLiteral("model"), modelId ? QJsonValue(*modelId) : QJsonValue()},
            {QStringLiteral("flagged"), toSqlTime(flagged)},
            {QStringLiteral("note"), note}};
}

void LabelFlagStore::flag(const QString &datasetId, const QList<qint64> &sampleIndices, std::optional<qint64> modelId,
                          const QString &note) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        QSqlQuery remove = db.prepare(QStringLiteral("DELETE FROM label_flags WHERE dataset_id = ? AND sample_index = ?"));
        QSqlQuery insert = db.prepare(QStringLiteral(
            "INSERT INTO label_flags (dataset_id, sample_index, model_id, flagged_at, note) VALUES (?, ?, ?, ?, ?)"));
        const QString now = sqlNow();
        for (const qint64 index : sampleIndices) {
            db.run(remove, {datasetId, index});
            db.run(insert, {datasetId, index, modelId ? QVariant(*modelId) : QVariant(),
                            now, sqlText(note)});
        }
    });
}

void LabelFlagStore::unflag(const QString &datasetId, const QList<qint64> &sampleIndices) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        QSqlQuery remove = db.prepare(QStringLiteral("DELETE FROM label_flags WHERE dataset_id = ? AND sample_index = ?"));
        for (const qint64 index : sampleIndices)
            db.run(remove, {datasetId, index});
    });
}

int LabelFlagStore::toggle(const QString &datasetId, const QList<qint64> &sampleIndices,
                           std::optional<qint64> modelId) const
{
    const Database &db = m_workspace.database();
    return db.transaction([&] {
        const QSet<qint64> flagged = flaggedIndices(datasetId);
        QList<qint64> add, remove;
        for (const qint64 index : sampleIndices)
            (flagged.contains(index) ? remove : add) << index;
        unflag(datasetId, remove);
        flag(datasetId, add, modelId);
        return int(flagged.size() - remove.size() + add.size());
    });
}

QList<LabelFlag> LabelFlagStore::list(const QString &datasetId) const
{
    QSqlQuery q = m_workspace.database().exec(
        QStringLiteral("SELECT sample_index, model_id, flagged_at, note FROM label_flags WHERE dataset_id = ? "
                       "ORDER BY sample_index"),
        {datasetId});
    QList<LabelFlag> flags;
    while (q.next()) {
        LabelFlag f;
        f.datasetId = datasetId;
        f.sampleIndex = q.value(0).toLongLong();
        if (!q.value(1).isNull())
            f.modelId = q.value(1).toLongLong();
        f.flagged = fromSqlTime(q.value(2));
        f.note = q.value(3).toString();
        flags << f;
    }
    return flags;
}

QSet<qint64> LabelFlagStore::flaggedIndices(const QString &datasetId) const
{
    QSqlQuery q = m_workspace.database().exec(
        QStringLiteral("SELECT sample_index FROM label_flags WHERE dataset_id = ?"), {datasetId});
    QSet<qint64> indices;
    while (q.next())
        indices.insert(q.value(0).toLongLong());
    return indices;
}

} // namespace mlwb
