#include "monitoring/AlertIndicator.h"

namespace mlwb {

AlertIndicator::AlertIndicator(QWidget *parent) : QToolButton(parent)
{
    setObjectName(QStringLiteral("alertIndicator"));
    setAutoRaise(true);
    setStyleSheet(QStringLiteral("QToolButton { color: #b03a2e; font-weight: bold; }"));
    setToolTip(tr("The monitor found drift in the production samples: open the Monitor page to see and "
                  "acknowledge the alerts (Ctrl+7)"));
    connect(this, &QToolButton::clicked, this, &AlertIndicator::openRequested);
    setCount(0);
}

void AlertIndicator::setCount(qint64 unacknowledged)
{
    m_count = unacknowledged;
    // Two strings rather than "%n alert(s)": English has no numerus translation file.
    setText(unacknowledged == 1 ? tr("⚠ 1 alert") : tr("⚠ %1 alerts").arg(unacknowledged));
    setVisible(unacknowledged > 0);
}

} // namespace mlwb
