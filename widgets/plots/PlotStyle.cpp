#include "plots/PlotStyle.h"

#include "app/Warning.h"
#include "plots/SvgExport.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>

#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace mlwb {

QColor seriesColour(int index)
{
    // Tableau 10, minus the grey that reads as "disabled".
    static const std::array<QColor, 8> colours = {
        QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
        QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf)};
    const int n = int(colours.size());
    return colours[size_t(((index % n) + n) % n)];
}

QColor lightVariant(const QColor &colour)
{
    QColor light = colour;
    light.setAlpha(70);
    return light;
}

void setUpPlot(QCustomPlot *plot, const QString &title, const QString &xLabel, const QString &yLabel)
{
    plot->plotLayout()->insertRow(0);
    auto *titleElement = new QCPTextElement(plot, title, QFont(plot->font().family(), plot->font().pointSize() + 1, QFont::Bold));
    plot->plotLayout()->addElement(0, 0, titleElement);
    plot->xAxis->setLabel(xLabel);
    plot->yAxis->setLabel(yLabel);
    plot->legend->setVisible(true);
    plot->legend->setBrush(QColor(255, 255, 255, 200));
    plot->legend->setBorderPen(QPen(QColor(0, 0, 0, 60)));
    QFont legendFont = plot->font();
    legendFont.setPointSize(std::max(7, legendFont.pointSize() - 1));
    plot->legend->setFont(legendFont);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeDrag(Qt::Horizontal);
    plot->axisRect()->setRangeZoom(Qt::Horizontal);
    plot->setMinimumSize(220, 160);
    plot->setToolTip(QObject::tr("Wheel: zoom · drag: pan · double-click: follow the data again"));

    // The user's view wins over the live refit until they ask for it back.
    QObject::connect(plot, &QCustomPlot::mouseWheel, plot, [plot] { setFollowsData(plot, false); });
    QObject::connect(plot, &QCustomPlot::mouseMove, plot, [plot](QMouseEvent *event) {
        if (event->buttons() & Qt::LeftButton)
            setFollowsData(plot, false);
    });
    QObject::connect(plot, &QCustomPlot::mouseDoubleClick, plot, [plot] {
        setFollowsData(plot, true);
        fitAxesToData(plot, plot->property("mlwbMinimumKeySpan").toDouble());
        plot->replot(QCustomPlot::rpQueuedReplot);
    });

    // Every plot can be saved for a report: right-click, Export.
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [plot, title](const QPoint &at) {
        QMenu menu(plot);
        menu.addAction(QObject::tr("Export plot (PNG, SVG, PDF)…"), plot, [plot, title] {
            const QString path = QFileDialog::getSaveFileName(
                plot, QObject::tr("Export plot"), QStringLiteral("%1.png").arg(title.isEmpty() ? QStringLiteral("plot") : title),
                QObject::tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
            if (!path.isEmpty() && !savePlot(plot, path, title))
                showWarning(plot, QObject::tr("Not exported"), QObject::tr("%1: cannot be written (use .png, .svg or .pdf)").arg(path));
        });
        menu.exec(plot->mapToGlobal(at));
    });
}

bool savePlot(QCustomPlot *plot, const QString &path, const QString &title)
{
    const int width = std::max(plot->width(), 640), height = std::max(plot->height(), 400);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return plot->savePng(path, width, height, 2.0);
    if (suffix == QLatin1String("pdf"))
        return plot->savePdf(path, width, height);
    if (suffix == QLatin1String("svg"))
        return savePlotSvg(plot, path, width, height, title);
    return false;
}

namespace {
const char *const kFollows = "mlwbFollowsData";
}

void setValueBounds(QCustomPlot *plot, double lower, double upper)
{
    plot->setProperty("mlwbValueLower", lower);
    plot->setProperty("mlwbValueUpper", upper);
}

bool followsData(const QCustomPlot *plot)
{
    const QVariant follows = plot->property(kFollows);
    return !follows.isValid() || follows.toBool();
}

void setFollowsData(QCustomPlot *plot, bool follow)
{
    plot->setProperty(kFollows, follow);
}

void fitAxesToData(QCustomPlot *plot, double minimumKeySpan)
{
    plot->setProperty("mlwbMinimumKeySpan", minimumKeySpan); // for the double-click refit
    if (!followsData(plot))
        return;
    QCPRange keys, values;
    bool any = false;
    for (int i = 0; i < plot->graphCount(); ++i) {
        const QCPGraph *graph = plot->graph(i);
        if (!graph->visible() || graph->data()->isEmpty())
            continue;
        bool found = false;
        const QCPRange k = graph->getKeyRange(found);
        const QCPRange v = graph->getValueRange(found);
        if (!found)
            continue;
        keys = any ? QCPRange(std::min(keys.lower, k.lower), std::max(keys.upper, k.upper)) : k;
        values = any ? QCPRange(std::min(values.lower, v.lower), std::max(values.upper, v.upper)) : v;
        any = true;
    }
    if (!any)
        return;
    // A single point (or a flat curve) still gets a readable span around it.
    auto padded = [](QCPRange range, double minimumSpan) {
        const double span = std::max({range.size(), minimumSpan, std::abs(range.center()) * 0.1, 1e-6});
        const double margin = range.size() >= span ? span * 0.04 : (span - range.size()) / 2 + span * 0.04;
        return QCPRange(range.lower - margin, range.upper + margin);
    };
    plot->xAxis->setRange(padded(keys, minimumKeySpan));
    QCPRange shown = padded(values, 0);
    const QVariant lower = plot->property("mlwbValueLower"), upper = plot->property("mlwbValueUpper");
    if (lower.isValid() && upper.isValid())
        shown = shown.bounded(lower.toDouble(), upper.toDouble());
    plot->yAxis->setRange(shown);
}

} // namespace mlwb
