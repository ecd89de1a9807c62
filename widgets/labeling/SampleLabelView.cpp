#include "labeling/SampleLabelView.h"

#include "data/SampleImage.h"
#include "labeling/ClassButtons.h"
#include "labeling/LabelQueueModel.h"
#include "sensor/PixelView.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace mlwb {

namespace {
constexpr int kInputSide = 224; // 28×28 at 8× per pixel
}

// The original at the largest size that fits, its aspect kept: enlarged with crisp pixels,
// reduced smoothly.
class SampleLabelView::ImageView : public QWidget {
public:
    explicit ImageView(QWidget *parent) : QWidget(parent)
    {
        setMinimumSize(160, 160);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }
    void setImage(const QImage &image, const QString &emptyText = {})
    {
        m_image = image;
        m_emptyText = emptyText;
        update();
    }
    QSize sizeHint() const override { return {300, 300}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.fillRect(rect(), palette().color(QPalette::Dark));
        if (m_image.isNull()) {
            painter.setPen(palette().color(QPalette::BrightText));
            painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
            return;
        }
        QSize shown = m_image.size().scaled(size() - QSize(8, 8), Qt::KeepAspectRatio);
        if (shown.width() > m_image.width()) { // whole pixels: every source pixel the same size
            const int factor = std::max(1, shown.width() / m_image.width());
            shown = m_image.size() * factor;
        }
        const QRect target(QPoint((width() - shown.width()) / 2, (height() - shown.height()) / 2), shown);
        painter.setRenderHint(QPainter::SmoothPixmapTransform, shown.width() < m_image.width());
        painter.drawImage(target, m_image);
    }

private:
    QImage m_image;
    QString m_emptyText;
};

SampleLabelView::SampleLabelView(QWidget *parent)
    : QWidget(parent), m_originalView(new ImageView(this)), m_inputView(new PixelView(QSize(kInputSide, kInputSide), this)),
      m_originalCaption(new QLabel(this)), m_inputCaption(new QLabel(this)), m_buttons(new ClassButtons(this)),
      m_info(new QLabel(this)), m_accept(new QPushButton(this)), m_discard(new QPushButton(tr("Not a digit"), this)),
      m_skip(new QPushButton(tr("Skip"), this))
{
    setObjectName(QStringLiteral("sampleLabelView"));
    setFocusPolicy(Qt::StrongFocus);
    m_originalView->setObjectName(QStringLiteral("originalView"));
    m_inputView->setObjectName(QStringLiteral("inputView"));
    m_originalView->setToolTip(tr("The image as it arrived"));
    m_inputView->setToolTip(tr("The exact input the model saw, one square per pixel"));
    for (QLabel *caption : {m_originalCaption, m_inputCaption}) {
        caption->setAlignment(Qt::AlignHCenter);
        caption->setEnabled(false);
    }
    m_info->setObjectName(QStringLiteral("sampleInfo"));
    m_info->setTextFormat(Qt::RichText);
    m_info->setWordWrap(true);
    m_accept->setToolTip(tr("Accept the model's guess and go to the next image (Space)"));
    m_discard->setToolTip(tr("Not a digit: keep it out of every data set (X)"));
    m_skip->setToolTip(tr("Leave it unlabeled and go to the next image (S)"));
    for (QPushButton *b : {m_accept, m_discard, m_skip})
        b->setFocusPolicy(Qt::NoFocus);
    connect(m_accept, &QPushButton::clicked, this, &SampleLabelView::acceptRequested);
    connect(m_discard, &QPushButton::clicked, this, &SampleLabelView::discardRequested);
    connect(m_skip, &QPushButton::clicked, this, &SampleLabelView::skipRequested);
    connect(m_buttons, &ClassButtons::classClicked, this, &SampleLabelView::labelRequested);
    connect(&m_reader, &QFutureWatcherBase::finished, this, [this] {
        const QImage image = m_reader.result();
        if (m_readingPath != m_path) { // the queue moved on while it was read
            m_readingPath.clear();
            if (!m_path.isEmpty())
                loadOriginal(m_path);
            return;
        }
        m_readingPath.clear();
        m_original = image;
        m_originalView->setImage(image, tr("The original image cannot be read"));
        if (!image.isNull())
            m_originalCaption->setText(tr("original, %1×%2").arg(image.width()).arg(image.height()));
        Q_EMIT originalShown();
    });

    auto *images = new QGridLayout;
    images->addWidget(m_originalView, 0, 0);
    images->addWidget(m_inputView, 0, 1, Qt::AlignCenter);
    images->addWidget(m_originalCaption, 1, 0);
    images->addWidget(m_inputCaption, 1, 1);
    images->setColumnStretch(0, 1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_accept);
    actions->addWidget(m_discard);
    actions->addWidget(m_skip);
    actions->addStretch();
    auto *keys = new QLabel(tr("0–9 label · Space accept · S skip · X not a digit · ← → step · Ctrl+Z undo · G grid"), this);
    keys->setEnabled(false);
    actions->addWidget(keys);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(images, 1);
    layout->addWidget(m_info);
    layout->addWidget(m_buttons);
    layout->addLayout(actions);
    showItem(nullptr, 0, 0);
}

SampleLabelView::~SampleLabelView()
{
    m_reader.waitForFinished();
}

