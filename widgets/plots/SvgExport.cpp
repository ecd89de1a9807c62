#include "plots/SvgExport.h"

#include <QFile>
#include <QPainter>
#include <QSvgGenerator>
#include <qcustomplot.h>

namespace mlwb {

namespace {

void describe(QSvgGenerator &generator, const QString &path, QSize size, const QString &title)
{
    generator.setFileName(path);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(title);
    generator.setDescription(QStringLiteral("MLOps Workbench"));
}

bool written(const QString &path)
{
    return QFile::exists(path) && QFile(path).size() > 0;
}

} // namespace

bool saveSvg(const QString &path, QSize size, const QString &title, const std::function<void(QPainter &)> &paint)
{
    QSvgGenerator generator;
    describe(generator, path, size, title);
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    paint(painter);
    return painter.end() && written(path);
}

bool savePlotSvg(QCustomPlot *plot, const QString &path, int width, int height, const QString &title)
{
    QSvgGenerator generator;
    describe(generator, path, QSize(width, height), title);
    QCPPainter painter; // QCustomPlot draws through its own painter class, begun on the generator
    if (!painter.begin(&generator))
        return false;
    plot->toPainter(&painter, width, height);
    return painter.end() && written(path);
}

} // namespace mlwb
