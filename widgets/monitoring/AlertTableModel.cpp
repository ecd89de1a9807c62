#include "monitoring/AlertTableModel.h"

#include "monitoring/StatisticText.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace mlwb {

AlertTableModel::AlertTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void AlertTableModel::setAlerts(QList<MonitorAlert> alerts)
{
    const bool same = alerts.size() == m_alerts.size()
                      && std::equal(alerts.begin(), alerts.end(), m_alerts.begin(), [](const MonitorAlert &a, const MonitorAlert &b) {
                             return a.id == b.id && a.acknowledgedAt == b.acknowledgedAt;
                         });
    if (same)
        return;
    beginResetModel();
    m_alerts = std::move(alerts);
    endResetModel();
}

int AlertTableModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_alerts.size(); ++row)
        if (m_alerts[row].id == id)
            return row;
    return -1;
}

qint64 AlertTableModel::unacknowledgedCount() const
{
    return std::count_if(m_alerts.begin(), m_alerts.end(), [](const MonitorAlert &a) { return !a.acknowledged(); });
}

int AlertTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_alerts.size())
        return {};
    const MonitorAlert &a = m_alerts[index.row()];
    const QLocale locale;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Statistic: return StatisticText::name(a.statistic);
        case Window: return tr("samples %1–%2").arg(a.firstSampleId).arg(a.lastSampleId);
        case Value: return StatisticText::value(a.value);
        case PValue: return StatisticText::pValue(a.pValue);
        case Threshold: return StatisticText::pValue(a.threshold);
        case Raised: return locale.toString(a.created.toLocalTime(), QLocale::ShortFormat);
        case Acknowledged:
            return a.acknowledged() ? tr("%1, %2").arg(a.acknowledgedBy.isEmpty() ? tr("someone") : a.acknowledgedBy,
                                                       locale.toString(a.acknowledgedAt.toLocalTime(), QLocale::ShortFormat))
                                    : tr("open");
        }
    }
    if (role == Qt::ToolTipRole) {
        const std::optional<DriftStatistic> s = driftStatisticFromKey(a.statistic);
        return tr("%1: p = %2 < %3 in the %4 samples of model %5 from %6, against %7.\n%8\nEnter or a double-click "
                  "opens these samples in the Label page's queue, most drifting first.")
            .arg(StatisticText::name(a.statistic), StatisticText::pValue(a.pValue), StatisticText::pValue(a.threshold))
            .arg(a.sampleCount).arg(a.modelId)
            .arg(StatisticText::span(a.windowFrom, a.windowTo), a.reference, s ? StatisticText::description(*s) : QString());
    }
    if (role == Qt::FontRole && !a.acknowledged()) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ForegroundRole && a.acknowledged())
        return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    if (role == Qt::TextAlignmentRole && (index.column() == Value || index.column() == PValue || index.column() == Threshold))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::UserRole)
        return a.id;
    return {};
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Statistic: return tr("Statistic");
    case Window: return tr("Window");
    case Value: return tr("Value");
    case PValue: return tr("p-value");
    case Threshold: return tr("Threshold");
    case Raised: return tr("Raised");
    case Acknowledged: return tr("Acknowledged");
    }
    return {};
}

} // namespace mlwb
