#pragma once
#include "data/Dataset.h"

#include <QWidget>

class QCustomPlot;
class QCPBars;

namespace mlwb {

// Images per class of a data set, train and test side by side.
class ClassHistogram : public QWidget {
    Q_OBJECT
public:
    explicit ClassHistogram(QWidget *parent = nullptr);
    void setDataset(const DatasetPtr &data);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateLabelRotation();

    QCustomPlot *m_plot;
    QCPBars *m_train;
    QCPBars *m_test;
    QStringList m_classNames;
};

} // namespace mlwb
