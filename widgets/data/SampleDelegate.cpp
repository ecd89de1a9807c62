#include "data/SampleDelegate.h"

#include "data/SampleImage.h"
#include "data/SampleModel.h"

#include <QApplication>
#include <QPainter>

namespace mlwb {

namespace {
constexpr int kPadding = 4;
}

SampleDelegate::SampleDelegate(const SampleModel &model, int scale, QObject *parent)
    : QStyledItemDelegate(parent), m_model(model), m_scale(scale)
{
}

QSize SampleDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const DatasetPtr &data = m_model.dataset();
    const int w = data ? data->width * m_scale : 56, h = data ? data->height * m_scale : 56;
    const int text = option.fontMetrics.height();
    return {std::max(w, option.fontMetrics.averageCharWidth() * 8) + 2 * kPadding, h + text + 3 * kPadding};
}

void SampleDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const DatasetPtr &data = m_model.dataset();
    if (!data)
        return;
    painter->save();
    const QPalette &palette = option.palette;
    if (option.state & QStyle::State_Selected)
        painter->fillRect(option.rect, palette.highlight());
    else if (option.state & QStyle::State_MouseOver)
        painter->fillRect(option.rect, palette.alternateBase());

    const qint64 sample = m_model.sampleIndex(index.row());
    const QSize imageSize(data->width * m_scale, data->height * m_scale);
    const QRect imageRect(option.rect.left() + (option.rect.width() - imageSize.width()) / 2,
                          option.rect.top() + kPadding, imageSize.width(), imageSize.height());
    painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter->drawImage(imageRect, sampleImage(*data, sample));

    const QRect textRect(option.rect.left(), imageRect.bottom() + kPadding, option.rect.width(),
                         option.rect.bottom() - imageRect.bottom() - kPadding);
    painter->setPen(option.state & QStyle::State_Selected ? palette.highlightedText().color() : palette.text().color());
    painter->drawText(textRect, Qt::AlignHCenter | Qt::AlignTop,
                      option.fontMetrics.elidedText(index.data().toString(), Qt::ElideRight, option.rect.width()));
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(palette.highlight().color(), 1, Qt::DotLine));
        painter->drawRect(option.rect.adjusted(0, 0, -1, -1));
    }
    painter->restore();
}

} // namespace mlwb
