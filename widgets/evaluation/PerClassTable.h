#pragma once
#include "evaluation/Metrics.h"

#include <QTableView>

class QStandardItemModel;

namespace mlwb {

// Precision, recall, F1 and support per class, sortable by any column (numbers sort as
// numbers), with F1 drawn as a bar behind its value so that weak classes stand out.
class PerClassTable : public QTableView {
    Q_OBJECT
public:
    enum Column { ClassColumn, PrecisionColumn, RecallColumn, F1Column, SupportColumn, ColumnCount };

    explicit PerClassTable(QWidget *parent = nullptr);

    void setReport(const ClassificationReport &report, const QStringList &classNames);
    void clear();
    // The table as CSV (class,precision,recall,f1,support), in class order.
    QString toCsv() const;
    // The class index of a row as currently sorted.
    int classOfRow(int row) const;

Q_SIGNALS:
    void classActivated(int classIndex);

private:
    QStandardItemModel *m_model;
    ClassificationReport m_report;
    QStringList m_names;
};

} // namespace mlwb
