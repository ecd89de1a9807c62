#pragma once
#include "evaluation/SampleSelection.h"
#include "jobs/StoredEvaluations.h"

#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedLayout;
class QTabWidget;

namespace mlwb {

struct AppContext;
class ConfusionMatrixView;
class GalleryView;
class PerClassTable;
class RobustnessView;
class TrainingPlots;

// The Evaluate page: one model version on one data set version's test split. "Where and why
// is this model wrong?": a summary, the confusion matrix whose cells (and row/column headers)
// show their images, the per-class table, the failure gallery in three orders with class
// filters, a ranking that finds suspected label errors (F flags them, Ctrl+Z takes the last
// flag back), accuracy under sensor-like corruptions, and the learning curves of the run.
// The evaluation is read from the workspace (computed once, off the UI thread, when missing):
// clicking never runs the model.
class EvaluatePage : public QWidget {
    Q_OBJECT
public:
    enum Tab { ConfusionTab, FailuresTab, LabelErrorsTab, RobustnessTab, CurvesTab };

    EvaluatePage(AppContext &context, QWidget *parent = nullptr);

    void reload();                  // the model and data set lists
    void showModel(qint64 modelId); // selects it
    int perClassRowCount() const;

    // Computes (or reads) the evaluation of the chosen model on the chosen data set.
    void evaluate(bool robustness = false, bool recompute = false);
    // Shows the images of a confusion-matrix cell (-1: the whole row or column).
    void showCell(int trueClass, int predictedClass);

    // What is shown now; null until an evaluation is open.
    const OpenedEvaluation *opened() const { return m_opened.get(); }
    ConfusionMatrixView *confusionView() const { return m_confusion; }
    PerClassTable *perClassTable() const { return m_perClass; }
    GalleryView *cellGallery() const { return m_cellGallery; }
    GalleryView *failureGallery() const { return m_failures; }
    GalleryView *labelErrorGallery() const { return m_labelErrors; }
    RobustnessView *robustnessView() const { return m_robustness; }
    QComboBox *failureOrderBox() const { return m_order; }
    QComboBox *failureTrueBox() const { return m_trueFilter; }
    QComboBox *failurePredictedBox() const { return m_predictedFilter; }
    QTabWidget *tabs() const { return m_tabs; }
    QString summaryText() const;

    // Toggles the "suspected label error" mark of these data set samples (F in a gallery).
    // Written on the store thread: the gallery shows the flags once stored.
    void toggleFlags(const QList<qint64> &sampleIndices, bool undoable = true);
    void undoFlag();

Q_SIGNALS:
    void evaluationShown(); // an evaluation was opened and drawn
    void evaluationFailed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void modelChanged();
    void datasetChanged();
    void showRegisteredReport();
    void showOpened(std::shared_ptr<OpenedEvaluation> opened);
    void showMessage(const QString &text);
    void updateFailures();
    void updateLabelErrors();
    void updateFlags();
    void updateSummary();
    void exportConfusion();
    void exportPerClass();
    void exportPredictions();
    void exportRobustness();
    void exportFlagged();
    QString chooseFile(const QString &title, const QString &name, const QString &filter);
    // Asks for a file and calls write(path) for an open evaluation; errors become a dialog.
    void exportCsv(const QString &title, const QString &fileName, const std::function<void(const QString &)> &write);

    AppContext &m_context;
    QComboBox *m_models;
    QComboBox *m_datasets;
    QPushButton *m_evaluate;
    QPushButton *m_computeRobustness;
    QPushButton *m_export;
    QLabel *m_summary;
    QLabel *m_status;
    QStackedLayout *m_stack;
    QLabel *m_message;
    QTabWidget *m_tabs;
    ConfusionMatrixView *m_confusion;
    QComboBox *m_matrixMode;
    PerClassTable *m_perClass;
    QLabel *m_cellCaption;
    GalleryView *m_cellGallery;
    QComboBox *m_order;
    QComboBox *m_trueFilter;
    QComboBox *m_predictedFilter;
    QLabel *m_failureCount;
    GalleryView *m_failures;
    QLabel *m_labelErrorsCaption;
    GalleryView *m_labelErrors;
    RobustnessView *m_robustness;
    TrainingPlots *m_curves;

    std::shared_ptr<OpenedEvaluation> m_opened;
    quint64 m_request = 0;           // the newest evaluation asked for; older answers are dropped
    bool m_evaluating = false;
    QList<qint64> m_lastToggled;     // for undoFlag
    std::optional<std::pair<int, int>> m_cell;
};

} // namespace mlwb
