#include "monitoring/WindowDistributions.h"

#include "plots/PlotStyle.h"

#include <QHBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <numeric>

namespace mlwb {

namespace {

const QColor kWindow(0x3b, 0x75, 0xaf);
const QColor kReference(0x55, 0x55, 0x55);

} // namespace

WindowDistributions::WindowDistributions(QWidget *parent)
    : QWidget(parent), m_classes(new QCustomPlot(this)), m_confidence(new QCustomPlot(this))
{
    setUpPlot(m_classes, tr("Predicted classes"), tr("class"), tr("share"));
    setUpPlot(m_confidence, tr("Confidence"), tr("top probability"), tr("share"));
    m_classes->setObjectName(QStringLiteral("classPlot"));
    m_confidence->setObjectName(QStringLiteral("confidencePlot"));
    for (QCustomPlot *plot : {m_classes, m_confidence}) {
        plot->setInteractions(QCP::Interactions()); // a histogram has nothing to pan
        plot->setToolTip(QString());
        plot->xAxis->grid()->setVisible(false);
        plot->legend->setFillOrder(QCPLegend::foColumnsFirst); // one line above the bars
        plot->legend->setIconSize(14, 10);
    }
    m_windowClasses = new QCPBars(m_classes->xAxis, m_classes->yAxis);
    m_windowClasses->setName(tr("this window"));
    m_windowClasses->setPen(Qt::NoPen);
    m_windowClasses->setBrush(kWindow);
    m_referenceClasses = new QCPBars(m_classes->xAxis, m_classes->yAxis);
    m_referenceClasses->setName(tr("reference"));
    m_referenceClasses->setPen(QPen(kReference, 1.2));
    m_referenceClasses->setBrush(QColor(0, 0, 0, 25));
    auto *group = new QCPBarsGroup(m_classes);
    group->append(m_windowClasses);
    group->append(m_referenceClasses);
    group->setSpacing(1);
    m_windowClasses->setWidth(0.38);
    m_referenceClasses->setWidth(0.38);

    m_windowConfidence = new QCPBars(m_confidence->xAxis, m_confidence->yAxis);
    m_windowConfidence->setName(tr("this window"));
    m_windowConfidence->setPen(Qt::NoPen);
    m_windowConfidence->setBrush(kWindow);
    m_referenceConfidence = m_confidence->addGraph();
    m_referenceConfidence->setName(tr("reference"));
    m_referenceConfidence->setPen(QPen(kReference, 1.5));
    m_referenceConfidence->setLineStyle(QCPGraph::lsStepCenter);
    m_confidence->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    m_confidence->xAxis->setRange(0, 1);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_classes);
    layout->addWidget(m_confidence);
    setWindow(nullptr, {});
}

void WindowDistributions::setWindow(const WindowReport *window, const QStringList &classNames)
{
    QVector<double> classKeys, windowShares, referenceShares;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double highest = 0.1;
    if (window) {
        const qint64 total = std::accumulate(window->classCounts.begin(), window->classCounts.end(), qint64(0));
        for (size_t c = 0; c < window->classCounts.size(); ++c) {
            classKeys << double(c);
            windowShares << (total > 0 ? double(window->classCounts[c]) / double(total) : 0.0);
            referenceShares << (c < window->referenceClassShares.size() ? window->referenceClassShares[c] : 0.0);
            highest = std::max({highest, windowShares.back(), referenceShares.back()});
            ticker->addTick(double(c), int(c) < classNames.size() ? classNames[int(c)] : QString::number(c));
        }
    }
    m_windowClasses->setData(classKeys, windowShares, true);
    m_referenceClasses->setData(classKeys, referenceShares, true);
    m_classes->xAxis->setTicker(ticker);
    m_classes->xAxis->setTickLabelRotation(classNames.join(QString()).size() > 3 * std::max<qsizetype>(1, classNames.size()) ? -35 : 0);
    m_classes->xAxis->setRange(-0.6, std::max<double>(classKeys.size(), 1) - 0.4);
    m_classes->yAxis->setRange(0, highest * 1.5); // headroom: the legend sits above the bars

    QVector<double> binKeys, windowBins, referenceKeys, referenceBins;
    double highestBin = 0.1;
    if (window && !window->confidenceHistogram.empty()) {
        const size_t bins = window->confidenceHistogram.size();
        const double width = 1.0 / double(bins);
        for (size_t b = 0; b < bins; ++b) {
            binKeys << (double(b) + 0.5) * width;
            windowBins << window->confidenceHistogram[b];
            highestBin = std::max(highestBin, windowBins.back());
        }
        m_windowConfidence->setWidth(width * 0.9);
        for (size_t b = 0; b < window->referenceConfidenceHistogram.size(); ++b) {
            referenceKeys << (double(b) + 0.5) * width;
            referenceBins << window->referenceConfidenceHistogram[b];
            highestBin = std::max(highestBin, referenceBins.back());
        }
    }
    m_windowConfidence->setData(binKeys, windowBins, true);
    m_referenceConfidence->setData(referenceKeys, referenceBins, true);
    m_confidence->xAxis->setRange(0, 1.0);
    m_confidence->yAxis->setRange(0, highestBin * 1.5);
    for (QCustomPlot *plot : {m_classes, m_confidence})
        plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace mlwb
