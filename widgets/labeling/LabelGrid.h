#pragma once
#include <QList>
#include <QListView>

namespace mlwb {

class LabelQueueModel;

// The Label page's grid mode: the queue as thumbnails of the model input with the guess (or the
// label given, the image dimmed), to label many at once. Select with the mouse, Shift/Ctrl or
// Ctrl+A; a digit labels every selected image, Space gives each its own guess, X marks them
// "not a digit", G goes back to the single image. It only asks (signals); the page stores.
class LabelGrid : public QListView {
    Q_OBJECT
public:
    explicit LabelGrid(LabelQueueModel *model, QWidget *parent = nullptr);

    QList<int> selectedRows() const; // ascending
    void selectRows(const QList<int> &rows);

    // Painted in the middle while the queue is empty.
    void setEmptyText(const QString &text);

Q_SIGNALS:
    void labelRequested(const QList<int> &rows, int c);
    void acceptRequested(const QList<int> &rows);
    void discardRequested(const QList<int> &rows);
    void gridRequested(); // G: back to the single image

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    LabelQueueModel *m_model;
    QString m_emptyText;
};

} // namespace mlwb
