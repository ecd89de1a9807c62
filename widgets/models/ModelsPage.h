#pragma once
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedLayout;
class QStandardItemModel;
class QTableView;

namespace mlwb {

struct AppContext;
class AutoTuneDialog;
class ComparisonView;

// The Models page, the registry: every model version (architecture, data set, macro-F1,
// accuracy, parameters, latency, created, alias), sortable and filterable, production in
// bold. Compare 2–4 selected versions on one test set (McNemar's test, per-class F1, the
// confusion difference and its images, learning curves), promote through the gates (with
// "must beat production"), roll back, import a TorchScript classifier made elsewhere, and the
// history of every promotion. Long work (evaluations) runs as jobs.
class ModelsPage : public QWidget {
    Q_OBJECT
public:
    ModelsPage(AppContext &context, QWidget *parent = nullptr);

    void reload();
    void promoteSelected();
    void rollback();
    // On the test split of datasetRef (empty: the first selected model's data set).
    void compareSelected(const QString &datasetRef = {});
    // Opens the auto-tune dialog for the selected version (a bounded search below the gate).
    AutoTuneDialog *autoTuneSelected();
    void importModel(const QString &file, const QString &datasetRef);
    qint64 selectedModelId() const; // 0 when none (the first of several)
    QList<qint64> selectedModelIds() const;
    void selectModels(const QList<qint64> &ids);

    QTableView *table() const { return m_table; }
    QLineEdit *filter() const { return m_filter; }
    ComparisonView *comparisonView() const { return m_comparison; }
    QStandardItemModel *historyModel() const { return m_history; }

Q_SIGNALS:
    void comparisonShown();
    void promotionFinished(bool promoted, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateButtons();
    void reloadHistory();
    void chooseImport();

    AppContext &m_context;
    QStackedLayout *m_stack;
    QTableView *m_table;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QLabel *m_gates;
    QPushButton *m_compare;
    QComboBox *m_compareOn;
    QPushButton *m_promote;
    QPushButton *m_autoTune;
    QPushButton *m_rollback;
    ComparisonView *m_comparison;
    QStandardItemModel *m_history;
    bool m_busy = false;
};

} // namespace mlwb
