#include "training/RunTableModel.h"

#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"

#include <QFileInfo>
#include <QColor>

namespace mlwb {

QString runStatusText(RunStatus status)
{
    switch (status) {
    case RunStatus::Queued: return RunTableModel::tr("queued");
    case RunStatus::Running: return RunTableModel::tr("running");
    case RunStatus::Finished: return RunTableModel::tr("finished");
    case RunStatus::Failed: return RunTableModel::tr("failed");
    case RunStatus::Cancelled: return RunTableModel::tr("cancelled");
    case RunStatus::Interrupted: return RunTableModel::tr("interrupted");
    }
    return {};
}

RunTableModel::RunTableModel(WorkspacePtr workspace, QObject *parent)
    : QAbstractTableModel(parent), m_workspace(std::move(workspace))
{
    reload();
}

struct RunTableModel::Lookups {
    QHash<QString, QString> datasetNames;    // by version id
    QHash<qint64, double> lastValAccuracy;   // by run id
    QHash<qint64, double> modelMacroF1;      // by model id
};

RunTableModel::Row RunTableModel::makeRow(const RunRecord &run, const Lookups &lookups) const
{
    Row row;
    row.run = run;
    row.plannedEpochs = run.settings.value(QStringLiteral("epochs")).toInt();
    row.datasetName = lookups.datasetNames.value(run.datasetId);
    if (const auto it = lookups.lastValAccuracy.constFind(run.id); it != lookups.lastValAccuracy.cend())
        row.valAccuracy = *it;
    if (run.modelId)
        if (const auto it = lookups.modelMacroF1.constFind(*run.modelId); it != lookups.modelMacroF1.cend())
            row.testMacroF1 = *it;
    return row;
}

void RunTableModel::reload()
{
    // A few queries for the whole list, not a few per run: this runs on the UI thread
    // every two seconds.
    Lookups lookups;
    for (const DatasetVersion &version : DatasetStore(*m_workspace).list())
        lookups.datasetNames.insert(version.id, version.name);
    const RunStore runs(*m_workspace);
    lookups.lastValAccuracy = runs.lastValues(QStringLiteral("val_accuracy"));
    for (const ModelVersion &model : ModelRegistry(*m_workspace).list())
        lookups.modelMacroF1.insert(model.id, model.macroF1);
    QList<Row> rows;
    for (const RunRecord &run : runs.list())
        rows << makeRow(run, lookups);

    bool sameRuns = rows.size() == m_rows.size();
    for (int i = 0; sameRuns && i < rows.size(); ++i)
        sameRuns = rows[i].run.id == m_rows[i].run.id;
    if (sameRuns) { // keeps the selection and the scroll position
        m_rows = rows;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
    // Runs that were deleted meanwhile are no longer checked.
    QSet<qint64> listed;
    for (const Row &row : m_rows)
        listed.insert(row.run.id);
    const QSet<qint64> before = m_checked;
    m_checked.intersect(listed);
    if (m_checked != before)
        Q_EMIT checkedRunsChanged();
}

QList<qint64> RunTableModel::checkedRuns() const
{
    QList<qint64> ids;
    for (const Row &row : m_rows)
        if (m_checked.contains(row.run.id))
            ids << row.run.id;
    return ids;
}

void RunTableModel::setChecked(qint64 runId, bool checked)
{
    if (m_checked.contains(runId) == checked)
        return;
    if (checked)
        m_checked.insert(runId);
    else
        m_checked.remove(runId);
    if (const int row = rowOf(runId); row >= 0)
        Q_EMIT dataChanged(index(row, Id), index(row, Id), {Qt::CheckStateRole});
    Q_EMIT checkedRunsChanged();
}

qint64 RunTableModel::runIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].run.id : 0;
}

const RunRecord *RunTableModel::runAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row].run : nullptr;
}

int RunTableModel::rowOf(qint64 runId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].run.id == runId)
            return i;
    return -1;
}

int RunTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunTableModel::display(const Row &row, int column) const
{
    const RunRecord &run = row.run;
    switch (column) {
    case Id: return run.id;
    case Status: return runStatusText(run.status);
    case Architecture: // a spec file shows as its file name
        return run.architecture.endsWith(QStringLiteral(".json")) ? QFileInfo(run.architecture).fileName()
                                                                  : run.architecture;
    case Dataset:
        return row.datasetName.isEmpty() ? run.datasetId.left(12)
                                         : tr("%1 (%2)").arg(row.datasetName, run.datasetId.left(8));
    case Epochs: return tr("%1 / %2").arg(run.epochsDone).arg(row.plannedEpochs);
    case ValAccuracy: return row.valAccuracy ? QString::number(*row.valAccuracy * 100, 'f', 2) + QLatin1Char('%') : QString();
    case TestF1: return row.testMacroF1 ? QString::number(*row.testMacroF1, 'f', 4) : QString();
    case Model: return run.modelId ? QVariant(*run.modelId) : QVariant(QString());
    default: return {};
    }
}

QVariant RunTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case Qt::CheckStateRole:
        if (index.column() == Id)
            return m_checked.contains(row.run.id) ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Status && !row.run.error.isEmpty())
            return row.run.error;
        if (index.column() == Dataset)
            return row.run.datasetId;
        if (index.column() == Architecture)
            return row.run.architecture;
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Status && (row.run.status == RunStatus::Failed || row.run.status == RunStatus::Interrupted))
            return QColor(0xb0, 0x30, 0x20);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Id || (index.column() >= Epochs && index.column() != Model))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("Run");
    case Status: return tr("Status");
    case Architecture: return tr("Model");
    case Dataset: return tr("Data set");
    case Epochs: return tr("Epochs");
    case ValAccuracy: return tr("Val. accuracy");
    case TestF1: return tr("Test macro-F1");
    case Model: return tr("Model id");
    default: return {};
    }
}

Qt::ItemFlags RunTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Id)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool RunTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.column() != Id || role != Qt::CheckStateRole)
        return false;
    setChecked(m_rows[index.row()].run.id, value.toInt() == Qt::Checked);
    return true;
}

} // namespace mlwb
