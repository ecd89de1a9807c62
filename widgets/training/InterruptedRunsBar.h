#pragma once
#include <QFrame>
#include <QList>

class QHBoxLayout;
class QLabel;

namespace mlwb {

// An info bar over the plots that lists runs a killed or crashed process left behind and
// offers to resume each ("Resume run 7"). Hidden while there is nothing to offer.
class InterruptedRunsBar : public QFrame {
    Q_OBJECT
public:
    explicit InterruptedRunsBar(QWidget *parent = nullptr);

    // The runs to offer (ids, newest first); hides the bar when empty.
    void setRuns(const QList<qint64> &runIds);
    QList<qint64> runs() const { return m_runs; }
    // No longer offers this run (it was resumed).
    void removeRun(qint64 runId);

Q_SIGNALS:
    void resumeRequested(qint64 runId);

private:
    void rebuild();

    QList<qint64> m_runs;
    QLabel *m_text;
    QHBoxLayout *m_buttons;
};

} // namespace mlwb
