#pragma once
#include "data/Dataset.h"
#include "evaluation/Evaluator.h"

#include <QAbstractListModel>
#include <QSet>
#include <QStringList>
#include <memory>
#include <vector>

namespace mlwb {

// Evaluated test samples as a flat list: each row is a position into an EvaluationResult
// (the order a SampleSelection function chose), shown with what the model believed. Holds
// only the positions; views paint the pixels from the data set on demand.
class GalleryModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        SampleIndexRole = Qt::UserRole + 1, // qint64: index into the Dataset
        TrueClassRole,                      // int
        PredictedClassRole,                 // int
        ConfidenceRole,                     // double: probability of the prediction
        TrueProbabilityRole,                // double: probability of the recorded label
        FlaggedRole                         // bool: a suspected label error
    };

    explicit GalleryModel(QObject *parent = nullptr);

    // A new result invalidates the old positions: the model is empty until setPositions.
    // classNames may be shorter than the class count (missing names show as the index).
    void setSource(DatasetPtr data, std::shared_ptr<const EvaluationResult> result, QStringList classNames);
    // Rows = these positions, in order. Positions outside the result are dropped.
    void setPositions(std::vector<qsizetype> positions);

    const DatasetPtr &dataset() const { return m_data; }
    const std::shared_ptr<const EvaluationResult> &result() const { return m_result; }
    const QStringList &classNames() const { return m_classNames; }
    QString className(int label) const;

    qsizetype position(int row) const { return m_positions[size_t(row)]; }
    qint64 sampleIndex(int row) const { return m_result->indices[size_t(position(row))]; }
    bool isFlagged(int row) const { return m_flagged.contains(sampleIndex(row)); }

    // Data set indices of the samples marked as suspected label errors. Rows whose mark
    // changes get dataChanged (FlaggedRole); the others are left alone.
    void setFlagged(QSet<qint64> sampleIndices);
    const QSet<qint64> &flagged() const { return m_flagged; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString toolTip(int row) const;

    DatasetPtr m_data;
    std::shared_ptr<const EvaluationResult> m_result;
    QStringList m_classNames;
    std::vector<qsizetype> m_positions;
    QSet<qint64> m_flagged;
};

} // namespace mlwb
