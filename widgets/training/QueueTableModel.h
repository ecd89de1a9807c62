#pragma once
#include "store/QueueStore.h"
#include "store/Workspace.h"

#include <QAbstractTableModel>
#include <QHash>

namespace mlwb {

// The run queue as the store lists it: pending entries in the order they will run (numbered),
// then the running one, then finished ones, newest first.
class QueueTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Order, State, Priority, Dataset, Architecture, Epochs, BatchSize, LearningRate, Run, ColumnCount };

    explicit QueueTableModel(WorkspacePtr workspace, QObject *parent = nullptr);

    // Reads the queue (and whether it is paused) again; keeps selection and scroll position
    // when the rows are the same.
    void reload();
    bool isPaused() const { return m_paused; }

    const QueueEntry *entryAt(int row) const;
    int rowOf(qint64 entryId) const; // -1 when not listed
    int pendingCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant display(int row, int column) const;

    WorkspacePtr m_workspace;
    QList<QueueEntry> m_entries;
    QHash<QString, QString> m_datasetNames;
    bool m_paused = false;
};

// The state as the user reads it ("waiting", "held", ...), translated.
QString queueStateText(QueueState state);

} // namespace mlwb
