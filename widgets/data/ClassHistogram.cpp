#include "data/ClassHistogram.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

namespace mlwb {

ClassHistogram::ClassHistogram(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    m_plot->setMinimumHeight(200); // room for slanted class names under the bars and the legend over them
    m_plot->setBackground(palette().base());
    m_train = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_test = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_train->setName(tr("train"));
    m_test->setName(tr("test"));
    m_train->setPen(Qt::NoPen);
    m_test->setPen(Qt::NoPen);
    m_train->setBrush(QColor(0x3b, 0x75, 0xaf));
    m_test->setBrush(QColor(0xef, 0x8a, 0x3c));
    auto *group = new QCPBarsGroup(m_plot);
    group->append(m_train);
    group->append(m_test);
    group->setSpacing(1);
    m_train->setWidth(0.38);
    m_test->setWidth(0.38);
    m_plot->yAxis->setLabel(tr("images"));
    m_plot->yAxis->grid()->setSubGridVisible(false);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->legend->setVisible(true);
    m_plot->legend->setBrush(QColor(255, 255, 255, 200));
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst); // one line: it fits in the headroom
    m_plot->legend->setIconSize(14, 10);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setDataset(nullptr);
}

void ClassHistogram::setDataset(const DatasetPtr &data)
{
    QVector<double> keys, train, test;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double highest = 1;
    if (data) {
        const std::vector<qint64> trainCounts = data->classCounts(Subset::Train);
        const std::vector<qint64> testCounts = data->classCounts(Subset::Test);
        for (qsizetype c = 0; c < data->classNames.size(); ++c) {
            keys << double(c);
            train << double(c < qsizetype(trainCounts.size()) ? trainCounts[size_t(c)] : 0);
            test << double(c < qsizetype(testCounts.size()) ? testCounts[size_t(c)] : 0);
            highest = std::max({highest, train.back(), test.back()});
            ticker->addTick(double(c), data->classNames[c]);
        }
    }
    m_classNames = data ? data->classNames : QStringList();
    m_train->setData(keys, train, true);
    m_test->setData(keys, test, true);
    m_plot->xAxis->setTicker(ticker);
    updateLabelRotation();
    m_plot->xAxis->setRange(-0.6, std::max<double>(keys.size(), 1) - 0.4);
    m_plot->yAxis->setRange(0, highest * 1.7); // headroom: the legend sits above the bars
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ClassHistogram::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateLabelRotation();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// Class names slant when they would run into each other ("T-shirt/top" next to "Trouser").
void ClassHistogram::updateLabelRotation()
{
    const QFontMetrics metrics(m_plot->xAxis->tickLabelFont());
    int widest = 0;
    for (const QString &name : m_classNames)
        widest = std::max(widest, metrics.horizontalAdvance(name));
    const int axisWidth = std::max(1, m_plot->width() - 70); // less the value axis and margins
    const bool crowded = !m_classNames.isEmpty() && (widest + 8) * m_classNames.size() > axisWidth;
    m_plot->xAxis->setTickLabelRotation(crowded ? -35 : 0); // ends at its bar, so the last one is not cut
}

} // namespace mlwb
