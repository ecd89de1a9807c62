#include "sensor/PixelView.h"

#include <QPainter>

namespace mlwb {

PixelView::PixelView(QSize shownSize, QWidget *parent) : QWidget(parent)
{
    setFixedSize(shownSize);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void PixelView::setImage(const QImage &image)
{
    m_image = image;
    update();
}

void PixelView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    if (!m_image.isNull()) {
        const bool enlarged = m_image.width() < width() || m_image.height() < height();
        painter.setRenderHint(QPainter::SmoothPixmapTransform, !enlarged);
        painter.drawImage(rect(), m_image);
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
}

} // namespace mlwb
