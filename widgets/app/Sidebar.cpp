#include "app/Sidebar.h"

namespace mlwb {

Sidebar::Sidebar(QWidget *parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("sidebar"));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setUniformItemSizes(true);
    setIconSize(QSize(22, 22));
    setSpacing(2);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMinimumWidth(120); // page names stay readable however the splitter was left
}

void Sidebar::addPage(const QIcon &icon, const QString &name, const QString &shortcutText)
{
    auto *item = new QListWidgetItem(icon, name, this);
    item->setToolTip(tr("%1 (%2)").arg(name, shortcutText));
    item->setSizeHint(QSize(0, 34));
}

QSize Sidebar::sizeHint() const
{
    return QSize(150, QListWidget::sizeHint().height());
}

} // namespace mlwb
