#pragma once
#include <QStyledItemDelegate>

namespace mlwb {

class GalleryModel;

// Paints an evaluated sample straight from the data set's bytes: the image scaled by an
// integer factor with nearest neighbour (crisp pixels), a thin red frame when the model got
// it wrong, "true → predicted  p" below it and a smaller line with the top 3; an orange
// corner marks a suspected label error. Nothing is cached per item, so a view over 10,000
// samples costs only what is on screen.
class GalleryDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    GalleryDelegate(const GalleryModel &model, int scale, QObject *parent = nullptr);

    // The view must lay its items out again afterwards (GalleryView::setScale does).
    void setScale(int scale) { m_scale = std::max(1, scale); }
    int scale() const { return m_scale; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    QSize imageSize() const;

    const GalleryModel &m_model;
    int m_scale;
};

} // namespace mlwb
