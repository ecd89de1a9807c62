#pragma once
#include "jobs/ModelComparison.h"
#include "store/Workspace.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QCustomPlot;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace mlwb {

class ConfusionMatrixView;
class GalleryView;
class TrainingPlots;

// 2–4 model versions side by side on one test set: their metrics with the difference to the
// first, per-class F1 as grouped bars, McNemar's test per pair ("B is better, p = …"), the
// difference of two confusion matrices (B − A) whose cells open the images where the two
// disagree, and their learning curves overlaid.
class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(WorkspacePtr workspace, QWidget *parent = nullptr);

    void setComparison(std::shared_ptr<const ModelComparison> comparison);
    void clear(const QString &emptyText);
    const ModelComparison *comparison() const { return m_comparison.get(); }

    // The two models of the difference matrix (indices into comparison()->models).
    void setPair(int a, int b);
    // The samples whose true class is trueClass where A or B predicted predictedClass and the
    // two predictions differ, shown in the gallery (-1: any).
    void showDisagreements(int trueClass, int predictedClass);

    QTableView *metricsTable() const { return m_metricsTable; }
    QCustomPlot *f1Plot() const { return m_f1; }
    ConfusionMatrixView *differenceView() const { return m_difference; }
    GalleryView *disagreementGallery() const { return m_gallery; }
    QString verdictText() const;

private:
    void fillMetrics();
    void fillF1Plot();
    void fillVerdicts();

    WorkspacePtr m_workspace;
    std::shared_ptr<const ModelComparison> m_comparison;
    int m_a = 0, m_b = 1;
    QLabel *m_empty;
    QWidget *m_content;
    QLabel *m_notes;
    QTableView *m_metricsTable;
    QStandardItemModel *m_metrics;
    QLabel *m_verdicts;
    QCustomPlot *m_f1;
    QComboBox *m_pairBox;
    ConfusionMatrixView *m_difference;
    QLabel *m_galleryCaption;
    GalleryView *m_gallery;
    TrainingPlots *m_curves;
};

} // namespace mlwb
