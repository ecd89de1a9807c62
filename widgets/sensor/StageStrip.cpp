#include "sensor/StageStrip.h"

#include "data/SampleImage.h"
#include "sensor/PixelView.h"

#include <QGridLayout>
#include <QLabel>

namespace mlwb {

namespace {

constexpr int kShown = 64;

} // namespace

StageStrip::StageStrip(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("stageStrip"));
    const QStringList names = {tr("1 optics"), tr("2 pose"), tr("3 sampling"), tr("4 response"),
                               tr("5 noise"), tr("6 defects"), tr("7 output")};
    const QStringList tips = {tr("The lens blurs the drawing (point-spread function)"),
                              tr("The sensor sits turned and shifted"),
                              tr("Each sensor pixel averages the light that falls on it"),
                              tr("Gain and contrast of the read-out"),
                              tr("Shot noise (grows with the light) and read noise"),
                              tr("Dead pixels stay black, hot pixels stay white"),
                              tr("Clamped and quantised to 8 bits: what the camera delivers")};
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(6);
    layout->setVerticalSpacing(2);
    for (int i = 0; i < names.size(); ++i) {
        auto *view = new PixelView(QSize(kShown, kShown), this);
        view->setToolTip(tips[i]);
        auto *caption = new QLabel(names[i], this);
        caption->setAlignment(Qt::AlignCenter);
        caption->setToolTip(tips[i]);
        QFont small = caption->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        caption->setFont(small);
        layout->addWidget(view, 0, i, Qt::AlignHCenter);
        layout->addWidget(caption, 1, i, Qt::AlignHCenter);
        m_views.append(view);
    }
    layout->setColumnStretch(names.size(), 1);
}

void StageStrip::setStages(const std::vector<GrayImage> &stages)
{
    for (qsizetype i = 0; i < m_views.size(); ++i) {
        if (size_t(i) < stages.size() && !stages[size_t(i)].pixels.empty()) {
            const GrayImage &s = stages[size_t(i)];
            m_views[i]->setImage(planarToImage(s.pixels.data(), 1, s.height, s.width));
        } else
            m_views[i]->clear();
    }
}

void StageStrip::clear()
{
    for (PixelView *view : m_views)
        view->clear();
}

} // namespace mlwb
