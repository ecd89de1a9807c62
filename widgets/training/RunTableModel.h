#pragma once
#include "store/RunStore.h"
#include "store/Workspace.h"

#include <QAbstractTableModel>
#include <QSet>
#include <optional>

namespace mlwb {

// The workspace's training runs, newest first, with a check box per run that says whether
// its curves are drawn. Finished runs show their final validation accuracy, test macro-F1
// and model id.
class RunTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Status, Architecture, Dataset, Epochs, ValAccuracy, TestF1, Model, ColumnCount };

    explicit RunTableModel(WorkspacePtr workspace, QObject *parent = nullptr);

    // Reads the runs again (a few small queries); keeps the check marks.
    void reload();

    QList<qint64> checkedRuns() const;
    void setChecked(qint64 runId, bool checked);
    qint64 runIdAt(int row) const;
    int rowOf(qint64 runId) const; // -1 when not listed
    const RunRecord *runAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

Q_SIGNALS:
    void checkedRunsChanged();

private:
    struct Row {
        RunRecord run;
        int plannedEpochs = 0;
        QString datasetName;
        std::optional<double> valAccuracy;
        std::optional<double> testMacroF1;
    };
    struct Lookups; // what reload() reads once for all rows
    Row makeRow(const RunRecord &run, const Lookups &lookups) const;
    QVariant display(const Row &row, int column) const;

    WorkspacePtr m_workspace;
    QList<Row> m_rows;
    QSet<qint64> m_checked;
};

// The status as the user reads it ("finished", "interrupted", ...), translated.
QString runStatusText(RunStatus status);

} // namespace mlwb
