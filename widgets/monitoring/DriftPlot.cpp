#include "monitoring/DriftPlot.h"

#include "monitoring/PointClick.h"
#include "monitoring/StatisticText.h"
#include "plots/HoverTracer.h"
#include "plots/PlotStyle.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace mlwb {

namespace {

const QColor kAlert(0xc0, 0x39, 0x2b);

double plotted(double p)
{
    return std::max(p, DriftPlot::kFloor);
}

} // namespace

DriftPlot::DriftPlot(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    setUpPlot(m_plot, tr("Drift: p-value per window (lower is more drift)"), tr("window"), tr("p-value"));
    m_plot->setObjectName(QStringLiteral("driftPlot"));
    m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
    ticker->setLogBase(10);
    ticker->setSubTickCount(0);
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setNumberFormat(QStringLiteral("eb"));
    m_plot->yAxis->setNumberPrecision(0);
    auto windows = QSharedPointer<QCPAxisTickerFixed>::create();
    windows->setTickStep(1);
    windows->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(windows);

    // Below the statistics' points, so that a click on a ringed point reaches its statistic.
    m_alerts = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_alerts->setName(tr("alert"));
    m_alerts->setLineStyle(QCPCurve::lsNone);
    m_alerts->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kAlert, 2), QColor(kAlert.red(), kAlert.green(), kAlert.blue(), 60), 13));
    const std::vector<DriftStatistic> &statistics = allDriftStatistics();
    for (size_t i = 0; i < statistics.size(); ++i) {
        QCPGraph *graph = m_plot->addGraph();
        graph->setName(StatisticText::name(statistics[i]));
        const QColor colour = seriesColour(int(i));
        graph->setPen(QPen(colour, 1.5));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 5));
        graph->setProperty("statistic", int(i));
        m_graphs.push_back(graph);
    }
    m_threshold = m_plot->addGraph();
    m_threshold->setName(tr("threshold (α / statistics)"));
    m_threshold->setPen(QPen(kAlert, 1.5, Qt::DashLine));
    m_threshold->setLineStyle(QCPGraph::lsStepCenter);
    m_selected = new QCPItemStraightLine(m_plot);
    m_selected->setPen(QPen(QColor(0x1f, 0x77, 0xb4, 70), 8));
    m_selected->setVisible(false);
    m_selected->setLayer(QStringLiteral("grid")); // under the points
    new HoverTracer(m_plot, tr("window"));

    // The legend beside the plot: eight names would cover the points near p = 1.
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->addElement(1, 1, m_plot->legend);
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 2));
    connect(m_plot, &QCustomPlot::legendClick, this, [this](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *) {
        auto *entry = qobject_cast<QCPPlottableLegendItem *>(item);
        if (!entry || !qobject_cast<QCPGraph *>(entry->plottable()) || entry->plottable() == m_threshold)
            return;
        QCPAbstractPlottable *p = entry->plottable();
        p->setVisible(!p->visible());
        entry->setTextColor(p->visible() ? Qt::black : Qt::gray);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    onPointClick(
        m_plot, [this](const QCPGraph *graph) { return graph != m_threshold; },
        [this](QCPGraph *graph, int index) {
            const int window = int(std::lround(graph->data()->at(index)->key));
            Q_EMIT pointActivated(window, allDriftStatistics()[size_t(graph->property("statistic").toInt())]);
        });
    // After setUpPlot's refit on a double-click, which knows nothing of a log axis.
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { fit(); });
    m_plot->setToolTip(tr("Click a point to label that window's samples, most drifting first · click a name to hide or show it · wheel: zoom · "
                          "drag: pan · double-click: follow the data again"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    fit();
}

QCPGraph *DriftPlot::graph(DriftStatistic statistic) const
{
    const auto &all = allDriftStatistics();
    return m_graphs[size_t(std::find(all.begin(), all.end(), statistic) - all.begin())];
}

int DriftPlot::alertPointCount() const
{
    return m_alerts->dataCount();
}

void DriftPlot::setSnapshot(const MonitorSnapshot &snapshot)
{
    const std::vector<DriftStatistic> &statistics = allDriftStatistics();
    std::vector<QVector<double>> keys(statistics.size()), values(statistics.size());
    QVector<double> thresholdKeys, thresholds, alertKeys, alertValues;
    m_windows = snapshot.plottedWindowCount();
    m_lowest = 1;
    for (int number = 1; number <= m_windows; ++number) {
        const WindowReport &w = *snapshot.window(number);
        if (!w.tested)
            continue;
        thresholdKeys << number;
        thresholds << w.threshold;
        m_lowest = std::min(m_lowest, w.threshold);
        for (size_t i = 0; i < statistics.size(); ++i) {
            const StatisticResult &s = w.result(statistics[i]);
            if (!s.tested)
                continue;
            keys[i] << number;
            values[i] << plotted(s.pValue);
            m_lowest = std::min(m_lowest, plotted(s.pValue));
            if (s.alert) {
                alertKeys << number;
                alertValues << plotted(s.pValue);
            }
        }
    }
    for (size_t i = 0; i < statistics.size(); ++i)
        m_graphs[i]->setData(keys[i], values[i], true);
    // The threshold reaches half a window past the first and last point.
    if (!thresholdKeys.isEmpty()) {
        thresholdKeys.prepend(thresholdKeys.first() - 0.5);
        thresholds.prepend(thresholds.first());
        thresholdKeys << thresholdKeys.last() + 0.5;
        thresholds << thresholds.last();
    }
    m_threshold->setData(thresholdKeys, thresholds, true);
    m_alerts->setData(alertKeys, alertValues);
    fit();
}

void DriftPlot::setSelectedWindow(int number)
{
    m_selected->setVisible(number > 0);
    m_selected->point1->setCoords(number, 1e-300);
    m_selected->point2->setCoords(number, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void DriftPlot::fit()
{
    if (followsData(m_plot))
        m_plot->xAxis->setRange(0.5, std::max(m_windows, 1) + 0.5);
    // From a decade under the lowest point up to 1 (and a little room for the points at 1).
    const double low = std::pow(10.0, std::floor(std::log10(std::max(m_lowest, kFloor))) - 1);
    m_plot->yAxis->setRange(std::min(low, 1e-3), 1.6);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace mlwb
