#include "evaluation/SampleZoomDialog.h"

#include "data/SampleImage.h"
#include "evaluation/Evaluator.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>

namespace mlwb {

namespace {

constexpr int kTargetImageSide = 280; // what 28×28 at 10× gives
constexpr int kMaxScale = 10;
constexpr int kVisibleBars = 12;      // more classes scroll

const QColor kTrueColour(44, 160, 44);
const QColor kMistakeColour(214, 39, 40);

// Every class probability as a horizontal bar, highest first.
class ProbabilityBars : public QWidget {
public:
    struct Bar {
        QString name;
        double probability;
        bool isTrue;
        bool isWrongPrediction;
    };

    // trueMark follows the true class's name ("(true)").
    ProbabilityBars(std::vector<Bar> bars, QString trueMark, QWidget *parent = nullptr)
        : QWidget(parent), m_bars(std::move(bars)), m_trueMark(std::move(trueMark))
    {
        setMinimumHeight(int(m_bars.size()) * rowHeight());
    }

    int rowHeight() const { return fontMetrics().height() + 6; }

    QSize sizeHint() const override { return {380, int(m_bars.size()) * rowHeight()}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        QFont bold = font();
        bold.setBold(true);
        const QFontMetrics boldMetrics(bold);
        const QString &trueMark = m_trueMark;
        int nameWidth = 0;
        for (const Bar &bar : m_bars)
            nameWidth = std::max(nameWidth, boldMetrics.horizontalAdvance(bar.isTrue ? bar.name + QLatin1Char(' ') + trueMark : bar.name));
        nameWidth = std::min(nameWidth, width() / 2);
        const int valueWidth = fontMetrics().horizontalAdvance(QStringLiteral("0.0000"));
        const int barLeft = nameWidth + 8;
        const int barSpace = std::max(10, width() - barLeft - valueWidth - 8);

        QColor track = palette().color(QPalette::Text);
        track.setAlphaF(0.08f);
        QColor other = palette().color(QPalette::Highlight);
        for (int i = 0; i < int(m_bars.size()); ++i) {
            const Bar &bar = m_bars[size_t(i)];
            const int top = i * rowHeight();
            const QRect nameRect(0, top, nameWidth, rowHeight());
            painter.setFont(bar.isTrue ? bold : font());
            painter.setPen(palette().color(QPalette::Text));
            const QString name = bar.isTrue ? bar.name + QLatin1Char(' ') + trueMark : bar.name;
            painter.drawText(nameRect, Qt::AlignRight | Qt::AlignVCenter,
                             painter.fontMetrics().elidedText(name, Qt::ElideMiddle, nameWidth));

            const QRect trackRect(barLeft, top + 3, barSpace, rowHeight() - 6);
            painter.fillRect(trackRect, track);
            const int length = bar.probability > 0 ? std::max(1, int(std::lround(bar.probability * barSpace))) : 0;
            painter.fillRect(QRect(trackRect.topLeft(), QSize(length, trackRect.height())),
                             bar.isTrue ? kTrueColour : bar.isWrongPrediction ? kMistakeColour : other);

            painter.setFont(font());
            painter.drawText(QRect(trackRect.right() + 8, top, valueWidth, rowHeight()), Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(bar.probability, 'f', 4));
        }
    }

private:
    std::vector<Bar> m_bars;
    QString m_trueMark;
};

QString nameOf(const QStringList &names, int label)
{
    return label >= 0 && label < names.size() ? names[label] : QString::number(label);
}

} // namespace

SampleZoomDialog::SampleZoomDialog(const Dataset &data, const EvaluationResult &result, qsizetype position,
                                   const QStringList &classNames, QWidget *parent)
    : QDialog(parent), m_sample(result.indices[size_t(position)])
{
    const int truth = result.truth[size_t(position)];
    const int predicted = result.predicted[size_t(position)];
    const float *row = result.probabilityRow(position);
    const bool right = truth == predicted;
    setWindowTitle(right ? tr("Image #%1 — %2").arg(QString::number(m_sample), nameOf(classNames, truth))
                         : tr("Image #%1 — %2 → %3")
                               .arg(QString::number(m_sample), nameOf(classNames, truth), nameOf(classNames, predicted)));

    auto *image = new QLabel;
    if (m_sample >= 0 && m_sample < data.size()) {
        const QImage small = sampleImage(data, m_sample);
        const int scale = std::clamp(kTargetImageSide / std::max(1, std::max(data.width, data.height)), 1, kMaxScale);
        image->setPixmap(QPixmap::fromImage(small.scaled(small.size() * scale, Qt::IgnoreAspectRatio, Qt::FastTransformation)));
        // A red frame for a mistake, as in the gallery.
        image->setStyleSheet(right ? QString() : QStringLiteral("border: 2px solid %1;").arg(kMistakeColour.name()));
    }
    image->setAlignment(Qt::AlignTop | Qt::AlignHCenter);

    const QString subset = m_sample >= 0 && m_sample < data.size()
        ? (data.subset(m_sample) == Subset::Train ? tr("train") : tr("test"))
        : QString();
    auto *facts = new QLabel(
        tr("True class: <b>%1</b><br>Predicted: <b>%2</b> with probability %3<br>Image #%4 %5")
            .arg(nameOf(classNames, truth).toHtmlEscaped(),
                 right ? nameOf(classNames, predicted).toHtmlEscaped()
                       : QStringLiteral("<span style=\"color:%1\">%2</span>")
                             .arg(kMistakeColour.name(), nameOf(classNames, predicted).toHtmlEscaped()),
                 QString::number(double(row[predicted]), 'f', 4), QString::number(m_sample),
                 subset.isEmpty() ? QString() : QStringLiteral("(%1)").arg(subset)));
    facts->setTextFormat(Qt::RichText);
    facts->setTextInteractionFlags(Qt::TextSelectableByMouse);

    std::vector<int> order(size_t(result.numClasses()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [row](int a, int b) { return row[a] > row[b]; });
    std::vector<ProbabilityBars::Bar> bars;
    for (const int c : order)
        bars.push_back({nameOf(classNames, c), double(row[c]), c == truth, c == predicted && !right});
    auto *barsWidget = new ProbabilityBars(std::move(bars), tr("(true)"));
    auto *scroll = new QScrollArea;
    scroll->setWidget(barsWidget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumSize(320, std::min(result.numClasses(), kVisibleBars) * barsWidget->rowHeight() + 2);

    auto *probabilitiesTitle = new QLabel(tr("<b>Class probabilities</b>"));
    auto *side = new QVBoxLayout;
    side->addWidget(facts);
    side->addSpacing(8);
    side->addWidget(probabilitiesTitle);
    side->addWidget(scroll, 1);

    auto *top = new QHBoxLayout;
    top->addWidget(image, 0, Qt::AlignTop);
    top->addSpacing(12);
    top->addLayout(side, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(buttons);
}

} // namespace mlwb
