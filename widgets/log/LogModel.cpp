#include "log/LogModel.h"

#include "common/Log.h"

#include <QBrush>
#include <QColor>

namespace mlwb {

LogModel::LogModel(int capacity, QObject *parent) : QAbstractListModel(parent), m_capacity(std::max(1, capacity)) {}

void LogModel::append(int level, const QString &text)
{
    if (int(m_lines.size()) >= m_capacity) {
        beginRemoveRows({}, 0, 0);
        m_lines.pop_front();
        endRemoveRows();
    }
    const int row = int(m_lines.size());
    beginInsertRows({}, row, row);
    m_lines.push_back({level, text.trimmed()});
    endInsertRows();
}

void LogModel::clear()
{
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_lines.size()))
        return {};
    const Line &line = m_lines[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return line.text;
    case LevelRole:
        return line.level;
    case Qt::ForegroundRole:
        if (line.level >= int(LogLevel::Error))
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        if (line.level == int(LogLevel::Warn))
            return QBrush(QColor(0x9a, 0x67, 0x00));
        if (line.level <= int(LogLevel::Debug))
            return QBrush(QColor(0x77, 0x77, 0x77));
        return {};
    default:
        return {};
    }
}

void LogFilter::setMinimumLevel(int level)
{
    m_minimumLevel = level;
    invalidateFilter();
}

void LogFilter::setSearchText(const QString &text)
{
    m_search = text;
    invalidateFilter();
}

bool LogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(LogModel::LevelRole).toInt() < m_minimumLevel)
        return false;
    return m_search.isEmpty() || index.data(Qt::DisplayRole).toString().contains(m_search, Qt::CaseInsensitive);
}

} // namespace mlwb
