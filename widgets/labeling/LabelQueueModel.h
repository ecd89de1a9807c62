#pragma once
#include "labeling/LabelDecisions.h"
#include "production/ProductionSample.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace mlwb {

// One image waiting for a label on the Label page: a production sample (with what the model
// answered) or an image of a data set version flagged as a suspected label error (with its
// recorded label).
struct LabelItem {
    LabelTarget target;
    std::vector<std::uint8_t> input; // C×H×W uint8: the model input (a data set image is one)
    int channels = 1, height = 28, width = 28;
    std::vector<float> probabilities; // the model's answer; empty for a data set image
    int predicted = -1;               // the model's guess; -1: none
    int candidate = -1;               // the candidate model's guess (disagreement order); -1: none
    int recorded = -1;                // a data set image's recorded label; -1 for a production sample
    double score = 0;                 // the queue order's score
    LabelValue value;                 // the label now (a data set image: its correction)
    QString imagePath;                // absolute path of the original image; empty: the input is the original
    SampleSource source = SampleSource::Api;
    QString originalName;
    QDateTime created;
    qint64 modelId = 0;

    // What Space accepts: the model's guess, or for a data set image its recorded label
    // (which takes any correction back).
    LabelValue guess() const { return recorded >= 0 ? LabelValue::none() : LabelValue::of(predicted); }
    int guessClass() const { return recorded >= 0 ? recorded : predicted; }
    // The class shown as chosen now: the label, else for a data set image the recorded one.
    int shownLabel() const { return value.label ? *value.label : (value.discarded ? -1 : recorded); }
};

// The Label page's queue as a list model, shared by the single-image view and the grid: the
// items in queue order and each one's label as it is given. Rows stay when labeled (undo
// goes back to them); remaining() counts what is still unlabeled.
class LabelQueueModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { DecidedRole = Qt::UserRole + 1 }; // bool: the row has a label

    explicit LabelQueueModel(QObject *parent = nullptr);

    // unlabeled: how many images of this kind and filter were unlabeled when the queue was read
    // (may be more than the rows: the queue is a window onto them).
    void setItems(QList<LabelItem> items, QStringList classNames, qint64 unlabeled);
    void clear() { setItems({}, {}, 0); }

    const LabelItem &item(int row) const { return m_items[row]; }
    const QList<LabelItem> &items() const { return m_items; }
    const QStringList &classNames() const { return m_classNames; }
    QString className(int c) const;
    int rowOf(const LabelTarget &target) const; // -1: not in the queue
    // A new value for the row of `target` (if it is in the queue).
    void setValue(const LabelTarget &target, const LabelValue &value);
    void insertItem(int row, LabelItem item);

    // The first row at or after `from` still without a label; -1 when there is none.
    int nextUnlabeled(int from) const;
    qint64 remaining() const;    // unlabeled now: the count when read, less the rows labeled since
    int labeledRows() const;     // rows labeled since the queue was read

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString toolTip(const LabelItem &item) const;

    QList<LabelItem> m_items;
    QStringList m_classNames;
    qint64 m_unlabeled = 0;
    int m_setWhenRead = 0; // rows that had a value when read (data set images with a correction)
};

} // namespace mlwb
