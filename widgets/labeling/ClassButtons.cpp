#include "labeling/ClassButtons.h"

#include <QAbstractButton>
#include <QGridLayout>
#include <QLocale>
#include <QPainter>
#include <QStyleOption>

namespace mlwb {

namespace {

class ClassButton : public QAbstractButton {
public:
    ClassButton(const QString &name, QWidget *parent) : QAbstractButton(parent)
    {
        setText(name);
        setFocusPolicy(Qt::NoFocus);
        setAttribute(Qt::WA_Hover); // repaint on hover
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
    void setState(double probability, bool guess, bool chosen)
    {
        m_probability = probability;
        m_guess = guess;
        m_chosen = chosen;
        update();
    }
    bool isChosen() const { return m_chosen; }
    QSize sizeHint() const override
    {
        QFont big = font();
        big.setPointSizeF(big.pointSizeF() * 1.6);
        const QFontMetrics bigMetrics(big);
        return {std::max(52, bigMetrics.horizontalAdvance(text()) + 16), bigMetrics.height() + fontMetrics().height() + 18};
    }
    QSize minimumSizeHint() const override { return {36, sizeHint().height()}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette &pal = palette();
        const QRectF frame = QRectF(rect()).adjusted(2, 2, -2, -2);
        const QColor highlight = pal.color(QPalette::Highlight);
        QColor fill = m_chosen ? highlight : pal.color(QPalette::Button);
        if (isDown() || (underMouse() && !m_chosen))
            fill = fill.darker(110);
        painter.setPen(QPen(m_guess ? highlight : pal.color(QPalette::Mid), m_guess ? 3 : 1));
        painter.setBrush(fill);
        painter.drawRoundedRect(frame, 5, 5);
        const QColor textColour = m_chosen ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::ButtonText);
        QFont big = font();
        big.setPointSizeF(big.pointSizeF() * 1.6);
        big.setBold(m_guess);
        const QFontMetrics bigMetrics(big);
        const QRect inner = frame.toRect().adjusted(4, 3, -4, -3);
        painter.setFont(big);
        painter.setPen(textColour);
        painter.drawText(QRect(inner.left(), inner.top(), inner.width(), bigMetrics.height()), Qt::AlignCenter,
                         bigMetrics.elidedText(text(), Qt::ElideRight, inner.width()));
        if (m_probability < 0)
            return;
        painter.setFont(font());
        const int textTop = inner.top() + bigMetrics.height();
        painter.drawText(QRect(inner.left(), textTop, inner.width(), fontMetrics().height()), Qt::AlignCenter,
                         QLocale().toString(100.0 * m_probability, 'f', 0) + QStringLiteral(" %"));
        const QRectF track(inner.left() + 2, inner.bottom() - 3, inner.width() - 4, 3);
        painter.setPen(Qt::NoPen);
        painter.setBrush(pal.color(QPalette::Midlight));
        painter.drawRect(track);
        painter.setBrush(m_chosen ? pal.color(QPalette::HighlightedText) : highlight);
        painter.drawRect(QRectF(track.left(), track.top(), track.width() * std::clamp(m_probability, 0.0, 1.0), track.height()));
    }

private:
    double m_probability = -1; // < 0: none shown
    bool m_guess = false;
    bool m_chosen = false; // the label given (or recorded): filled
};

} // namespace

ClassButtons::ClassButtons(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("classButtons"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
}

void ClassButtons::setClassNames(const QStringList &names)
{
    if (int(m_buttons.size()) == names.size()) {
        for (int c = 0; c < names.size(); ++c)
            m_buttons[size_t(c)]->setText(names[c]);
        return;
    }
    for (QAbstractButton *b : m_buttons)
        delete b;
    m_buttons.clear();
    auto *grid = static_cast<QGridLayout *>(layout());
    const int perRow = names.size() <= 10 ? 10 : 8;
    for (int c = 0; c < names.size(); ++c) {
        auto *button = new ClassButton(names[c], this);
        button->setObjectName(QStringLiteral("classButton%1").arg(c));
        button->setToolTip(c < 10 ? tr("Label it %1 and go to the next image (key %2)").arg(names[c]).arg(c)
                                  : tr("Label it %1 and go to the next image").arg(names[c]));
        connect(button, &QAbstractButton::clicked, this, [this, c] { Q_EMIT classClicked(c); });
        grid->addWidget(button, c / perRow, c % perRow);
        m_buttons.push_back(button);
    }
    showState({}, -1, -1);
}

void ClassButtons::showState(const std::vector<float> &probabilities, int guess, int chosen)
{
    m_guess = guess;
    m_chosen = chosen;
    for (int c = 0; c < count(); ++c) {
        auto *button = static_cast<ClassButton *>(m_buttons[size_t(c)]);
        button->setState(size_t(c) < probabilities.size() ? double(probabilities[size_t(c)]) : -1.0, c == guess, c == chosen);
    }
}

} // namespace mlwb
