#pragma once
#include "monitoring/MonitorEngine.h"

#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;

namespace mlwb {

// Accuracy per window: estimated without labels (ATC, from the model's confidence), the real
// accuracy over the samples labeled so far, and the reference's accuracy; on one plot, so that
// the estimate can be judged as labels arrive.
class AccuracyPlot : public QWidget {
    Q_OBJECT
public:
    explicit AccuracyPlot(QWidget *parent = nullptr);

    void setSnapshot(const MonitorSnapshot &snapshot);
    void setSelectedWindow(int number); // 0: none
    QCustomPlot *plot() const { return m_plot; }
    QCPGraph *estimatedGraph() const { return m_estimated; }
    QCPGraph *realGraph() const { return m_real; }

Q_SIGNALS:
    void windowClicked(int window);

private:
    QCustomPlot *m_plot;
    QCPGraph *m_estimated;
    QCPGraph *m_real;
    QCPGraph *m_reference;
    QCPItemStraightLine *m_selected;
};

} // namespace mlwb
