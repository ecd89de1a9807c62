#pragma once
#include <QObject>
#include <QString>

class QCustomPlot;
class QCPItemTracer;
class QMouseEvent;

namespace mlwb {

// Shows the value under the mouse: a marker on the nearest point of any visible graph and a
// tool tip "<graph> · <x label> <x> · <value>". Owned by (and a child of) the plot.
class HoverTracer : public QObject {
    Q_OBJECT
public:
    HoverTracer(QCustomPlot *plot, QString keyLabel);

    // What the tool tip says for a point; public for tests.
    QString describe(int graphIndex, int dataIndex) const;

private:
    void onMouseMove(QMouseEvent *event);
    void hide();
    bool eventFilter(QObject *watched, QEvent *event) override;

    QCustomPlot *m_plot;
    QCPItemTracer *m_tracer;
    QString m_keyLabel;
};

} // namespace mlwb