void SampleLabelView::setClassNames(const QStringList &names)
{
    m_classNames = names;
    m_buttons->setClassNames(names);
}

QString SampleLabelView::infoText() const
{
    return m_info->text();
}

void SampleLabelView::showItem(const LabelItem *item, int position, int count)
{
    const bool any = item != nullptr;
    for (QWidget *w : std::initializer_list<QWidget *>{m_accept, m_discard, m_skip, m_buttons})
        w->setEnabled(any);
    if (!item) {
        m_path.clear();
        m_original = {};
        m_originalView->setImage({});
        m_inputView->clear();
        m_originalCaption->clear();
        m_inputCaption->clear();
        m_info->clear();
        m_buttons->showState({}, -1, -1);
        return;
    }
    auto name = [this](int c) { return m_classNames.value(c, QString::number(c)); };
    const QLocale locale;
    const QImage input = planarToImage(item->input.data(), item->channels, item->height, item->width);
    m_inputView->setImage(input);
    m_inputCaption->setText(tr("model input, %1×%2").arg(item->width).arg(item->height));
    const bool dataImage = item->target.isCorrection();
    m_inputView->setVisible(!dataImage); // a data set image is its own input
    m_inputCaption->setVisible(!dataImage);
    if (dataImage || item->imagePath.isEmpty()) {
        m_path.clear();
        m_original = input;
        m_originalView->setImage(input);
        m_originalCaption->setText(dataImage ? tr("image #%1, %2×%3").arg(item->target.id).arg(item->width).arg(item->height)
                                             : QString());
    } else if (item->imagePath != m_path) {
        m_original = {};
        m_originalView->setImage({}, tr("reading…"));
        m_originalCaption->clear();
        loadOriginal(item->imagePath);
    }

    QStringList parts;
    parts << tr("<b>%1</b> of %2").arg(locale.toString(position + 1), locale.toString(count));
    if (dataImage) {
        parts << tr("image #%1 of data set %2").arg(item->target.id).arg(item->target.datasetId.left(8))
              << tr("recorded label <b>%1</b>").arg(name(item->recorded).toHtmlEscaped());
        if (item->value.label)
            parts << tr("corrected to <b>%1</b>").arg(name(*item->value.label).toHtmlEscaped());
        m_accept->setText(tr("Keep %1").arg(name(item->recorded)));
        m_accept->setToolTip(tr("The recorded label is right: no correction (Space)"));
    } else {
        parts << tr("sample %1").arg(item->target.id) << sampleSourceName(item->source).toHtmlEscaped();
        if (!item->originalName.isEmpty())
            parts << item->originalName.section(u'/', -1).toHtmlEscaped();
        if (item->created.isValid())
            parts << locale.toString(item->created.toLocalTime(), QLocale::ShortFormat).toHtmlEscaped();
        if (size_t(std::max(0, item->predicted)) < item->probabilities.size())
            parts << tr("model %1 guesses <b>%2</b> (%3 %)")
                         .arg(item->modelId)
                         .arg(name(item->predicted).toHtmlEscaped(),
                              locale.toString(100.0 * item->probabilities[size_t(item->predicted)], 'f', 1));
        if (item->candidate >= 0)
            parts << tr("the candidate guesses <b>%1</b>").arg(name(item->candidate).toHtmlEscaped());
        if (item->value.discarded)
            parts << tr("labeled <b>not a digit</b>");
        else if (item->value.label)
            parts << tr("labeled <b>%1</b>").arg(name(*item->value.label).toHtmlEscaped());
        m_accept->setText(tr("Accept %1").arg(name(item->predicted)));
        m_accept->setToolTip(tr("Accept the model's guess and go to the next image (Space)"));
    }
    m_discard->setEnabled(!dataImage);
    m_info->setText(parts.join(QStringLiteral(" · ")));
    m_buttons->showState(item->probabilities, item->guessClass(), item->shownLabel());
}

void SampleLabelView::loadOriginal(const QString &path)
{
    m_path = path;
    if (m_reader.isRunning())
        return; // the watcher starts the newest path when this read ends
    m_readingPath = path;
    m_reader.setFuture(QtConcurrent::run([path] {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        return reader.read();
    }));
}

void SampleLabelView::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (modifiers != Qt::NoModifier && modifiers != Qt::ShiftModifier) {
        QWidget::keyPressEvent(event);
        return;
    }
    const int key = event->key();
    if (key >= Qt::Key_0 && key <= Qt::Key_9 && modifiers == Qt::NoModifier) {
        const int c = key - Qt::Key_0;
        if (c < m_buttons->count() && m_buttons->isEnabled())
            Q_EMIT labelRequested(c);
    } else if (key == Qt::Key_Space) {
        Q_EMIT acceptRequested();
    } else if (key == Qt::Key_S) {
        Q_EMIT skipRequested();
    } else if (key == Qt::Key_X) {
        Q_EMIT discardRequested();
    } else if (key == Qt::Key_Right) {
        Q_EMIT stepRequested(1);
    } else if (key == Qt::Key_Left) {
        Q_EMIT stepRequested(-1);
    } else if (key == Qt::Key_G) {
        Q_EMIT gridRequested();
    } else {
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace mlwb
