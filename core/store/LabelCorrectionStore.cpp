#include "store/LabelCorrectionStore.h"

#include "common/Error.h"
#include "store/Database.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace mlwb {
namespace {

// What a correction is checked against: the version's size and classes.
struct VersionShape {
    QString label; // "mnist (1a2b3c4d)", for messages
    qint64 count = 0;
    int classes = 0;
};

VersionShape shapeOf(const Database &db, const QString &datasetId)
{
    QSqlQuery q = db.exec(
        QStringLiteral("SELECT name, class_names_json, train_count + test_count FROM datasets WHERE id = ?"),
        {datasetId});
    if (!q.next())
        throw UsageError(QStringLiteral("there is no data set version %1 to correct a label of").arg(datasetId));
    VersionShape shape;
    shape.label = QStringLiteral("%1 (%2)").arg(q.value(0).toString(), datasetId.left(8));
    shape.classes = int(QJsonDocument::fromJson(q.value(1).toByteArray()).array().size());
    shape.count = q.value(2).toLongLong();
    return shape;
}

} // namespace

QJsonObject LabelCorrection::toJson() const
{
    return {{QStringLiteral("dataset"), datasetId},
            {QStringLiteral("index"), sampleIndex},
            {QStringLiteral("label"), label},
            {QStringLiteral("by"), by},
            {QStringLiteral("at"), toSqlTime(at)}};
}

void LabelCorrectionStore::correct(const QString &datasetId, qint64 sampleIndex, std::optional<int> label,
                                   const QString &by) const
{
    const Database &db = m_workspace.database();
    db.transaction([&] {
        const VersionShape shape = shapeOf(db, datasetId);
        if (sampleIndex < 0 || sampleIndex >= shape.count)
            throw UsageError(QStringLiteral("data set %1 has images 0 to %2; there is no image %3")
                                 .arg(shape.label).arg(shape.count - 1).arg(sampleIndex));
        if (label && (*label < 0 || *label >= shape.classes))
            throw UsageError(QStringLiteral("data set %1 has classes 0 to %2; %3 is not one of them")
                                 .arg(shape.label).arg(shape.classes - 1).arg(*label));
        // Set or replace = delete, then insert: plain SQL that every backend runs the same.
        db.exec(QStringLiteral("DELETE FROM dataset_label_corrections WHERE dataset_id = ? AND sample_index = ?"),
                {datasetId, sampleIndex});
        if (label)
            db.exec(QStringLiteral("INSERT INTO dataset_label_corrections "
                                   "(dataset_id, sample_index, label, corrected_by, corrected_at) VALUES (?, ?, ?, ?, ?)"),
                    {datasetId, sampleIndex, *label, sqlText(by), sqlNow()});
    });
}

std::optional<LabelCorrection> LabelCorrectionStore::correction(const QString &datasetId, qint64 sampleIndex) const
{
    QSqlQuery q = m_workspace.database().exec(
        QStringLiteral("SELECT label, corrected_by, corrected_at FROM dataset_label_corrections "
                       "WHERE dataset_id = ? AND sample_index = ?"),
        {datasetId, sampleIndex});
    if (!q.next())
        return std::nullopt;
    return LabelCorrection{datasetId, sampleIndex, q.value(0).toInt(), q.value(1).toString(), fromSqlTime(q.value(2))};
}

QList<LabelCorrection> LabelCorrectionStore::list(const QString &datasetId) const
{
    QSqlQuery q = m_workspace.database().exec(
        QStringLiteral("SELECT sample_index, label, corrected_by, corrected_at FROM dataset_label_corrections "
                       "WHERE dataset_id = ? ORDER BY sample_index"),
        {datasetId});
    QList<LabelCorrection> corrections;
    while (q.next())
        corrections << LabelCorrection{datasetId, q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toString(),
                                       fromSqlTime(q.value(3))};
    return corrections;
}

} // namespace mlwb
