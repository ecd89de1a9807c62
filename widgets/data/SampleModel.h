#pragma once
#include "data/Dataset.h"

#include <QAbstractListModel>
#include <optional>
#include <vector>

namespace mlwb {

// The images of a loaded data set as a flat list, filtered by class and split. Holds only
// the indices that pass the filter; views paint the pixels from the data set on demand.
class SampleModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { SampleIndexRole = Qt::UserRole + 1, LabelRole, SubsetRole };
    enum class Split { All, Train, Test };

    explicit SampleModel(QObject *parent = nullptr);

    void setDataset(DatasetPtr data);
    const DatasetPtr &dataset() const { return m_data; }
    // nullopt: every class.
    void setFilter(std::optional<int> label, Split split);

    // Index into the data set of the sample at `row`.
    qint64 sampleIndex(int row) const { return m_rows[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    void rebuild();

    DatasetPtr m_data;
    std::optional<int> m_label;
    Split m_split = Split::All;
    std::vector<qint64> m_rows;
};

} // namespace mlwb
