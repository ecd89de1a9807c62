#pragma once
#include <QStyledItemDelegate>

namespace mlwb {

class SampleModel;

// Paints a sample straight from the data set's bytes: the image scaled by an integer factor
// with nearest-neighbour (pixels stay crisp), its class name underneath. No pixmap is kept,
// so a view over 60,000 images costs only what is on screen.
class SampleDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    SampleDelegate(const SampleModel &model, int scale, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    const SampleModel &m_model;
    int m_scale;
};

} // namespace mlwb
