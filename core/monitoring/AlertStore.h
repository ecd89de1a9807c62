#pragma once
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace mlwb {

class Workspace;
struct WindowReport;

// A statistic of a window of production samples that passed its threshold (see
// WindowReport.h), kept until the user has seen it.
struct MonitorAlert {
    qint64 id = 0;
    qint64 modelId = 0;
    QString statistic;        // driftStatisticKey
    QString reference;        // what the window was compared with (MonitorReference::key)
    QDateTime windowFrom, windowTo; // from <= created < to
    qint64 firstSampleId = 0, lastSampleId = 0, sampleCount = 0;
    double value = 0, pValue = 1, threshold = 0;
    QDateTime created;
    QDateTime acknowledgedAt; // invalid: not acknowledged yet
    QString acknowledgedBy;
    bool isNew = false;       // record(): stored now (false: an earlier one covers it)

    bool acknowledged() const { return acknowledgedAt.isValid(); }
    // {"id", "model", "statistic", "reference", "window": {"from", "to", "firstSample",
    //  "lastSample", "samples"}, "value", "pValue", "threshold", "created", "acknowledged",
    //  "acknowledgedAt", "acknowledgedBy", "new"}
    QJsonObject toJson() const;
};

// The alerts of the window's statistics that passed their thresholds, for a model and a
// reference (not stored yet: id 0).
QList<MonitorAlert> alertsOf(const WindowReport &report, qint64 modelId, const QString &reference);

// The monitor's alerts in the workspace (table monitor_alerts).
class AlertStore {
public:
    explicit AlertStore(const Workspace &workspace) : m_workspace(workspace) {}

    // Stores the alerts in one transaction. An alert is not stored twice: when one of the same
    // model and statistic already covers an overlapping sample range (the same samples seen
    // again, by a later check of the latest window or a longer one), that one is returned
    // instead, with isNew false. Returns one alert per one given, in order.
    QList<MonitorAlert> record(const QList<MonitorAlert> &alerts) const;

    std::optional<MonitorAlert> alert(qint64 id) const;
    // Newest first; limit < 0: all.
    QList<MonitorAlert> list(bool unacknowledgedOnly = false, qint64 limit = -1) const;
    qint64 unacknowledgedCount() const; // for the status bar

    // Marks an alert seen (acknowledging one twice keeps the first time). Throws UsageError
    // for an unknown id.
    MonitorAlert acknowledge(qint64 id, const QString &by) const;

private:
    const Workspace &m_workspace;
};

} // namespace mlwb
