#pragma once
#include <QList>
#include <QListView>

namespace mlwb {

class GalleryDelegate;
class GalleryModel;

// A scrolling grid of evaluated samples (failures, a confusion-matrix cell, a label-error
// ranking), virtualised like the Data page's browser. Double-click or Enter opens the
// sample large with all its probabilities; F asks to toggle the "suspected label error"
// mark of the selected samples (the page stores it and calls galleryModel()->setFlagged).
class GalleryView : public QListView {
    Q_OBJECT
public:
    explicit GalleryView(QWidget *parent = nullptr);

    GalleryModel *galleryModel() const { return m_model; }

    // Thumbnail magnification (integer, so pixels stay square). Default 2.
    void setScale(int scale);
    int scale() const;

    // Painted in the middle of the viewport while there are no rows.
    void setEmptyText(const QString &text);
    QString emptyText() const { return m_emptyText; }

    // Data set indices of the selected samples, in row order.
    QList<qint64> selectedSampleIndices() const;
    // Opens SampleZoomDialog for the sample at `index` (window-modal, deletes itself).
    void openZoom(const QModelIndex &index);

Q_SIGNALS:
    void flagToggleRequested(QList<qint64> sampleIndices);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    GalleryModel *m_model;
    GalleryDelegate *m_delegate;
    QString m_emptyText;
};

} // namespace mlwb
