#pragma once
#include <functional>

class QCustomPlot;
class QCPGraph;

namespace mlwb {

// Calls `clicked` with the graph and data index of the point nearest to a click (within a few
// pixels) among the visible graphs `accepts` lets through. A drag (the plot pans) is no click.
// Done by hand rather than with QCustomPlot's plottableClick, which goes to the topmost item
// under the mouse: the hover marker sits exactly on the point being clicked.
void onPointClick(QCustomPlot *plot, std::function<bool(const QCPGraph *)> accepts,
                  std::function<void(QCPGraph *, int dataIndex)> clicked);

} // namespace mlwb
