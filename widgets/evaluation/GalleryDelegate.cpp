#include "evaluation/GalleryDelegate.h"

#include "data/SampleImage.h"
#include "evaluation/GalleryModel.h"
#include "evaluation/Probabilities.h"

#include <QPainter>
#include <QPainterPath>

namespace mlwb {

namespace {

constexpr int kPadding = 5;    // room for the mistake frame around the image
constexpr int kFrameWidth = 2;
constexpr int kFlagSize = 12;  // side of the corner triangle
const QColor kMistake(214, 39, 40);
const QColor kFlag(255, 140, 0);

QFont smallFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(std::max(7.0, base.pointSizeF() * 0.85));
    return font;
}

// ".98" rather than "0.98": three of them must fit under a thumbnail.
QString shortProbability(double p)
{
    QString text = QString::number(p, 'f', 2);
    if (text.startsWith(QLatin1String("0.")))
        text.remove(0, 1);
    return text;
}

// In the small font a plain space is so narrow that "1 .85" reads as 1.85; an en space
// keeps the class and its probability apart.
QString top3Entry(const QString &name, double p)
{
    return name + QChar(0x2002) + shortProbability(p);
}

const QString kTop3Separator = QStringLiteral(" · ");

// "true → predicted" (or just "true") elided name by name, so the arrow stays readable.
QString captionNames(const GalleryModel &model, int truth, int predicted, const QFontMetrics &metrics, int width)
{
    if (truth == predicted)
        return metrics.elidedText(model.className(truth), Qt::ElideRight, width);
    const QString arrow = GalleryModel::tr(" → ");
    const QString full = model.className(truth) + arrow + model.className(predicted);
    if (metrics.horizontalAdvance(full) <= width)
        return full;
    const int each = std::max(0, (width - metrics.horizontalAdvance(arrow)) / 2);
    return metrics.elidedText(model.className(truth), Qt::ElideRight, each) + arrow
        + metrics.elidedText(model.className(predicted), Qt::ElideRight, each);
}

} // namespace

GalleryDelegate::GalleryDelegate(const GalleryModel &model, int scale, QObject *parent)
    : QStyledItemDelegate(parent), m_model(model), m_scale(std::max(1, scale))
{
}

QSize GalleryDelegate::imageSize() const
{
    const DatasetPtr &data = m_model.dataset();
    return data ? QSize(data->width * m_scale, data->height * m_scale) : QSize(28 * m_scale, 28 * m_scale);
}

QSize GalleryDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    // The same for every item (the view asks once: uniform item sizes). Wide enough for
    // digit classes in full; longer class names are elided and the tooltip has them.
    // A few pixels spare: integer advances round down, and eliding goes by the exact width.
    const QFontMetrics small(smallFont(option.font));
    const int text = std::max(option.fontMetrics.horizontalAdvance(QStringLiteral("00 → 00  0.00")),
                              small.horizontalAdvance(top3Entry(QStringLiteral("0"), 0) + kTop3Separator
                                                      + top3Entry(QStringLiteral("0"), 0) + kTop3Separator
                                                      + top3Entry(QStringLiteral("0"), 0)))
        + 4;
    const QSize image = imageSize();
    return {std::max(image.width() + 2 * kFrameWidth, text) + 2 * kPadding,
            image.height() + option.fontMetrics.height() + small.height() + 3 * kPadding};
}

void GalleryDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const DatasetPtr &data = m_model.dataset();
    const auto &result = m_model.result();
    if (!result || !index.isValid())
        return;
    painter->save();
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(option.rect, palette.highlight());
    else if (option.state & QStyle::State_MouseOver)
        painter->fillRect(option.rect, palette.alternateBase());

    const int row = index.row();
    const qsizetype at = m_model.position(row);
    const qint64 sample = m_model.sampleIndex(row);
    const int truth = result->truth[size_t(at)];
    const int predicted = result->predicted[size_t(at)];
    const float *probabilities = result->probabilityRow(at);

    const QSize size = imageSize();
    const QRect imageRect(option.rect.left() + (option.rect.width() - size.width()) / 2,
                          option.rect.top() + kPadding, size.width(), size.height());
    if (data && sample >= 0 && sample < data->size()) {
        painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter->drawImage(imageRect, sampleImage(*data, sample));
    }
    if (truth != predicted) {
        // Drawn outside the image so no pixel of the sample is hidden.
        const qreal half = kFrameWidth / 2.0;
        painter->setPen(QPen(kMistake, kFrameWidth, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(imageRect).adjusted(-half, -half, half, half));
    }

    const QColor textColour = selected ? palette.highlightedText().color() : palette.text().color();
    const int textWidth = option.rect.width() - 2 * kPadding;
    const QFontMetrics &metrics = option.fontMetrics;
    const int captionTop = imageRect.bottom() + 1 + kPadding;

    const QString confidence = QString::number(double(probabilities[predicted]), 'f', 2);
    const QString gap = QStringLiteral("  ");
    const int namesWidth = textWidth - metrics.horizontalAdvance(gap + confidence);
    const QString caption = captionNames(m_model, truth, predicted, metrics, namesWidth) + gap + confidence;
    painter->setFont(option.font);
    painter->setPen(textColour);
    painter->drawText(QRect(option.rect.left() + kPadding, captionTop, textWidth, metrics.height()),
                      Qt::AlignHCenter | Qt::AlignTop, caption);

    const QFont small = smallFont(option.font);
    const QFontMetrics smallMetrics(small);
    QStringList top;
    for (const auto &[label, p] : top3(probabilities, result->numClasses()))
        if (label >= 0)
            top << top3Entry(m_model.className(label), p);
    painter->setFont(small);
    QColor dim = textColour;
    if (!selected)
        dim.setAlphaF(0.65f); // secondary: the caption above is what to read first
    painter->setPen(dim);
    painter->drawText(QRect(option.rect.left() + kPadding, captionTop + metrics.height(), textWidth, smallMetrics.height()),
                      Qt::AlignHCenter | Qt::AlignTop,
                      smallMetrics.elidedText(top.join(kTop3Separator), Qt::ElideRight, textWidth));

    if (m_model.isFlagged(row)) {
        const QPointF corner = QRectF(option.rect).topRight();
        QPainterPath triangle;
        triangle.moveTo(corner);
        triangle.lineTo(corner - QPointF(kFlagSize, 0));
        triangle.lineTo(corner + QPointF(0, kFlagSize));
        triangle.closeSubpath();
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->fillPath(triangle, kFlag);
    }
    if (option.state & QStyle::State_HasFocus) {
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(palette.highlight().color(), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(option.rect.adjusted(0, 0, -1, -1));
    }
    painter->restore();
}

} // namespace mlwb
