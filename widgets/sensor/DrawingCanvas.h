#pragma once
#include "data/Preprocess.h"

#include <QImage>
#include <QList>
#include <QPointF>
#include <QWidget>

namespace mlwb {

// A square black canvas to draw a digit on in white, with the mouse, a pen (its pressure
// changes the stroke's width) or a finger. Strokes are kept as point lists and drawn again
// whenever they change, so undo is exact and the drawing is the same at any screen scale.
// An image file (opened or dropped) becomes the canvas's background: what is drawn goes on top.
class DrawingCanvas : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSide = 280; // logical pixels; drawing() has this size

    explicit DrawingCanvas(QWidget *parent = nullptr);

    struct Point {
        QPointF position;
        qreal width = 0; // the stroke's width here (pressure × strokeWidth())
    };
    using Stroke = QList<Point>;

    qreal strokeWidth() const { return m_strokeWidth; }
    void setStrokeWidth(qreal width); // logical pixels, at full pressure

    const QList<Stroke> &strokes() const { return m_strokes; }
    bool isEmpty() const { return m_strokes.isEmpty() && m_background.isNull() && !m_drawing; }
    bool isDrawing() const { return m_drawing; } // a stroke is under way
    void addStroke(const Stroke &stroke);        // as if drawn (tests, scripted input)
    void undo();                                  // the last stroke (then the background)
    void clear();                                 // strokes and background

    // An image as the background, fitted into the square keeping its aspect ratio; a
    // dark-on-light picture is inverted so that the ink is bright as on the canvas.
    void setImage(const QImage &image, const QString &fileName = {});
    // Loads a PNG/JPEG; false (and nothing changes) when it cannot be read.
    bool openImage(const QString &path);
    bool hasImage() const { return !m_background.isNull(); }
    QString imageFileName() const { return m_fileName; } // the path of an opened file, else empty

    // The canvas as it looks, kSide × kSide grey, ink bright on black.
    GrayImage drawing() const;
    QImage drawingImage() const; // the same as a QImage (Format_Grayscale8)

    QSize sizeHint() const override { return {kSide, kSide}; }

Q_SIGNALS:
    void drawingChanged();  // during a stroke (at most once per pass of the event loop) and after any change
    void strokeFinished();  // a stroke ended, or the drawing changed at once (undo, clear, image)
    void imageOpened(const QString &fileName);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void tabletEvent(QTabletEvent *event) override;
    bool event(QEvent *event) override; // touch
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void begin(QPointF at, qreal pressure);
    void extend(QPointF at, qreal pressure);
    void finish();
    void changedDuringStroke();
    void changed();
    void render(QPainter &painter) const;

    QList<Stroke> m_strokes;
    QImage m_background; // kSide × kSide, Format_Grayscale8, or null
    QString m_fileName;
    qreal m_strokeWidth = 18;
    bool m_drawing = false;
    bool m_notifyQueued = false;
    mutable QImage m_cache; // drawingImage(), until the next change
};

} // namespace mlwb
