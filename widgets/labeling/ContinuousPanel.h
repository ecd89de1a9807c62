#pragma once
#include "labeling/RetrainDialog.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace mlwb {

struct AppContext;
class Job;
class RetrainOutcome;

// The Label page's continuous training: Build data set… and Retrain… (each a small dialog,
// then a job), the outcome (production against the new model on both test splits, Promote…
// through the gates), and "Retrain automatically after N new labels" — kept in the
// workspace's settings and counted over the labels given on this page while it is open.
class ContinuousPanel : public QWidget {
    Q_OBJECT
public:
    explicit ContinuousPanel(AppContext &context, QWidget *parent = nullptr);

    void chooseBuild();   // the dialog, then buildDataset
    void chooseRetrain(); // the dialog, then retrain
    void buildDataset(const RetrainChoices &choices);
    void retrain(const RetrainChoices &choices);
    void promote(qint64 modelId);

    // The labels given on the page so far (LabelDecisions::newlyLabeled of production samples):
    // starts the automatic retraining when enough arrived since the last build.
    void setLabelsGiven(qint64 total);
    bool isBusy() const { return m_running != nullptr || m_waitingForStore; }
    qint64 labelsSinceBuild() const { return m_labelsGiven - m_labelsAtBuild; }

    RetrainOutcome *outcome() const { return m_outcome; }
    QCheckBox *autoRetrainBox() const { return m_auto; }
    QSpinBox *autoRetrainCount() const { return m_autoCount; }

Q_SIGNALS:
    void buildFinished(bool succeeded);
    void retrainFinished(bool succeeded);
    void promotionFinished(bool promoted, const QString &message);

private:
    void startJob(std::unique_ptr<Job> job);
    void startRetrain(const RetrainChoices &choices, bool automatic);
    // Before a build or a retraining: false while one runs; else keeps the choices for next time
    // and restarts the count of labels given since the last build.
    bool beginWith(const RetrainChoices &choices);
    void loadSettings();
    void saveAutoSettings();
    void maybeRetrainAutomatically();
    void updateState();

    AppContext &m_context;
    QPushButton *m_build;
    QPushButton *m_retrain;
    QCheckBox *m_auto;
    QSpinBox *m_autoCount;
    QLabel *m_autoState;
    RetrainOutcome *m_outcome;
    Job *m_running = nullptr; // this panel's build, retraining or promotion
    bool m_waitingForStore = false; // one is asked for, and starts after the writes before it
    qint64 m_labelsGiven = 0;
    qint64 m_labelsAtBuild = 0;
};

} // namespace mlwb
