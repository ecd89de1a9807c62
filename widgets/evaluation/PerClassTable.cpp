#include "evaluation/PerClassTable.h"

#include <QHeaderView>
#include <QLocale>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyledItemDelegate>

namespace mlwb {

namespace {

constexpr int kSortRole = Qt::UserRole;
constexpr int kClassRole = Qt::UserRole + 1;

// Paints the F1 cell as a bar of its value (0–1) under the number.
class BarDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const double value = std::clamp(index.data(kSortRole).toDouble(), 0.0, 1.0);
        QRect bar = option.rect.adjusted(2, 3, -2, -3);
        bar.setWidth(int(bar.width() * value));
        QColor colour = option.palette.highlight().color();
        colour.setAlpha(value < 0.9 ? 150 : 70); // a weak class is darker
        painter->fillRect(bar, colour);
        QStyledItemDelegate::paint(painter, option, index);
    }
};

QStandardItem *numberItem(const QString &text, double value)
{
    auto *item = new QStandardItem(text);
    item->setData(value, kSortRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setEditable(false);
    return item;
}

} // namespace

PerClassTable::PerClassTable(QWidget *parent) : QTableView(parent), m_model(new QStandardItemModel(0, ColumnCount, this))
{
    setObjectName(QStringLiteral("perClassTable"));
    m_model->setHorizontalHeaderLabels({tr("Class"), tr("Precision"), tr("Recall"), tr("F1"), tr("Support")});
    m_model->setSortRole(kSortRole);
    setModel(m_model);
    setItemDelegateForColumn(F1Column, new BarDelegate(this));
    setSortingEnabled(true);
    sortByColumn(-1, Qt::AscendingOrder);
    verticalHeader()->hide();
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    setToolTip(tr("Click a column header to sort; double-click a class to see its images"));
    connect(this, &QTableView::activated, this, [this](const QModelIndex &index) { Q_EMIT classActivated(classOfRow(index.row())); });
}

void PerClassTable::clear()
{
    m_model->setRowCount(0);
    m_report = {};
    m_names.clear();
}

void PerClassTable::setReport(const ClassificationReport &report, const QStringList &classNames)
{
    m_report = report;
    m_names = classNames;
    setSortingEnabled(false);
    m_model->setRowCount(0);
    const QLocale locale;
    for (size_t k = 0; k < report.perClass.size(); ++k) {
        const ClassMetrics &m = report.perClass[k];
        const QString name = k < size_t(classNames.size()) ? classNames[qsizetype(k)] : QString::number(k);
        auto *nameItem = new QStandardItem(name);
        nameItem->setData(int(k), kSortRole);
        nameItem->setData(int(k), kClassRole);
        nameItem->setEditable(false);
        m_model->appendRow({nameItem, numberItem(locale.toString(m.precision, 'f', 4), m.precision),
                            numberItem(locale.toString(m.recall, 'f', 4), m.recall),
                            numberItem(locale.toString(m.f1, 'f', 4), m.f1),
                            numberItem(locale.toString(m.support), double(m.support))});
    }
    setSortingEnabled(true);
}

int PerClassTable::classOfRow(int row) const
{
    return m_model->index(row, ClassColumn).data(kClassRole).toInt();
}

QString PerClassTable::toCsv() const
{
    auto quoted = [](QString text) {
        if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n'))
            text = u'"' + text.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
        return text;
    };
    QString csv = QStringLiteral("class,precision,recall,f1,support\n");
    for (size_t k = 0; k < m_report.perClass.size(); ++k) {
        const ClassMetrics &m = m_report.perClass[k];
        csv += QStringLiteral("%1,%2,%3,%4,%5\n")
                   .arg(quoted(k < size_t(m_names.size()) ? m_names[qsizetype(k)] : QString::number(k)))
                   .arg(m.precision, 0, 'g', 8).arg(m.recall, 0, 'g', 8).arg(m.f1, 0, 'g', 8).arg(m.support);
    }
    return csv;
}

} // namespace mlwb
