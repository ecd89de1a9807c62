#pragma once
#include "monitoring/AlertStore.h"

#include <QAbstractTableModel>

namespace mlwb {

// The monitor's alerts as the Monitor page lists them, newest first: what passed its threshold
// in which window, and who acknowledged it when. Unacknowledged rows are bold.
class AlertTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Statistic, Window, Value, PValue, Threshold, Raised, Acknowledged, ColumnCount };

    explicit AlertTableModel(QObject *parent = nullptr);

    // A list equal to the shown one (same ids, same acknowledgements) changes nothing, so that
    // the view keeps its selection through the page's refreshes.
    void setAlerts(QList<MonitorAlert> alerts);
    const QList<MonitorAlert> &alerts() const { return m_alerts; }
    const MonitorAlert &alert(int row) const { return m_alerts[row]; }
    int rowOf(qint64 id) const; // -1: not listed
    qint64 unacknowledgedCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<MonitorAlert> m_alerts;
};

} // namespace mlwb
