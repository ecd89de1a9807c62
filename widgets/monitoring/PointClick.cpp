#include "monitoring/PointClick.h"

#include <qcustomplot.h>

#include <cmath>
#include <limits>
#include <memory>

namespace mlwb {

namespace {
constexpr double kMaxDistance = 10; // pixels
}

void onPointClick(QCustomPlot *plot, std::function<bool(const QCPGraph *)> accepts,
                  std::function<void(QCPGraph *, int dataIndex)> clicked)
{
    auto pressed = std::make_shared<QPointF>();
    QObject::connect(plot, &QCustomPlot::mousePress, plot, [pressed](QMouseEvent *event) { *pressed = event->position(); });
    QObject::connect(plot, &QCustomPlot::mouseRelease, plot, [plot, pressed, accepts, clicked](QMouseEvent *event) {
        const QPointF at = event->position();
        if (event->button() != Qt::LeftButton || (at - *pressed).manhattanLength() > 4)
            return;
        double best = std::numeric_limits<double>::max();
        QCPGraph *bestGraph = nullptr;
        int bestIndex = -1;
        for (int g = 0; g < plot->graphCount(); ++g) {
            QCPGraph *graph = plot->graph(g);
            if (!graph->visible() || graph->data()->isEmpty() || !accepts(graph))
                continue;
            for (int i = 0; i < graph->dataCount(); ++i) {
                const auto point = graph->data()->at(i);
                const QPointF pixel = graph->coordsToPixels(point->key, point->value);
                const double distance = std::hypot(pixel.x() - at.x(), pixel.y() - at.y());
                if (distance < best) {
                    best = distance;
                    bestGraph = graph;
                    bestIndex = i;
                }
            }
        }
        if (bestGraph && best <= kMaxDistance)
            clicked(bestGraph, bestIndex);
    });
}

} // namespace mlwb
