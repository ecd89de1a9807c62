#include "labeling/LabelGrid.h"

#include "app/EmptyText.h"
#include "data/SampleImage.h"
#include "labeling/LabelQueueModel.h"

#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QStyledItemDelegate>
#include <algorithm>

namespace mlwb {

namespace {

constexpr int kScale = 3;   // 28×28 → 84×84
constexpr int kPadding = 4;

// A thumbnail: the model input, and below it the guess with its probability, or the label
// given (bold, the image dimmed: done).
class LabelGridDelegate : public QStyledItemDelegate {
public:
    LabelGridDelegate(const LabelQueueModel &model, QObject *parent) : QStyledItemDelegate(parent), m_model(model) {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        const int side = imageSide();
        const int text = option.fontMetrics.horizontalAdvance(QStringLiteral("0 · 100 %")) + 4;
        return {std::max(side, text) + 2 * kPadding, side + option.fontMetrics.height() + 3 * kPadding};
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (!index.isValid() || index.row() >= m_model.rowCount())
            return;
        const LabelItem &item = m_model.item(index.row());
        painter->save();
        const QPalette &palette = option.palette;
        const bool selected = option.state & QStyle::State_Selected;
        if (selected)
            painter->fillRect(option.rect, palette.highlight());
        else if (option.state & QStyle::State_MouseOver)
            painter->fillRect(option.rect, palette.alternateBase());
        const int side = imageSide();
        const QRect imageRect(option.rect.left() + (option.rect.width() - side) / 2, option.rect.top() + kPadding, side, side);
        painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter->drawImage(imageRect, planarToImage(item.input.data(), item.channels, item.height, item.width));
        const bool done = item.value.isSet();
        if (done)
            painter->fillRect(imageRect, QColor(255, 255, 255, 120));

        QString caption;
        QFont font = option.font;
        if (item.value.discarded) {
            caption = LabelGrid::tr("✗ not a digit");
            font.setBold(true);
        } else if (item.value.label) {
            caption = QStringLiteral("✓ ") + m_model.className(*item.value.label);
            font.setBold(true);
        } else if (item.recorded >= 0) {
            caption = LabelGrid::tr("recorded %1").arg(m_model.className(item.recorded));
        } else if (size_t(std::max(0, item.predicted)) < item.probabilities.size()) {
            caption = LabelGrid::tr("%1 · %2 %").arg(m_model.className(item.predicted),
                                          QLocale().toString(100.0 * item.probabilities[size_t(item.predicted)], 'f', 0));
        }
        painter->setFont(font);
        painter->setPen(selected ? palette.highlightedText().color() : palette.text().color());
        const QRect textRect(option.rect.left() + 2, imageRect.bottom() + 1 + kPadding, option.rect.width() - 4,
                             option.fontMetrics.height());
        painter->drawText(textRect, Qt::AlignHCenter | Qt::AlignTop,
                          QFontMetrics(font).elidedText(caption, Qt::ElideRight, textRect.width()));
        if (option.state & QStyle::State_HasFocus) {
            painter->setPen(QPen(palette.highlight().color(), 1, Qt::DotLine));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(option.rect.adjusted(0, 0, -1, -1));
        }
        painter->restore();
    }

private:
    int imageSide() const
    {
        const int side = m_model.rowCount() > 0 ? std::max(m_model.item(0).height, m_model.item(0).width) : 28;
        return side * kScale;
    }

    const LabelQueueModel &m_model;
};

} // namespace

LabelGrid::LabelGrid(LabelQueueModel *model, QWidget *parent) : QListView(parent), m_model(model)
{
    setObjectName(QStringLiteral("labelGrid"));
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(true);
    setLayoutMode(QListView::Batched);
    setSpacing(3);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setMouseTracking(true);
    setModel(model);
    setItemDelegate(new LabelGridDelegate(*model, this));
    setToolTip(QString());
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        doItemsLayout(); // the thumbnail size follows the images
        viewport()->update();
    });
}

QList<int> LabelGrid::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : selectionModel()->selectedIndexes())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void LabelGrid::selectRows(const QList<int> &rows)
{
    QItemSelection selection;
    for (int row : rows)
        if (row >= 0 && row < m_model->rowCount())
            selection.select(m_model->index(row), m_model->index(row));
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!rows.isEmpty() && rows.first() >= 0 && rows.first() < m_model->rowCount()) {
        selectionModel()->setCurrentIndex(m_model->index(rows.first()), QItemSelectionModel::NoUpdate);
        scrollTo(m_model->index(rows.first()));
    }
}

void LabelGrid::setEmptyText(const QString &text)
{
    m_emptyText = text;
    viewport()->update();
}

void LabelGrid::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    const int key = event->key();
    if (modifiers == Qt::NoModifier || modifiers == Qt::ShiftModifier) {
        const QList<int> rows = selectedRows();
        if (key >= Qt::Key_0 && key <= Qt::Key_9 && modifiers == Qt::NoModifier) {
            const int c = key - Qt::Key_0;
            if (!rows.isEmpty() && c < m_model->classNames().size())
                Q_EMIT labelRequested(rows, c);
            event->accept();
            return;
        }
        if (key == Qt::Key_Space && !rows.isEmpty()) {
            Q_EMIT acceptRequested(rows);
            event->accept();
            return;
        }
        if (key == Qt::Key_X) {
            if (!rows.isEmpty())
                Q_EMIT discardRequested(rows);
            event->accept();
            return;
        }
        if (key == Qt::Key_G) {
            Q_EMIT gridRequested();
            event->accept();
            return;
        }
    }
    QListView::keyPressEvent(event);
}

void LabelGrid::paintEvent(QPaintEvent *event)
{
    if (m_model->rowCount() > 0 || m_emptyText.isEmpty()) {
        QListView::paintEvent(event);
        return;
    }
    paintEmptyText(viewport(), m_emptyText);
}

} // namespace mlwb
