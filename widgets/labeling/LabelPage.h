#pragma once
#include "labeling/LabelDecisions.h"
#include "labeling/LabelSource.h"

#include <QFutureWatcher>
#include <QWidget>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QFrame;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedLayout;
class QTabWidget;

namespace mlwb {

struct AppContext;
class ContinuousPanel;
class LabelGrid;
class LabeledList;
class LabelQueueModel;
class SampleLabelView;

// The Label page: the unlabeled production samples as a queue — most uncertain first, by time,
// or where a candidate model disagrees with production; near duplicates hidden; filtered by
// source, prediction and date — labeled one at a time with the keys (0–9, Space accepts the
// guess, S skips, X "not a digit", Ctrl+Z undoes and goes back) or a page at a time in the grid
// (G). Every label is sent to the store as it is given (on the store thread: the page moves on
// at once and shows "saving…" until it lands; a refused write is shown and taken back). The Labeled tab changes labels later; the
// suspected label errors flagged on the Evaluate page are relabeled the same way (as
// corrections). Beside it, building a data set from the labels and retraining (ContinuousPanel).
// The queue is read off the UI thread.
class LabelPage : public QWidget {
    Q_OBJECT
public:
    explicit LabelPage(AppContext &context, QWidget *parent = nullptr);
    ~LabelPage() override;

    // Reads the queue again with the chosen source, order and filters.
    void rebuildQueue();
    void reloadChoices(); // the candidate models and the data sets with suspected label errors

    // The decisions the keys make, for the current image (single view) or the selected ones (grid).
    void labelCurrent(int c);
    void acceptCurrent();
    void skipCurrent();
    void discardCurrent();
    void undo();
    void setGridMode(bool grid);
    bool isGridMode() const { return m_gridMode; }

    // The queue shows exactly these production samples in this order (the Monitor page's
    // window, most drifting first), under a bar "Showing N samples of <title>" with a way back.
    void showSamples(const QList<qint64> &ids, const QString &title);
    void showQueue(); // back to the queue of the chosen order and filters
    bool isShowingSamples() const { return m_sampleList.has_value(); }
    QString samplesText() const; // the bar's text; "" in the ordinary queue

    void setOrder(QueueOrder order);
    // "" for the production samples, else a data set version with suspected label errors.
    void setLabelSource(const QString &datasetId);

    int currentRow() const { return m_current; } // in the queue; == rows when done
    const LabelItem *currentItem() const;
    LabelQueueModel *queueModel() const { return m_model; }
    SampleLabelView *singleView() const { return m_view; }
    LabelGrid *grid() const { return m_grid; }
    LabeledList *labeledList() const { return m_labeled; }
    ContinuousPanel *continuousPanel() const { return m_continuous; }
    LabelDecisions &decisions() { return m_decisions; }
    QComboBox *orderBox() const { return m_order; }
    QComboBox *candidateBox() const { return m_candidate; }
    QComboBox *sourceFilterBox() const { return m_sourceFilter; }
    QComboBox *predictedFilterBox() const { return m_predictedFilter; }
    QCheckBox *duplicatesBox() const { return m_hideDuplicates; }
    QTabWidget *tabs() const { return m_tabs; }
    QString progressText() const;
    QString messageText() const;   // the empty state's text ("" while images are shown)
    QString duplicatesText() const; // "3 near duplicates hidden", or empty
    QString hintText() const; // below the queue: "Undone", "Not saved: …"
    bool isLoading() const;

    static constexpr int kQueueTag = 1; // LabelDecision::tag of decisions made in the queue

Q_SIGNALS:
    void queueLoaded();
    void decided(); // a decision was made, undone or refused by the store: the counts changed

protected:
    void showEvent(QShowEvent *event) override;

private:
    LabelSourceRequest request() const;
    void onQueueLoaded();
    void showCurrent();
    void showMessage(const QString &text);
    void updateProgress();
    void updateControls();
    // Stores the values, then moves on to the next unlabeled image after `after`.
    bool decide(const QList<std::pair<LabelTarget, LabelValue>> &values, int after);
    void advanceFrom(int row);
    void gridDecision(const QList<int> &rows, const std::function<LabelValue(const LabelItem &)> &value);
    void afterUndo(const LabelDecision &decision);
    void onWriteFailed(const QString &message, const QList<LabelTarget> &targets);
    void hint(const QString &text);
    void takeKeys();

    AppContext &m_context;
    LabelDecisions m_decisions;
    LabelQueueModel *m_model;
    QComboBox *m_labelSource;
    QComboBox *m_order;
    QComboBox *m_candidate;
    QCheckBox *m_hideDuplicates;
    QLabel *m_duplicates;
    QComboBox *m_sourceFilter;
    QComboBox *m_predictedFilter;
    QCheckBox *m_fromOn;
    QDateEdit *m_from;
    QCheckBox *m_toOn;
    QDateEdit *m_to;
    QWidget *m_filters;
    QTabWidget *m_tabs;
    QStackedLayout *m_stack;
    SampleLabelView *m_view;
    LabelGrid *m_grid;
    QLabel *m_message;
    LabeledList *m_labeled;
    ContinuousPanel *m_continuous;
    QLabel *m_progressText;
    QProgressBar *m_progress;
    QPushButton *m_gridButton;
    QPushButton *m_undoButton;
    QLabel *m_hint;

    QFutureWatcher<LoadedLabelQueue> m_loader;
    std::shared_ptr<CancelFlag> m_cancel;
    bool m_loadAgain = false;
    bool m_loadAfterSaving = false; // a read waits for the labels given to land
    QString m_loadError;
    qint64 m_duplicatesHidden = 0;
    int m_current = 0;
    bool m_gridMode = false;
    bool m_loadedOnce = false;
    bool m_keysToView = true; // the view gets the focus when it shows next
    std::optional<QList<qint64>> m_sampleList; // showSamples(): the queue is these samples
    QFrame *m_sampleBar = nullptr;
    QLabel *m_sampleText = nullptr;
};

} // namespace mlwb
