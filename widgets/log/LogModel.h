#pragma once
#include <QAbstractListModel>
#include <QSortFilterProxyModel>
#include <deque>

namespace mlwb {

// The log lines the panel holds: the newest `capacity` lines with their spdlog level.
class LogModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int LevelRole = Qt::UserRole + 1;

    explicit LogModel(int capacity, QObject *parent = nullptr);
    void append(int level, const QString &text);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    struct Line {
        int level;
        QString text;
    };
    int m_capacity;
    std::deque<Line> m_lines;
};

// Shows the lines at or above a level that contain a search text (case-insensitive).
class LogFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMinimumLevel(int level);
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_minimumLevel = 0;
    QString m_search;
};

} // namespace mlwb
