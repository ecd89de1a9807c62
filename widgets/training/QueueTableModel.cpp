#include "training/QueueTableModel.h"

#include "store/DatasetStore.h"

#include <QColor>
#include <QFileInfo>
#include <QFont>

namespace mlwb {

QString queueStateText(QueueState state)
{
    switch (state) {
    case QueueState::Waiting: return QueueTableModel::tr("waiting");
    case QueueState::Held: return QueueTableModel::tr("held");
    case QueueState::Running: return QueueTableModel::tr("running");
    case QueueState::Done: return QueueTableModel::tr("done");
    case QueueState::Failed: return QueueTableModel::tr("failed");
    case QueueState::Cancelled: return QueueTableModel::tr("cancelled");
    }
    return {};
}

QueueTableModel::QueueTableModel(WorkspacePtr workspace, QObject *parent)
    : QAbstractTableModel(parent), m_workspace(std::move(workspace))
{
    reload();
}

void QueueTableModel::reload()
{
    QHash<QString, QString> names;
    for (const DatasetVersion &version : DatasetStore(*m_workspace).list())
        names.insert(version.id, version.name);
    const QueueStore queue(*m_workspace);
    QList<QueueEntry> entries = queue.list();
    m_paused = queue.isPaused();

    bool sameRows = entries.size() == m_entries.size();
    for (qsizetype i = 0; sameRows && i < entries.size(); ++i)
        sameRows = entries[i].id == m_entries[i].id;
    m_datasetNames = names;
    if (sameRows) {
        m_entries = entries;
        if (!m_entries.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_entries.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

const QueueEntry *QueueTableModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries[row] : nullptr;
}

int QueueTableModel::rowOf(qint64 entryId) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].id == entryId)
            return int(i);
    return -1;
}

int QueueTableModel::pendingCount() const
{
    return int(std::count_if(m_entries.begin(), m_entries.end(), [](const QueueEntry &e) { return isPending(e.state); }));
}

int QueueTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int QueueTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueTableModel::display(int row, int column) const
{
    const QueueEntry &e = m_entries[row];
    const QJsonObject &s = e.settings;
    switch (column) {
    case Order: return isPending(e.state) ? QVariant(row + 1) : QVariant(QString());
    case State: return queueStateText(e.state);
    case Priority: return e.priority;
    case Dataset: {
        const QString name = m_datasetNames.value(e.datasetId);
        return name.isEmpty() ? e.datasetId.left(12) : tr("%1 (%2)").arg(name, e.datasetId.left(8));
    }
    case Architecture: {
        const QString architecture = e.architecture();
        return architecture.endsWith(QStringLiteral(".json")) ? QFileInfo(architecture).fileName() : architecture;
    }
    case Epochs: return s.value(QStringLiteral("epochs")).toInt();
    case BatchSize: return s.value(QStringLiteral("batchSize")).toInt();
    case LearningRate: return QString::number(s.value(QStringLiteral("learningRate")).toDouble(), 'g', 6);
    case Run: return e.runId ? QVariant(*e.runId) : QVariant(QString());
    default: return {};
    }
}

QVariant QueueTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const QueueEntry &e = m_entries[index.row()];
    switch (role) {
    case Qt::DisplayRole: return display(index.row(), index.column());
    case Qt::ToolTipRole:
        if (index.column() == State && !e.error.isEmpty())
            return e.error;
        if (index.column() == Dataset)
            return e.datasetId;
        return {};
    case Qt::ForegroundRole: {
        if (e.state == QueueState::Failed)
            return QColor(0xb0, 0x30, 0x20);
        const bool finished = !isPending(e.state) && e.state != QueueState::Running;
        if (e.state == QueueState::Held || finished) // greyed: not going to run as it is
            return QColor(0x80, 0x80, 0x80);
        return {};
    }
    case Qt::FontRole:
        if (e.state == QueueState::Running) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Order || index.column() == Priority || index.column() >= Epochs)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant QueueTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Order: return tr("#");
    case State: return tr("State");
    case Priority: return tr("Priority");
    case Dataset: return tr("Data set");
    case Architecture: return tr("Model");
    case Epochs: return tr("Epochs");
    case BatchSize: return tr("Batch");
    case LearningRate: return tr("Learning rate");
    case Run: return tr("Run");
    default: return {};
    }
}

} // namespace mlwb
