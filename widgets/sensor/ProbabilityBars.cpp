#include "sensor/ProbabilityBars.h"

#include <QLocale>
#include <QPainter>
#include <algorithm>

namespace mlwb {

ProbabilityBars::ProbabilityBars(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("probabilityBars"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ProbabilityBars::setClassNames(const QStringList &names)
{
    m_names = names;
    m_probabilities.clear();
    updateGeometry();
    update();
}

void ProbabilityBars::setProbabilities(const std::vector<float> &probabilities)
{
    m_probabilities = probabilities;
    update();
}

void ProbabilityBars::clearProbabilities()
{
    m_probabilities.clear();
    update();
}

int ProbabilityBars::rowHeight() const
{
    return fontMetrics().height() + 4;
}

QSize ProbabilityBars::sizeHint() const
{
    return {260, int(std::max<qsizetype>(m_names.size(), 1)) * rowHeight()};
}

QSize ProbabilityBars::minimumSizeHint() const
{
    return {160, sizeHint().height()};
}

void ProbabilityBars::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QFontMetrics metrics = fontMetrics();
    int nameWidth = 0;
    for (const QString &name : m_names)
        nameWidth = std::max(nameWidth, metrics.horizontalAdvance(name));
    nameWidth = std::min(nameWidth + 8, width() / 3);
    const QLocale locale;
    const int valueWidth = metrics.horizontalAdvance(locale.toString(100.0, 'f', 1) + QStringLiteral(" %")) + 6;
    const int barLeft = nameWidth, barWidth = std::max(10, width() - nameWidth - valueWidth);
    const int top = m_probabilities.empty() ? -1
                                            : int(std::max_element(m_probabilities.begin(), m_probabilities.end())
                                                  - m_probabilities.begin());
    const QColor bar = palette().color(QPalette::Highlight);
    const QColor other = palette().color(QPalette::Mid);
    const int h = rowHeight();
    for (int c = 0; c < m_names.size(); ++c) {
        const QRect row(0, c * h, width(), h);
        const bool isTop = c == top;
        QFont font = painter.font();
        font.setBold(isTop);
        painter.setFont(font);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(0, row.top(), nameWidth - 6, h), Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(m_names[c], Qt::ElideRight, nameWidth - 6));
        const QRect track(barLeft, row.top() + 3, barWidth, h - 6);
        painter.fillRect(track, palette().color(QPalette::AlternateBase));
        if (size_t(c) < m_probabilities.size()) {
            const double p = std::clamp(double(m_probabilities[size_t(c)]), 0.0, 1.0);
            painter.fillRect(QRect(track.left(), track.top(), int(std::lround(p * track.width())), track.height()),
                             isTop ? bar : other);
            painter.drawText(QRect(track.right() + 6, row.top(), valueWidth, h), Qt::AlignLeft | Qt::AlignVCenter,
                             locale.toString(100 * p, 'f', 1) + QStringLiteral(" %"));
        }
    }
}

} // namespace mlwb
