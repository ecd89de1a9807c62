#include "data/SampleModel.h"

namespace mlwb {

SampleModel::SampleModel(QObject *parent) : QAbstractListModel(parent) {}

void SampleModel::setDataset(DatasetPtr data)
{
    m_data = std::move(data);
    rebuild();
}

void SampleModel::setFilter(std::optional<int> label, Split split)
{
    m_label = label;
    m_split = split;
    rebuild();
}

void SampleModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    if (m_data) {
        m_rows.reserve(size_t(m_data->size()));
        for (qint64 i = 0; i < m_data->size(); ++i) {
            if (m_label && m_data->labels[size_t(i)] != *m_label)
                continue;
            if ((m_split == Split::Train && m_data->subset(i) != Subset::Train)
                || (m_split == Split::Test && m_data->subset(i) != Subset::Test))
                continue;
            m_rows.push_back(i);
        }
    }
    endResetModel();
}

int SampleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SampleModel::data(const QModelIndex &index, int role) const
{
    if (!m_data || !index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const qint64 sample = m_rows[size_t(index.row())];
    const int label = m_data->labels[size_t(sample)];
    switch (role) {
    case Qt::DisplayRole:
        return label < m_data->classNames.size() ? m_data->classNames[label] : QString::number(label);
    case Qt::ToolTipRole:
        return tr("#%1 · %2 · %3")
            .arg(sample)
            .arg(label < m_data->classNames.size() ? m_data->classNames[label] : QString::number(label),
                 m_data->subset(sample) == Subset::Train ? tr("train") : tr("test"));
    case SampleIndexRole:
        return sample;
    case LabelRole:
        return label;
    case SubsetRole:
        return int(m_data->subsets[size_t(sample)]);
    default:
        return {};
    }
}

} // namespace mlwb
