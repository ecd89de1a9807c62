#pragma once
#include <QImage>
#include <QWidget>

namespace mlwb {

// An image at a fixed size on screen. Enlarged, every pixel is a crisp square (the model's
// 28×28 input must show its pixels, not a blur); reduced, it is smoothed.
class PixelView : public QWidget {
    Q_OBJECT
public:
    PixelView(QSize shownSize, QWidget *parent = nullptr);

    void setImage(const QImage &image);
    void clear() { setImage({}); }
    const QImage &image() const { return m_image; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
};

} // namespace mlwb
