#include "monitoring/StatisticTableModel.h"

#include "monitoring/StatisticText.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace mlwb {

StatisticTableModel::StatisticTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void StatisticTableModel::setReport(const WindowReport *report)
{
    const bool rowsChange = bool(report) != m_report.has_value();
    if (rowsChange)
        beginResetModel();
    if (report) {
        // Without the per-sample values: only the statistics are shown.
        WindowReport copy;
        copy.samples = report->samples;
        copy.tested = report->tested;
        copy.statistics = report->statistics;
        m_report = std::move(copy);
    } else {
        m_report.reset();
    }
    if (rowsChange)
        endResetModel();
    else if (m_report)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int StatisticTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_report ? 0 : int(allDriftStatistics().size());
}

int StatisticTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StatisticTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_report || index.row() >= rowCount())
        return {};
    const DriftStatistic statistic = this->statistic(index.row());
    const StatisticResult &s = m_report->result(statistic);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Statistic: return StatisticText::name(statistic);
        case Value: return s.tested ? QStringLiteral("%1 = %2").arg(StatisticText::symbol(statistic), StatisticText::value(s.value)) : QString();
        case PValue: return s.tested ? StatisticText::pValue(s.pValue) : QString();
        case Threshold: return s.tested ? StatisticText::pValue(s.threshold) : QString();
        case Verdict:
            if (!s.tested)
                return m_report->tested ? tr("not tested (no embeddings or images)") : tr("not tested (too few samples)");
            return s.alert ? tr("⚠ drift") : tr("no drift");
        }
    }
    if (role == Qt::ToolTipRole)
        return StatisticText::description(statistic);
    if (role == Qt::ForegroundRole && index.column() == Verdict && s.alert)
        return QBrush(QColor(0xc0, 0x39, 0x2b));
    if (role == Qt::FontRole && s.alert) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Value && index.column() <= Threshold)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant StatisticTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Statistic: return tr("Statistic");
    case Value: return tr("Value");
    case PValue: return tr("p-value");
    case Threshold: return tr("Threshold");
    case Verdict: return tr("Verdict");
    }
    return {};
}

} // namespace mlwb
