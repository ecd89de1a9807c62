#pragma once
#include "data/Dataset.h"
#include "evaluation/Corruptions.h"

#include <QImage>
#include <QString>
#include <QWidget>
#include <vector>

class QComboBox;
class QCustomPlot;
class QCPItemTracer;
class QLabel;
class QMouseEvent;
class QStackedLayout;

namespace mlwb {

class CorruptionStrip;

// The Robustness view of the Evaluate page: accuracy against severity for each corruption
// (one curve per kind, level 0 = the clean images), and below it a few test images at every
// level of the chosen corruption, so that a user sees what "blur 3" does to a digit. Display
// only: the curves come computed, the images are corrupted here on the fly (they are few).
class RobustnessView : public QWidget {
    Q_OBJECT
public:
    explicit RobustnessView(QWidget *parent = nullptr);

    // No curves shows the empty text instead of the plot.
    void setCurves(std::vector<CorruptionCurve> curves);
    const std::vector<CorruptionCurve> &curves() const { return m_curves; }
    // The test images of the strip; indices outside data are left out.
    void setSamples(DatasetPtr data, std::vector<qint64> sampleIndices);
    void setEmptyText(const QString &text);
    bool showsEmptyText() const;

    // The corruption the strip shows (also chosen by clicking its curve or legend entry).
    void setShownCorruption(Corruption kind);
    Corruption shownCorruption() const;

    QCustomPlot *plot() const { return m_plot; }
    // PNG or PDF by the file's suffix; false for another suffix or when writing failed.
    bool savePlot(const QString &path);

    // The image the strip draws (at its own resolution) for a sample row and level 0–5; a
    // null image when there is no such row. Public for tests.
    QImage stripImage(int sampleRow, int level) const;
    // The hover text of a point: "Blur σ 1.5 px: accuracy 0.912". Public for tests.
    QString describePoint(int curveIndex, int level) const;
    // A severity with its unit, as the strip's column titles and the tool tip write it.
    static QString severityText(Corruption kind, double value);
    static QString corruptionName(Corruption kind);

private:
    void showCurves();
    void updateStrip();
    void highlightShownCurve();
    void onPlotMouseMove(QMouseEvent *event);
    void hideHover();
    void resetAxes();
    bool eventFilter(QObject *watched, QEvent *event) override;

    std::vector<CorruptionCurve> m_curves;
    DatasetPtr m_data;
    std::vector<qint64> m_sampleIndices;

    QStackedLayout *m_stack;
    QLabel *m_empty;
    QWidget *m_content;
    QCustomPlot *m_plot;
    QCPItemTracer *m_tracer;
    QComboBox *m_kinds;
    CorruptionStrip *m_strip;
};

} // namespace mlwb
