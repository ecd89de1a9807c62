#include "data/ClassHistogram.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

namespace mlwb {

ClassHistogram::ClassHistogram(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    m_plot->setMinimumHeight(160);
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
    m_train->setData(keys, train, true);
    m_test->setData(keys, test, true);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setTickLabelRotation(keys.size() > 12 ? 60 : 0);
    m_plot->xAxis->setRange(-0.6, std::max<double>(keys.size(), 1) - 0.4);
    m_plot->yAxis->setRange(0, highest * 1.12);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace mlwb
