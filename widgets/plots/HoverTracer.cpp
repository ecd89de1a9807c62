#include "plots/HoverTracer.h"

#include <qcustomplot.h>

#include <QToolTip>
#include <cmath>
#include <limits>

namespace mlwb {

namespace {
// Farther than this from every point (in pixels), nothing is shown.
constexpr double kMaxDistance = 40;
}

HoverTracer::HoverTracer(QCustomPlot *plot, QString keyLabel)
    : QObject(plot), m_plot(plot), m_tracer(new QCPItemTracer(plot)), m_keyLabel(std::move(keyLabel))
{
    m_tracer->setStyle(QCPItemTracer::tsCircle);
    m_tracer->setSize(8);
    m_tracer->setPen(QPen(Qt::black, 1.5));
    m_tracer->setBrush(Qt::white);
    m_tracer->setInterpolating(false);
    m_tracer->setVisible(false);
    m_tracer->setLayer(QStringLiteral("overlay"));
    plot->setMouseTracking(true); // move events without a pressed button
    connect(plot, &QCustomPlot::mouseMove, this, &HoverTracer::onMouseMove);
    plot->installEventFilter(this);
}

QString HoverTracer::describe(int graphIndex, int dataIndex) const
{
    const QCPGraph *graph = m_plot->graph(graphIndex);
    const auto point = graph->data()->at(dataIndex);
    return tr("%1 · %2 %3 · %4")
        .arg(graph->name(), m_keyLabel, QString::number(point->key, 'g', 8), QString::number(point->value, 'g', 5));
}

void HoverTracer::onMouseMove(QMouseEvent *event)
{
    const QPointF mouse = event->position();
    double best = std::numeric_limits<double>::max();
    int bestGraph = -1, bestIndex = -1;
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        QCPGraph *graph = m_plot->graph(g);
        if (!graph->visible() || graph->data()->isEmpty())
            continue;
        // The points near the mouse's x: the nearest key and its neighbours.
        const double key = graph->keyAxis()->pixelToCoord(mouse.x());
        auto it = graph->data()->findBegin(key, true);
        for (int k = 0; k < 3 && it != graph->data()->constEnd(); ++k, ++it) {
            const QPointF pixel = graph->coordsToPixels(it->key, it->value);
            const double distance = std::hypot(pixel.x() - mouse.x(), pixel.y() - mouse.y());
            if (distance < best) {
                best = distance;
                bestGraph = g;
                bestIndex = int(it - graph->data()->constBegin());
            }
        }
    }
    if (bestGraph < 0 || best > kMaxDistance) {
        hide();
        return;
    }
    QCPGraph *graph = m_plot->graph(bestGraph);
    m_tracer->setGraph(graph);
    m_tracer->setGraphKey(graph->data()->at(bestIndex)->key);
    m_tracer->setVisible(true);
    QToolTip::showText(event->globalPosition().toPoint(), describe(bestGraph, bestIndex), m_plot);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HoverTracer::hide()
{
    if (!m_tracer->visible())
        return;
    m_tracer->setVisible(false);
    QToolTip::hideText();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool HoverTracer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::Leave)
        hide();
    return QObject::eventFilter(watched, event);
}

} // namespace mlwb
