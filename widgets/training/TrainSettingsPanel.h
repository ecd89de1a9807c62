#pragma once
#include "store/Workspace.h"
#include "training/TrainSettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace mlwb {

// The form of a training: data set version, model, and every TrainSettings field. It does
// not validate: the page asks TrainSettings::validate() and shows its message.
class TrainSettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainSettingsPanel(WorkspacePtr workspace, QWidget *parent = nullptr);

    // The data set version id chosen; empty when the workspace has none.
    QString datasetId() const;
    TrainSettings settings() const;
    // Fills the form (the architecture may be a built-in name or a spec path).
    void setSettings(const TrainSettings &settings);
    void setDataset(const QString &datasetId);
    // Reads the data set versions again, keeping the choice where it still exists.
    void reloadDatasets();
    // Fills the form with a recipe's settings (trainRecipes()), keeping the data set; false when
    // there is no such recipe.
    bool applyRecipe(const QString &name);

private:
    QWidget *buildModelRow();
    void chooseSpecFile();
    void selectArchitecture(const QString &nameOrPath);
    void updateOptimizerFields();

    WorkspacePtr m_workspace;
    QComboBox *m_recipe;
    QComboBox *m_dataset;
    QComboBox *m_model;
    int m_lastModelIndex = 0;
    QSpinBox *m_epochs, *m_batchSize, *m_threads;
    QDoubleSpinBox *m_learningRate, *m_momentum, *m_weightDecay, *m_validationFraction;
    QComboBox *m_optimizer, *m_schedule, *m_precision;
    QLineEdit *m_seed;
    QDoubleSpinBox *m_rotation, *m_cropProbability, *m_noise;
};

} // namespace mlwb
