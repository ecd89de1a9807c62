#pragma once
#include <QPainter>
#include <QPalette>
#include <QString>
#include <QWidget>

namespace mlwb {

// What an empty view says to do next, drawn in its viewport in the disabled text colour.
inline void paintEmptyText(QWidget *viewport, const QString &text)
{
    QPainter painter(viewport);
    painter.setPen(viewport->palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(viewport->rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap, text);
}

} // namespace mlwb
