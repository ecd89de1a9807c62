#include "app/ErrorLabel.h"

namespace mlwb {

ErrorLabel::ErrorLabel(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setStyleSheet(QStringLiteral("color: #b3261e;"));
    hide();
}

void ErrorLabel::showError(const QString &message)
{
    setText(message);
    show();
}

void ErrorLabel::clearError()
{
    hide();
    clear();
}

QString ErrorLabel::error() const
{
    return isHidden() ? QString() : text();
}

} // namespace mlwb
