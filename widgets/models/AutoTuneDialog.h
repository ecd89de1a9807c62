#pragma once
#include "registry/ModelVersion.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace mlwb {

struct AppContext;
class AutoTuneJob;
class ErrorLabel;

// Auto-tune below the gate: for a model version that misses the promotion gate, a bounded
// search over learning rate, optimizer, batch size and epochs from its own settings (random or
// grid; a budget in trials and minutes). Trials run as queued runs in a job; the table fills as
// they finish; the search stops at the first trial that passes, and the best one is offered
// for promotion. Closing the dialog leaves the search running (the job bar can cancel it).
class AutoTuneDialog : public QDialog {
    Q_OBJECT
public:
    AutoTuneDialog(AppContext &context, const ModelVersion &base, QWidget *parent = nullptr);

    bool start();          // the Start button; false (and the form says why) on bad input
    void cancelSearch();
    int trialRows() const;
    qint64 bestModelId() const { return m_bestModel; }

Q_SIGNALS:
    void searchFinished(bool passed);
    void promoteRequested(qint64 modelId);

private:
    void refreshTrials();
    void finish();

    AppContext &m_context;
    ModelVersion m_base;
    QDoubleSpinBox *m_minF1;
    QComboBox *m_strategy;
    QSpinBox *m_trials;
    QSpinBox *m_minutes;
    QLineEdit *m_learningRates, *m_optimizers, *m_batchSizes, *m_epochs;
    ErrorLabel *m_error;
    QStandardItemModel *m_table;
    QTableView *m_view;
    QLabel *m_status;
    QPushButton *m_start, *m_cancel, *m_promote;
    AutoTuneJob *m_job = nullptr;
    qint64 m_bestModel = 0;
};

} // namespace mlwb
