#pragma once
#include "continuous/Retrain.h"

#include <QDialog>

class QDoubleSpinBox;
class QRadioButton;
class QSpinBox;

namespace mlwb {

class Workspace;

// What "Build data set…" and "Retrain…" ask, kept in the workspace's settings (the automatic
// retraining uses the last choices too).
struct RetrainChoices {
    bool fineTune = true;      // from the production weights; false: from scratch
    int weight = 0;            // copies of each production sample; 0: automatic
    double testFraction = 0.2; // labeled samples held back as the production test split

    static RetrainChoices load(const Workspace &workspace);
    void save(const Workspace &workspace) const;
    ProductionBuildOptions buildOptions() const;
    RetrainOptions retrainOptions() const;
};

// The small dialog behind both buttons; the fine-tune choice only for Retrain.
class RetrainDialog : public QDialog {
    Q_OBJECT
public:
    enum class Mode { Build, Retrain };

    RetrainDialog(Mode mode, const RetrainChoices &choices, QWidget *parent = nullptr);
    RetrainChoices choices() const;

private:
    QRadioButton *m_fineTune;
    QRadioButton *m_scratch;
    QSpinBox *m_weight;
    QDoubleSpinBox *m_testFraction;
};

} // namespace mlwb
