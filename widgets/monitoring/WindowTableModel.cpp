#include "monitoring/WindowTableModel.h"

#include "monitoring/StatisticText.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace mlwb {

namespace {

QString percent(double share)
{
    return QLocale().toString(share * 100, 'f', 1) + QStringLiteral(" %");
}

} // namespace

WindowTableModel::WindowTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void WindowTableModel::setWindows(const MonitorSnapshot &snapshot, qint64 windowSize)
{
    std::vector<Row> rows;
    const int count = snapshot.windowCount();
    for (int number = count; number >= 1; --number)
        rows.push_back({number, number > int(snapshot.windows.size()), *snapshot.window(number)});
    m_windowSize = windowSize;
    // The same rows with new numbers in them keep the view's selection.
    if (rows.size() == m_rows.size() && (rows.empty() || rows.front().number == m_rows.front().number)) {
        m_rows = std::move(rows);
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void WindowTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int WindowTableModel::windowNumber(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[size_t(row)].number : 0;
}

int WindowTableModel::rowOfWindow(int number) const
{
    for (size_t row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].number == number)
            return int(row);
    return -1;
}

int WindowTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WindowTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WindowTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const WindowReport &r = row.report;
    const QLocale locale;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Window:
            return row.filling ? tr("%1 (filling)").arg(row.number) : QString::number(row.number);
        case Samples:
            return row.filling && m_windowSize > 0 ? tr("%1 of %2").arg(locale.toString(r.samples), locale.toString(m_windowSize))
                                                   : locale.toString(r.samples);
        case Time: return StatisticText::span(r.from, r.to);
        case Alerts: {
            if (!r.tested)
                return tr("not tested");
            QStringList names;
            int tested = 0;
            for (const StatisticResult &s : r.statistics) {
                tested += s.tested;
                if (s.alert)
                    names << StatisticText::name(s.statistic);
            }
            if (names.isEmpty())
                return tr("none");
            return names.size() <= 3 ? names.join(QStringLiteral(", ")) : tr("%1 of %2 statistics").arg(names.size()).arg(tested);
        }
        case StrongestDrift: {
            const std::optional<DriftStatistic> s = r.strongestDrift();
            return s ? tr("%1 (p %2)").arg(StatisticText::name(*s), StatisticText::pValue(r.result(*s).pValue)) : QString();
        }
        case EstimatedAccuracy: return r.estimatedAccuracy ? percent(*r.estimatedAccuracy) : QString();
        case RealAccuracy: {
            const std::optional<double> real = r.labeled.accuracy();
            return real ? tr("%1 (%2 labeled)").arg(percent(*real)).arg(r.labeled.labeled) : tr("no labels");
        }
        }
    }
    if (role == Qt::ToolTipRole) {
        if (!r.tested)
            return tr("Fewer samples than a test needs (%1): the window is shown, not tested").arg(DriftOptions{}.minimumSamples);
        return tr("Samples %1–%2. A double-click or Enter opens them in the Label page's queue, most drifting first.")
            .arg(r.firstSampleId).arg(r.lastSampleId);
    }
    if (role == Qt::ForegroundRole && index.column() == Alerts && r.hasAlert())
        return QBrush(QColor(0xc0, 0x39, 0x2b));
    if (role == Qt::TextAlignmentRole
        && (index.column() == Samples || index.column() == EstimatedAccuracy || index.column() == RealAccuracy))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant WindowTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Window: return tr("Window");
    case Samples: return tr("Samples");
    case Time: return tr("Time");
    case Alerts: return tr("Alerts");
    case StrongestDrift: return tr("Strongest drift");
    case EstimatedAccuracy: return tr("Estimated accuracy");
    case RealAccuracy: return tr("Real accuracy");
    }
    return {};
}

} // namespace mlwb
