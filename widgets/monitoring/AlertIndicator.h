#pragma once
#include <QToolButton>

namespace mlwb {

// The status bar's sign of drift: "⚠ 2 alerts" while the monitor has alerts nobody has
// acknowledged, hidden otherwise; a click asks for the Monitor page. The count comes from the
// Monitor page each time it looks (off the UI thread), so this widget never reads the store.
class AlertIndicator : public QToolButton {
    Q_OBJECT
public:
    explicit AlertIndicator(QWidget *parent = nullptr);

    void setCount(qint64 unacknowledged);
    qint64 count() const { return m_count; }

Q_SIGNALS:
    void openRequested();

private:
    qint64 m_count = 0;
};

} // namespace mlwb
