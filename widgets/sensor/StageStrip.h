#pragma once
#include "data/Preprocess.h"

#include <QList>
#include <QWidget>
#include <vector>

namespace mlwb {

class PixelView;

// The sensor's seven stages side by side (optics, pose, sampling, response, noise, defects,
// output), so that one sees which stage does what to the drawing.
class StageStrip : public QWidget {
    Q_OBJECT
public:
    explicit StageStrip(QWidget *parent = nullptr);

    void setStages(const std::vector<GrayImage> &stages); // sensorStages()'s images
    void clear();
    int stageCount() const { return int(m_views.size()); }
    const PixelView *stageView(int index) const { return m_views.value(index); }

private:
    QList<PixelView *> m_views;
};

} // namespace mlwb
