#pragma once
#include "monitoring/WindowReport.h"

#include <QStringList>
#include <QWidget>

class QCustomPlot;
class QCPBars;
class QCPGraph;

namespace mlwb {

// One window against the reference: the share of each predicted class, and the histogram of
// the model's confidence (its top probability). Bars are the window, outlines the reference.
class WindowDistributions : public QWidget {
    Q_OBJECT
public:
    explicit WindowDistributions(QWidget *parent = nullptr);

    void setWindow(const WindowReport *window, const QStringList &classNames); // null: empty
    QCustomPlot *classPlot() const { return m_classes; }
    QCustomPlot *confidencePlot() const { return m_confidence; }
    QCPBars *windowClassBars() const { return m_windowClasses; }
    QCPBars *windowConfidenceBars() const { return m_windowConfidence; }

private:
    QCustomPlot *m_classes;
    QCPBars *m_windowClasses;
    QCPBars *m_referenceClasses;
    QCustomPlot *m_confidence;
    QCPBars *m_windowConfidence;
    QCPGraph *m_referenceConfidence;
};

} // namespace mlwb
