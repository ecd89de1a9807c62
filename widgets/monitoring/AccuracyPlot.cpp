#include "monitoring/AccuracyPlot.h"

#include "monitoring/PointClick.h"
#include "plots/HoverTracer.h"
#include "plots/PlotStyle.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace mlwb {

AccuracyPlot::AccuracyPlot(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    setUpPlot(m_plot, tr("Accuracy per window"), tr("window"), tr("accuracy"));
    m_plot->setObjectName(QStringLiteral("accuracyPlot"));
    auto windows = QSharedPointer<QCPAxisTickerFixed>::create();
    windows->setTickStep(1);
    windows->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(windows);
    setValueBounds(m_plot, 0.0, 1.005);
    // The legend under the plot: inside, it would cover the points of a falling accuracy.
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->addElement(2, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(2, 0.001);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setWrap(2);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->setToolTip(tr("Estimated: the share of the window's samples above the confidence threshold that gives the "
                          "reference its accuracy (ATC), no labels needed. Real: over the samples labeled so far. "
                          "Click a point to show its window"));

    m_reference = m_plot->addGraph();
    m_reference->setName(tr("reference"));
    m_reference->setPen(QPen(Qt::gray, 1.5, Qt::DashLine));
    m_estimated = m_plot->addGraph();
    m_estimated->setName(tr("estimated (ATC)"));
    m_estimated->setPen(QPen(seriesColour(0), 2));
    m_estimated->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColour(0), seriesColour(0), 5));
    m_real = m_plot->addGraph();
    m_real->setName(tr("real (labeled)"));
    m_real->setPen(QPen(seriesColour(2), 2));
    m_real->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, seriesColour(2), Qt::white, 7));
    m_selected = new QCPItemStraightLine(m_plot);
    m_selected->setPen(QPen(QColor(0x1f, 0x77, 0xb4, 70), 8));
    m_selected->setVisible(false);
    m_selected->setLayer(QStringLiteral("grid")); // under the points
    new HoverTracer(m_plot, tr("window"));
    onPointClick(
        m_plot, [this](const QCPGraph *graph) { return graph != m_reference; },
        [this](QCPGraph *graph, int index) { Q_EMIT windowClicked(int(std::lround(graph->data()->at(index)->key))); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
}

void AccuracyPlot::setSnapshot(const MonitorSnapshot &snapshot)
{
    QVector<double> keys, estimated, realKeys, real;
    const int count = snapshot.plottedWindowCount(); // an estimate from a handful of samples says little
    for (int number = 1; number <= count; ++number) {
        const WindowReport &w = *snapshot.window(number);
        if (w.estimatedAccuracy) {
            keys << number;
            estimated << *w.estimatedAccuracy;
        }
        if (const std::optional<double> a = w.labeled.accuracy()) {
            realKeys << number;
            real << *a;
        }
    }
    m_estimated->setData(keys, estimated, true);
    m_real->setData(realKeys, real, true);
    const std::optional<AtcThreshold> &atc = snapshot.reference.profile ? snapshot.reference.profile->atc() : std::nullopt;
    if (atc && count > 0)
        m_reference->setData({0.5, count + 0.5}, {atc->referenceAccuracy, atc->referenceAccuracy}, true);
    else
        m_reference->data()->clear();
    fitAxesToData(m_plot, 1);
    if (followsData(m_plot) && count > 0)
        m_plot->xAxis->setRange(0.5, count + 0.5);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void AccuracyPlot::setSelectedWindow(int number)
{
    m_selected->setVisible(number > 0);
    m_selected->point1->setCoords(number, 0);
    m_selected->point2->setCoords(number, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace mlwb
