#include "sensor/DrawingCanvas.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QImageReader>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTabletEvent>
#include <QTimer>
#include <QTouchEvent>
#include <cmath>

namespace mlwb {

namespace {

constexpr qreal kMinimumStep = 0.75; // closer points add nothing but work

// A pen's pressure → the share of the full width; a light touch still draws.
qreal widthShare(qreal pressure)
{
    return 0.25 + 0.75 * std::clamp(pressure, 0.0, 1.0);
}

QPen strokePen(qreal width)
{
    return QPen(Qt::white, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
}

// Ink bright on dark, as on the canvas: a picture whose border is brighter than the picture
// as a whole is dark-on-light paper and is inverted.
QImage inkBrightOnDark(const QImage &image)
{
    const GrayImage gray = fromQImage(image);
    if (gray.width == 0 || gray.height == 0)
        return {};
    double all = 0, border = 0;
    qint64 borderCount = 0;
    for (int y = 0; y < gray.height; ++y)
        for (int x = 0; x < gray.width; ++x) {
            const double v = gray.pixels[size_t(y) * size_t(gray.width) + size_t(x)];
            all += v;
            if (x == 0 || y == 0 || x == gray.width - 1 || y == gray.height - 1) {
                border += v;
                ++borderCount;
            }
        }
    const bool invert = border / double(borderCount) > all / double(gray.pixels.size());
    QImage out(gray.width, gray.height, QImage::Format_Grayscale8);
    for (int y = 0; y < gray.height; ++y) {
        std::uint8_t *line = out.scanLine(y);
        for (int x = 0; x < gray.width; ++x) {
            const std::uint8_t v = gray.pixels[size_t(y) * size_t(gray.width) + size_t(x)];
            line[x] = invert ? std::uint8_t(255 - v) : v;
        }
    }
    return out;
}

bool isImageFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == u"png" || suffix == u"jpg" || suffix == u"jpeg" || suffix == u"bmp";
}

} // namespace

DrawingCanvas::DrawingCanvas(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("drawingCanvas"));
    setFixedSize(kSide, kSide);
    setFocusPolicy(Qt::StrongFocus);
    setAcceptDrops(true);
    setAttribute(Qt::WA_AcceptTouchEvents);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setCursor(Qt::CrossCursor);
}

void DrawingCanvas::setStrokeWidth(qreal width)
{
    m_strokeWidth = std::clamp(width, 1.0, 80.0);
}

void DrawingCanvas::addStroke(const Stroke &stroke)
{
    if (stroke.isEmpty())
        return;
    m_strokes.append(stroke);
    changed();
}

void DrawingCanvas::undo()
{
    if (m_drawing)
        return; // the stroke under way ends first
    if (!m_strokes.isEmpty())
        m_strokes.removeLast();
    else if (!m_background.isNull()) {
        m_background = {};
        m_fileName.clear();
    } else
        return;
    changed();
}

void DrawingCanvas::clear()
{
    if (isEmpty())
        return;
    m_strokes.clear();
    m_background = {};
    m_fileName.clear();
    m_drawing = false;
    changed();
}

void DrawingCanvas::setImage(const QImage &image, const QString &fileName)
{
    const QImage ink = inkBrightOnDark(image);
    if (ink.isNull())
        return;
    QImage square(kSide, kSide, QImage::Format_Grayscale8);
    square.fill(0);
    const QImage fitted = ink.scaled(kSide, kSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QPainter painter(&square);
    painter.drawImage((kSide - fitted.width()) / 2, (kSide - fitted.height()) / 2, fitted);
    painter.end();
    m_strokes.clear();
    m_drawing = false;
    m_background = square;
    m_fileName = fileName;
    changed();
    if (!fileName.isEmpty())
        Q_EMIT imageOpened(fileName);
}

bool DrawingCanvas::openImage(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true); // a phone's photo stands upright
    const QImage image = reader.read();
    if (image.isNull())
        return false;
    setImage(image, path);
    return true;
}

void DrawingCanvas::render(QPainter &painter) const
{
    painter.fillRect(QRect(0, 0, kSide, kSide), Qt::black);
    if (!m_background.isNull())
        painter.drawImage(0, 0, m_background);
    painter.setRenderHint(QPainter::Antialiasing);
    for (const Stroke &stroke : m_strokes) {
        if (stroke.size() == 1) {
            // A dot: a tap, or a stroke that never moved.
            painter.setPen(Qt::NoPen);
            painter.setBrush(Qt::white);
            const qreal r = stroke.first().width / 2;
            painter.drawEllipse(stroke.first().position, r, r);
            continue;
        }
        // Quadratic pieces through the midpoints, each with the width at its control point:
        // smooth curves from jagged input, and round caps hide the joins.
        painter.setBrush(Qt::NoBrush);
        QPointF from = stroke.first().position;
        for (qsizetype i = 1; i + 1 < stroke.size(); ++i) {
            const QPointF to = (stroke[i].position + stroke[i + 1].position) / 2;
            QPainterPath piece(from);
            piece.quadTo(stroke[i].position, to);
            painter.setPen(strokePen(stroke[i].width));
            painter.drawPath(piece);
            from = to;
        }
        painter.setPen(strokePen(stroke.last().width));
        painter.drawLine(from, stroke.last().position);
    }
}

