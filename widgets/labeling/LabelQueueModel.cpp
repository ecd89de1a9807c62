#include "labeling/LabelQueueModel.h"

#include <QLocale>

namespace mlwb {

LabelQueueModel::LabelQueueModel(QObject *parent) : QAbstractListModel(parent) {}

void LabelQueueModel::setItems(QList<LabelItem> items, QStringList classNames, qint64 unlabeled)
{
    beginResetModel();
    m_items = std::move(items);
    m_classNames = std::move(classNames);
    m_unlabeled = unlabeled;
    m_setWhenRead = labeledRows();
    endResetModel();
}

QString LabelQueueModel::className(int c) const
{
    return c >= 0 && c < m_classNames.size() ? m_classNames[c] : QString::number(c);
}

int LabelQueueModel::rowOf(const LabelTarget &target) const
{
    for (int row = 0; row < m_items.size(); ++row)
        if (m_items[row].target == target)
            return row;
    return -1;
}

void LabelQueueModel::setValue(const LabelTarget &target, const LabelValue &value)
{
    const int row = rowOf(target);
    if (row < 0 || m_items[row].value == value)
        return;
    m_items[row].value = value;
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at);
}

void LabelQueueModel::insertItem(int row, LabelItem item)
{
    row = std::clamp(row, 0, int(m_items.size()));
    if (!item.value.isSet())
        ++m_unlabeled; // it was not unlabeled when the queue was read
    else
        ++m_setWhenRead;
    beginInsertRows({}, row, row);
    m_items.insert(row, std::move(item));
    endInsertRows();
}

int LabelQueueModel::nextUnlabeled(int from) const
{
    for (int row = std::max(0, from); row < m_items.size(); ++row)
        if (!m_items[row].value.isSet())
            return row;
    return -1;
}

int LabelQueueModel::labeledRows() const
{
    return int(std::count_if(m_items.begin(), m_items.end(), [](const LabelItem &i) { return i.value.isSet(); }));
}

qint64 LabelQueueModel::remaining() const
{
    return std::max<qint64>(0, m_unlabeled - (labeledRows() - m_setWhenRead));
}

int LabelQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant LabelQueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const LabelItem &item = m_items[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        if (item.value.discarded)
            return tr("not a digit");
        if (item.value.label)
            return className(*item.value.label);
        return item.recorded >= 0 ? tr("recorded %1").arg(className(item.recorded)) : tr("guess %1").arg(className(item.predicted));
    case Qt::ToolTipRole:
        return toolTip(item);
    case DecidedRole:
        return item.value.isSet();
    default:
        return {};
    }
}

QString LabelQueueModel::toolTip(const LabelItem &item) const
{
    const QLocale locale;
    QStringList lines;
    if (item.target.isCorrection()) {
        lines << tr("Image #%1 of data set %2").arg(item.target.id).arg(item.target.datasetId.left(8))
              << tr("Recorded label: %1").arg(className(item.recorded));
        if (item.value.label)
            lines << tr("Corrected to: %1").arg(className(*item.value.label));
        return lines.join(u'\n');
    }
    lines << tr("Sample %1 (%2)").arg(item.target.id).arg(sampleSourceName(item.source));
    if (size_t(std::max(item.predicted, 0)) < item.probabilities.size())
        lines << tr("Model %1 guesses %2 (%3 %)")
                     .arg(item.modelId)
                     .arg(className(item.predicted), locale.toString(100.0 * item.probabilities[size_t(item.predicted)], 'f', 1));
    if (item.candidate >= 0)
        lines << tr("The candidate guesses %1").arg(className(item.candidate));
    if (item.created.isValid())
        lines << locale.toString(item.created.toLocalTime(), QLocale::ShortFormat);
    if (item.value.discarded)
        lines << tr("Labeled: not a digit");
    else if (item.value.label)
        lines << tr("Labeled: %1").arg(className(*item.value.label));
    return lines.join(u'\n');
}

} // namespace mlwb
