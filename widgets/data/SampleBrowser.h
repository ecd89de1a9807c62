#pragma once
#include "data/Dataset.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QListView;
class QProgressBar;
class QStackedWidget;

namespace mlwb {

class SampleModel;

// A scrolling grid of a data set's images with a class filter and a split filter.
// Double-click or Enter opens the image large.
class SampleBrowser : public QWidget {
    Q_OBJECT
public:
    explicit SampleBrowser(QWidget *parent = nullptr);

    void setDataset(DatasetPtr data);
    // Shows a busy indicator instead of the grid (while the page loads a data set).
    void setBusy(bool busy, const QString &message = {});
    SampleModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    // Index in the class combo: 0 = all classes, i + 1 = class i.
    QComboBox *classFilter() const { return m_classFilter; }
    QComboBox *splitFilter() const { return m_splitFilter; }

private:
    void applyFilter();
    void openLarge(const QModelIndex &index);

    SampleModel *m_model;
    QListView *m_view;
    QComboBox *m_classFilter;
    QComboBox *m_splitFilter;
    QLabel *m_count;
    QStackedWidget *m_stack;
    QLabel *m_busyLabel;
    QLabel *m_emptyLabel;
};

} // namespace mlwb
