#pragma once
#include <QColor>
#include <QString>

class QCustomPlot;

namespace mlwb {

// Shared look of the workbench's plots, so that every page draws curves the same way.

// A colour per series index, distinct for the first eight and then repeating; the same
// index always gets the same colour (runs keep their colour across refreshes).
QColor seriesColour(int index);
// The same colour, faded, for raw values drawn under their smoothed curve.
QColor lightVariant(const QColor &colour);

// Title, axis labels, legend at the top right, readable fonts, drag and zoom of the x axis
// with the mouse wheel. Call once on a new plot. A plot follows its data (fitAxesToData) until
// the user zooms or drags it; a double-click makes it follow again.
void setUpPlot(QCustomPlot *plot, const QString &title, const QString &xLabel, const QString &yLabel);

// Writes the plot as PNG, SVG or PDF, chosen by the file's suffix (at least 640×400). False for
// another suffix or when the file cannot be written. setUpPlot's context menu offers it.
bool savePlot(QCustomPlot *plot, const QString &path, const QString &title = {});

// Fits both axes to the visible graphs' data, with a little margin so that points on the
// edge stay visible; the x axis spans at least minimumKeySpan (1 for per-epoch plots, so
// that one epoch's point is not drawn on a zoomed-in axis). Leaves the ranges alone when
// there is nothing to show.
void fitAxesToData(QCustomPlot *plot, double minimumKeySpan = 0);

// Keeps fitAxesToData()'s value axis inside [lower, upper] (accuracy never shows above 1).
void setValueBounds(QCustomPlot *plot, double lower, double upper);

// False after the user zoomed or dragged the plot: fitAxesToData() then keeps their view.
bool followsData(const QCustomPlot *plot);
void setFollowsData(QCustomPlot *plot, bool follow);

} // namespace mlwb
