#pragma once
#include <QSize>
#include <QString>

#include <functional>

class QCustomPlot;
class QPainter;

namespace mlwb {

// Writes a drawing as an SVG file (vector: it scales in papers and slides without blur).
// paint draws into a painter of `size` logical pixels. False when the file cannot be written.
bool saveSvg(const QString &path, QSize size, const QString &title, const std::function<void(QPainter &)> &paint);

// A QCustomPlot as SVG (QCustomPlot itself writes PNG, JPG, BMP and PDF only).
bool savePlotSvg(QCustomPlot *plot, const QString &path, int width, int height, const QString &title);

} // namespace mlwb
