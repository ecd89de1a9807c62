#pragma once
#include "monitoring/MonitorEngine.h"

#include <QWidget>

class QCustomPlot;
class QCPCurve;
class QCPGraph;
class QCPItemStraightLine;

namespace mlwb {

// The p-value of every statistic per window on a log axis, with the threshold below which a
// window alerts (α over the statistics tested) and the alerting points ringed in red. Lower
// is more drift. A click on a point asks for that window's samples by that statistic; a
// click on a legend entry hides or shows its statistic.
class DriftPlot : public QWidget {
    Q_OBJECT
public:
    explicit DriftPlot(QWidget *parent = nullptr);

    void setSnapshot(const MonitorSnapshot &snapshot);
    void setSelectedWindow(int number); // 0: none
    QCustomPlot *plot() const { return m_plot; }
    // The graph of a statistic (for tests): its keys are window numbers, values p-values.
    QCPGraph *graph(DriftStatistic statistic) const;
    QCPGraph *thresholdGraph() const { return m_threshold; }
    int alertPointCount() const;

    // A p-value of 0 (or below this) is drawn here.
    static constexpr double kFloor = 1e-16;

Q_SIGNALS:
    void pointActivated(int window, mlwb::DriftStatistic statistic);

private:
    void fit();

    QCustomPlot *m_plot;
    std::vector<QCPGraph *> m_graphs; // allDriftStatistics() order
    QCPGraph *m_threshold;
    QCPCurve *m_alerts;
    QCPItemStraightLine *m_selected;
    int m_windows = 0;
    double m_lowest = 1;
};

} // namespace mlwb
