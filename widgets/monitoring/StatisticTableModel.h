#pragma once
#include "monitoring/WindowReport.h"

#include <QAbstractTableModel>
#include <optional>

namespace mlwb {

// The eight statistics of one window: value, p-value, threshold and whether it alerts.
class StatisticTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Statistic, Value, PValue, Threshold, Verdict, ColumnCount };

    explicit StatisticTableModel(QObject *parent = nullptr);

    void setReport(const WindowReport *report); // null: empty
    DriftStatistic statistic(int row) const { return allDriftStatistics()[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<WindowReport> m_report;
};

} // namespace mlwb
