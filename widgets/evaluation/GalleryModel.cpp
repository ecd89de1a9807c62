#include "evaluation/GalleryModel.h"

#include "evaluation/Probabilities.h"
#include "evaluation/SampleSelection.h"

namespace mlwb {

GalleryModel::GalleryModel(QObject *parent) : QAbstractListModel(parent) {}

void GalleryModel::setSource(DatasetPtr data, std::shared_ptr<const EvaluationResult> result, QStringList classNames)
{
    beginResetModel();
    m_data = std::move(data);
    m_result = std::move(result);
    m_classNames = std::move(classNames);
    m_positions.clear();
    endResetModel();
}

void GalleryModel::setPositions(std::vector<qsizetype> positions)
{
    beginResetModel();
    const qsizetype size = m_result ? m_result->size() : 0;
    std::erase_if(positions, [size](qsizetype p) { return p < 0 || p >= size; });
    m_positions = std::move(positions);
    endResetModel();
}

QString GalleryModel::className(int label) const
{
    return label >= 0 && label < m_classNames.size() ? m_classNames[label] : QString::number(label);
}

void GalleryModel::setFlagged(QSet<qint64> sampleIndices)
{
    // Only the samples whose mark changes: the symmetric difference of old and new.
    QSet<qint64> changed = m_flagged;
    changed.unite(sampleIndices);
    changed.subtract(QSet<qint64>(m_flagged).intersect(sampleIndices));
    m_flagged = std::move(sampleIndices);
    if (changed.isEmpty())
        return;
    // One signal per run of consecutive changed rows.
    const int rows = rowCount();
    for (int row = 0; row < rows; ++row) {
        if (!changed.contains(sampleIndex(row)))
            continue;
        int last = row;
        while (last + 1 < rows && changed.contains(sampleIndex(last + 1)))
            ++last;
        Q_EMIT dataChanged(index(row), index(last), {FlaggedRole, Qt::ToolTipRole});
        row = last;
    }
}

int GalleryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_positions.size());
}

QVariant GalleryModel::data(const QModelIndex &index, int role) const
{
    if (!m_result || !index.isValid() || index.row() >= rowCount())
        return {};
    const qsizetype at = position(index.row());
    const int truth = m_result->truth[size_t(at)];
    const int predicted = m_result->predicted[size_t(at)];
    switch (role) {
    case Qt::DisplayRole:
        return truth == predicted ? className(truth)
                                  : tr("%1 → %2").arg(className(truth), className(predicted));
    case Qt::ToolTipRole:
        return toolTip(index.row());
    case SampleIndexRole:
        return sampleIndex(index.row());
    case TrueClassRole:
        return truth;
    case PredictedClassRole:
        return predicted;
    case ConfidenceRole:
        return double(m_result->probabilityRow(at)[predicted]);
    case TrueProbabilityRole:
        return trueProbability(*m_result, at);
    case FlaggedRole:
        return isFlagged(index.row());
    default:
        return {};
    }
}

QString GalleryModel::toolTip(int row) const
{
    const qsizetype at = position(row);
    const int truth = m_result->truth[size_t(at)];
    const int predicted = m_result->predicted[size_t(at)];
    const float *probabilities = m_result->probabilityRow(at);
    QStringList top;
    for (const auto &[label, p] : top3(probabilities, m_result->numClasses()))
        if (label >= 0)
            top << tr("%1 %2").arg(className(label), QString::number(p, 'f', 3));
    const qint64 sample = sampleIndex(row);
    QStringList lines;
    lines << tr("True class: %1").arg(className(truth))
          << tr("Predicted: %1 (%2)").arg(className(predicted), QString::number(probabilities[predicted], 'f', 3))
          << tr("Top 3: %1").arg(top.join(QStringLiteral(" · ")));
    if (m_data && sample >= 0 && sample < m_data->size())
        lines << tr("Image #%1 (%2)").arg(QString::number(sample), m_data->subset(sample) == Subset::Train ? tr("train") : tr("test"));
    else
        lines << tr("Image #%1").arg(sample);
    if (m_flagged.contains(sample))
        lines << tr("Flagged as a suspected label error");
    return lines.join(QLatin1Char('\n'));
}

} // namespace mlwb
