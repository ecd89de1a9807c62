#include "monitoring/AlertStore.h"

#include "common/Error.h"
#include "monitoring/WindowReport.h"
#include "store/Database.h"
#include "store/Workspace.h"

#include <QSqlQuery>
#include <algorithm>
#include <cmath>
#include <limits>

namespace mlwb {

namespace {

const QString kColumns = QStringLiteral(
    "id, model_id, statistic, reference, window_from, window_to, first_sample_id, last_sample_id, sample_count, "
    "value, p_value, threshold, created_at, acknowledged_at, acknowledged_by");

MonitorAlert alertFromRow(const QSqlQuery &q)
{
    MonitorAlert a;
    a.id = q.value(0).toLongLong();
    a.modelId = q.value(1).isNull() ? 0 : q.value(1).toLongLong();
    a.statistic = q.value(2).toString();
    a.reference = q.value(3).toString();
    a.windowFrom = fromSqlTime(q.value(4));
    a.windowTo = fromSqlTime(q.value(5));
    a.firstSampleId = q.value(6).toLongLong();
    a.lastSampleId = q.value(7).toLongLong();
    a.sampleCount = q.value(8).toLongLong();
    a.value = q.value(9).toDouble();
    a.pValue = q.value(10).toDouble();
    a.threshold = q.value(11).toDouble();
    a.created = fromSqlTime(q.value(12));
    a.acknowledgedAt = fromSqlTime(q.value(13));
    a.acknowledgedBy = q.value(14).toString();
    return a;
}

// SQLite keeps REAL as a double, but a p-value of 0 or a statistic that overflowed must not
// end up as NULL in a NOT NULL column.
double storable(double v)
{
    if (std::isnan(v))
        return 0;
    return std::clamp(v, -std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
}

QVariant modelValue(qint64 modelId)
{
    return modelId > 0 ? QVariant(modelId) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace

QJsonObject MonitorAlert::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("model"), modelId},
            {QStringLiteral("statistic"), statistic},
            {QStringLiteral("reference"), reference},
            {QStringLiteral("window"), QJsonObject{{QStringLiteral("from"), toSqlTime(windowFrom)},
                                                   {QStringLiteral("to"), toSqlTime(windowTo)},
                                                   {QStringLiteral("firstSample"), firstSampleId},
                                                   {QStringLiteral("lastSample"), lastSampleId},
                                                   {QStringLiteral("samples"), sampleCount}}},
            {QStringLiteral("value"), value},
            {QStringLiteral("pValue"), pValue},
            {QStringLiteral("threshold"), threshold},
            {QStringLiteral("created"), toSqlTime(created)},
            {QStringLiteral("acknowledged"), acknowledged()},
            {QStringLiteral("acknowledgedAt"), acknowledged() ? QJsonValue(toSqlTime(acknowledgedAt)) : QJsonValue()},
            {QStringLiteral("acknowledgedBy"), acknowledgedBy},
            {QStringLiteral("new"), isNew}};
}

QList<MonitorAlert> alertsOf(const WindowReport &report, qint64 modelId, const QString &reference)
{
    QList<MonitorAlert> alerts;
    for (const StatisticResult &s : report.statistics) {
        if (!s.alert)
            continue;
        MonitorAlert a;
        a.modelId = modelId;
        a.statistic = driftStatisticKey(s.statistic);
        a.reference = reference;
        a.windowFrom = report.from;
        a.windowTo = report.to;
        a.firstSampleId = report.firstSampleId;
        a.lastSampleId = report.lastSampleId;
        a.sampleCount = report.samples;
        a.value = s.value;
        a.pValue = s.pValue;
        a.threshold = s.threshold;
        alerts << a;
    }
    return alerts;
}

QList<MonitorAlert> AlertStore::record(const QList<MonitorAlert> &alerts) const
{
    if (alerts.isEmpty())
        return {};
    const Database &db = m_workspace.database();
    return db.transaction([&] {
        QList<MonitorAlert> stored;
        for (const MonitorAlert &a : alerts) {
            // Overlapping sample ranges: each starts before the other ends.
            QSqlQuery existing = db.exec(
                QStringLiteral("SELECT %1 FROM monitor_alerts WHERE statistic = ? AND %2 "
                               "AND first_sample_id <= ? AND last_sample_id >= ? ORDER BY id LIMIT 1")
                    .arg(kColumns, a.modelId > 0 ? QStringLiteral("model_id = ?") : QStringLiteral("model_id IS NULL")),
                a.modelId > 0 ? QVariantList{a.statistic, a.modelId, a.lastSampleId, a.firstSampleId}
                              : QVariantList{a.statistic, a.lastSampleId, a.firstSampleId});
            if (existing.next()) {
                stored << alertFromRow(existing);
                continue;
            }
            MonitorAlert row = a;
            row.created = QDateTime::currentDateTimeUtc();
            row.acknowledgedAt = {};
            row.acknowledgedBy.clear();
            row.id = db.insert(
                QStringLiteral("INSERT INTO monitor_alerts (model_id, statistic, reference, window_from, window_to, "
                               "first_sample_id, last_sample_id, sample_count, value, p_value, threshold, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {modelValue(a.modelId), a.statistic, sqlText(a.reference), toSqlTime(a.windowFrom), toSqlTime(a.windowTo),
                 a.firstSampleId, a.lastSampleId, a.sampleCount, storable(a.value), storable(a.pValue),
                 storable(a.threshold), toSqlTime(row.created)});
            row.isNew = true;
            stored << row;
        }
        return stored;
    });
}

std::optional<MonitorAlert> AlertStore::alert(qint64 id) const
{
    QSqlQuery q = m_workspace.database().exec(QStringLiteral("SELECT %1 FROM monitor_alerts WHERE id = ?").arg(kColumns), {id});
    if (!q.next())
        return std::nullopt;
    return alertFromRow(q);
}

QList<MonitorAlert> AlertStore::list(bool unacknowledgedOnly, qint64 limit) const
{
    QSqlQuery q = m_workspace.database().exec(
        QStringLiteral("SELECT %1 FROM monitor_alerts%2 ORDER BY id DESC LIMIT ?")
            .arg(kColumns, unacknowledgedOnly ? QStringLiteral(" WHERE acknowledged_at IS NULL") : QString()),
        {limit < 0 ? std::numeric_limits<qint64>::max() : limit});
    QList<MonitorAlert> alerts;
    while (q.next())
        alerts << alertFromRow(q);
    return alerts;
}

qint64 AlertStore::unacknowledgedCount() const
{
    return m_workspace.database()
        .scalar(QStringLiteral("SELECT COUNT(*) FROM monitor_alerts WHERE acknowledged_at IS NULL"))
        .toLongLong();
}

MonitorAlert AlertStore::acknowledge(qint64 id, const QString &by) const
{
    const Database &db = m_workspace.database();
    return db.transaction([&] {
        std::optional<MonitorAlert> a = alert(id);
        if (!a)
            throw UsageError(QStringLiteral("there is no monitor alert %1").arg(id));
        if (!a->acknowledged()) {
            db.exec(QStringLiteral("UPDATE monitor_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?"),
                    {sqlNow(), sqlText(by), id});
            a = alert(id);
        }
        return *a;
    });
}

} // namespace mlwb
