#pragma once
#include <QFutureWatcher>
#include <QImage>
#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;

namespace mlwb {

class ClassButtons;
class PixelView;
struct LabelItem;

// The Label page's single-image view: the original image large, the model input beside it
// (enlarged, nearest neighbour: its pixels as the model saw them), the class buttons with the
// guess framed and the probabilities, and the keys: 0–9 label, Space accepts the guess,
// S skips, X "not a digit", ← → step without deciding, G switches to the grid. It only asks
// (signals); the page decides and stores. The original is read off the UI thread.
class SampleLabelView : public QWidget {
    Q_OBJECT
public:
    explicit SampleLabelView(QWidget *parent = nullptr);
    ~SampleLabelView() override;

    void setClassNames(const QStringList &names);
    // The item at `position` (0-based) of `count` in the queue; nullptr shows nothing.
    void showItem(const LabelItem *item, int position, int count);
    ClassButtons *classButtons() const { return m_buttons; }
    const QImage &originalImage() const { return m_original; } // null until read
    QString infoText() const;

Q_SIGNALS:
    void labelRequested(int c);
    void acceptRequested();
    void skipRequested();
    void discardRequested();
    void stepRequested(int delta);
    void gridRequested();
    void originalShown(); // the original image was read and drawn

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    class ImageView;
    void loadOriginal(const QString &path);

    QStringList m_classNames;
    ImageView *m_originalView;
    PixelView *m_inputView;
    QLabel *m_originalCaption;
    QLabel *m_inputCaption;
    ClassButtons *m_buttons;
    QLabel *m_info;
    QPushButton *m_accept;
    QPushButton *m_discard;
    QPushButton *m_skip;
    QString m_path;    // of the original shown (or being read)
    QImage m_original;
    QFutureWatcher<QImage> m_reader;
    QString m_readingPath;
};

} // namespace mlwb
