#pragma once
#include "monitoring/MonitorEngine.h"

#include <QAbstractTableModel>

namespace mlwb {

// The windows of the Monitor page, newest first: each one's samples, time, alerts, strongest
// drift and accuracy (estimated without labels and real over the labeled ones). The window
// still filling is the first row.
class WindowTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Window, Samples, Alerts, EstimatedAccuracy, RealAccuracy, StrongestDrift, Time, ColumnCount };

    explicit WindowTableModel(QObject *parent = nullptr);

    // The windows of a snapshot; windowSize: how many samples fill one (0: a time span).
    void setWindows(const MonitorSnapshot &snapshot, qint64 windowSize);
    void clear();

    int windowNumber(int row) const; // 1-based, as the plots count
    int rowOfWindow(int number) const; // -1: not listed
    const WindowReport &report(int row) const { return m_rows[size_t(row)].report; }
    bool isFilling(int row) const { return m_rows[size_t(row)].filling; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        int number = 0;
        bool filling = false;
        WindowReport report;
    };
    std::vector<Row> m_rows;
    qint64 m_windowSize = 0;
};

} // namespace mlwb
