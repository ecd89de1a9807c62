#pragma once
#include "store/QueueStore.h"
#include "store/Workspace.h"
#include "training/TrainSettings.h"

#include <QDialog>
#include <optional>
#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace mlwb {

class ErrorLabel;
struct HyperParameterGrid;

// "Add runs to the queue": n data set versions × m models × o hyper-parameter sets, where the
// sets are every combination of the learning rates, batch sizes and epoch counts typed in
// (comma-separated). The other settings come from the Train page's form. Shows how many
// runs that makes; on OK the entries are validated and ready for QueueStore::add().
class QueueGridDialog : public QDialog {
    Q_OBJECT
public:
    QueueGridDialog(WorkspacePtr workspace, const QString &datasetId, const TrainSettings &base,
                    QWidget *parent = nullptr);

    const std::vector<NewQueueEntry> &entries() const { return m_entries; }

    // For tests and for the page: the same as checking items and typing.
    void setDatasetsChecked(const QStringList &datasetIds);
    void setModelsChecked(const QStringList &architectures);
    void setValues(const QString &learningRates, const QString &batchSizes, const QString &epochs);
    void setPriority(int priority);
    // The number of runs the grid makes now, or nothing when a value does not parse.
    std::optional<int> runCount() const;
    QString errorText() const;

    void accept() override;

private:
    QStringList checked(const QListWidget *list) const;
    struct GridSize {
        int datasets = 0, models = 0, settings = 0;
        int runs() const { return datasets * models * settings; }
    };
    std::optional<HyperParameterGrid> parseGrid(QString *error) const;
    std::optional<GridSize> gridSize(QString *error) const; // nothing when a value does not parse
    void updateSummary();

    WorkspacePtr m_workspace;
    TrainSettings m_base;
    QListWidget *m_datasets, *m_models;
    QLineEdit *m_learningRates, *m_batchSizes, *m_epochs;
    QSpinBox *m_priority;
    QPushButton *m_ok = nullptr;
    QLabel *m_summary;
    ErrorLabel *m_error;
    std::vector<NewQueueEntry> m_entries;
};

} // namespace mlwb