QImage DrawingCanvas::drawingImage() const
{
    if (m_cache.isNull()) {
        QImage rgb(kSide, kSide, QImage::Format_RGB32);
        QPainter painter(&rgb);
        render(painter);
        painter.end();
        m_cache = rgb.convertToFormat(QImage::Format_Grayscale8);
    }
    return m_cache;
}

GrayImage DrawingCanvas::drawing() const
{
    const QImage image = drawingImage();
    GrayImage out;
    out.width = image.width();
    out.height = image.height();
    out.pixels.resize(size_t(out.width) * size_t(out.height));
    for (int y = 0; y < out.height; ++y)
        std::copy_n(image.constScanLine(y), out.width, out.pixels.begin() + qsizetype(y) * out.width);
    return out;
}

void DrawingCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    render(painter);
    if (isEmpty()) {
        painter.setPen(QColor(110, 110, 110));
        painter.drawText(rect(), Qt::AlignCenter, tr("Draw a digit here\nor drop an image"));
    }
}

void DrawingCanvas::begin(QPointF at, qreal pressure)
{
    m_drawing = true;
    m_strokes.append(Stroke{Point{at, m_strokeWidth * widthShare(pressure)}});
    changedDuringStroke();
}

void DrawingCanvas::extend(QPointF at, qreal pressure)
{
    if (!m_drawing || m_strokes.isEmpty())
        return;
    Stroke &stroke = m_strokes.last();
    const QPointF step = at - stroke.last().position;
    if (std::hypot(step.x(), step.y()) < kMinimumStep)
        return;
    stroke.append(Point{at, m_strokeWidth * widthShare(pressure)});
    changedDuringStroke();
}

void DrawingCanvas::finish()
{
    if (!m_drawing)
        return;
    m_drawing = false;
    changed();
}

void DrawingCanvas::changedDuringStroke()
{
    m_cache = {};
    update();
    // Many input events can arrive in one pass of the event loop (a pen reports at 200 Hz or
    // more): tell the listeners once per pass, with the newest drawing.
    if (m_notifyQueued)
        return;
    m_notifyQueued = true;
    QTimer::singleShot(0, this, [this] {
        if (!m_notifyQueued)
            return; // changed() told them already
        m_notifyQueued = false;
        Q_EMIT drawingChanged();
    });
}

void DrawingCanvas::changed()
{
    m_cache = {};
    m_notifyQueued = false;
    update();
    Q_EMIT drawingChanged();
    Q_EMIT strokeFinished();
}

void DrawingCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    setFocus(Qt::MouseFocusReason);
    begin(event->position(), 1.0);
}

void DrawingCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        extend(event->position(), 1.0);
}

void DrawingCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    extend(event->position(), 1.0);
    finish();
}

void DrawingCanvas::tabletEvent(QTabletEvent *event)
{
    // Accepted, so that no mouse events are made from it: the pressure reaches the stroke.
    event->accept();
    switch (event->type()) {
    case QEvent::TabletPress:
        setFocus(Qt::OtherFocusReason);
        begin(event->position(), event->pressure());
        break;
    case QEvent::TabletMove:
        if (event->buttons() != Qt::NoButton || event->pressure() > 0)
            extend(event->position(), event->pressure());
        break;
    case QEvent::TabletRelease:
        finish();
        break;
    default:
        break;
    }
}

bool DrawingCanvas::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
    case QEvent::TouchCancel: {
        // One finger draws; the first point of a multi-touch is the one followed.
        auto *touch = static_cast<QTouchEvent *>(event);
        if (touch->points().isEmpty())
            return true;
        const QEventPoint &point = touch->points().first();
        const qreal pressure = point.pressure() > 0 ? point.pressure() : 1.0;
        if (event->type() == QEvent::TouchBegin)
            begin(point.position(), pressure);
        else if (event->type() == QEvent::TouchUpdate)
            extend(point.position(), pressure);
        else
            finish();
        event->accept();
        return true;
    }
    default:
        return QWidget::event(event);
    }
}

void DrawingCanvas::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile() && isImageFile(urls.first().toLocalFile()))
        event->acceptProposedAction();
    else if (event->mimeData()->hasImage())
        event->acceptProposedAction();
}

void DrawingCanvas::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        if (openImage(urls.first().toLocalFile()))
            event->acceptProposedAction();
        return;
    }
    const QImage image = qvariant_cast<QImage>(event->mimeData()->imageData());
    if (!image.isNull()) {
        setImage(image);
        event->acceptProposedAction();
    }
}

} // namespace mlwb
