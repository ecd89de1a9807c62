#include "evaluation/GalleryView.h"

#include "app/EmptyText.h"
#include "evaluation/GalleryDelegate.h"
#include "evaluation/GalleryModel.h"
#include "evaluation/SampleZoomDialog.h"

#include <QKeyEvent>
#include <QPainter>
#include <algorithm>

namespace mlwb {

namespace {
constexpr int kThumbnailScale = 2;
}

GalleryView::GalleryView(QWidget *parent)
    : QListView(parent), m_model(new GalleryModel(this)), m_delegate(new GalleryDelegate(*m_model, kThumbnailScale, this))
{
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(true); // lays out 10,000 items without asking each for its size
    setLayoutMode(QListView::Batched);
    setBatchSize(2000);
    setSpacing(2);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setMouseTracking(true);
    setModel(m_model);
    setItemDelegate(m_delegate);
    connect(this, &QListView::doubleClicked, this, &GalleryView::openZoom);
    // The empty text depends on the row count, which the view does not repaint for by itself.
    connect(m_model, &QAbstractItemModel::modelReset, viewport(), qOverload<>(&QWidget::update));
}

void GalleryView::setScale(int scale)
{
    m_delegate->setScale(scale);
    doItemsLayout(); // forgets the cached uniform item size
}

int GalleryView::scale() const
{
    return m_delegate->scale();
}

void GalleryView::setEmptyText(const QString &text)
{
    m_emptyText = text;
    viewport()->update();
}

QList<qint64> GalleryView::selectedSampleIndices() const
{
    QModelIndexList selected = selectionModel()->selectedIndexes();
    std::sort(selected.begin(), selected.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> samples;
    samples.reserve(selected.size());
    for (const QModelIndex &index : selected)
        samples << m_model->sampleIndex(index.row());
    return samples;
}

void GalleryView::openZoom(const QModelIndex &index)
{
    if (!index.isValid() || !m_model->dataset() || !m_model->result())
        return;
    auto *dialog = new SampleZoomDialog(*m_model->dataset(), *m_model->result(), m_model->position(index.row()),
                                        m_model->classNames(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void GalleryView::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && modifiers == Qt::NoModifier
        && currentIndex().isValid()) {
        openZoom(currentIndex());
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_F && modifiers == Qt::NoModifier) {
        const QList<qint64> samples = selectedSampleIndices();
        if (!samples.isEmpty()) {
            Q_EMIT flagToggleRequested(samples);
            event->accept();
            return;
        }
    }
    QListView::keyPressEvent(event);
}

void GalleryView::paintEvent(QPaintEvent *event)
{
    if (m_model->rowCount() > 0 || m_emptyText.isEmpty()) {
        QListView::paintEvent(event);
        return;
    }
    paintEmptyText(viewport(), m_emptyText);
}

} // namespace mlwb
