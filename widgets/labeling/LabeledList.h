#pragma once
#include "labeling/LabelDecisions.h"
#include "production/ProductionSample.h"
#include "store/Workspace.h"

#include <QFutureWatcher>
#include <QList>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace mlwb {

// The Label page's "Labeled" tab: the most recent labeled production samples (newest sample
// first), filtered by source and label, with who labeled each and when (its whole history
// below the list). A label can be changed later: a digit key or the class box relabels the
// selected samples, X marks them "not a digit", Delete takes the label back; every change goes
// through the page's undo log (Ctrl+Z), which writes it on the store thread. The list is read
// off the UI thread.
class LabeledList : public QWidget {
    Q_OBJECT
public:
    static constexpr int kShown = 500;

    LabeledList(WorkspacePtr workspace, LabelDecisions &decisions, QWidget *parent = nullptr);
    ~LabeledList() override;

    void setClassNames(const QStringList &names);
    void reload();
    // Relabels the selected samples as one decision (tag: given to LabelDecisions). False when
    // nothing is selected or the store refuses it (the message is shown in the tab).
    bool relabelSelected(const LabelValue &value);
    // A change made elsewhere (the queue, an undo): the rows of these samples show it.
    void showChanged(const LabelDecision &decision, bool undone);

    QList<qint64> selectedSampleIds() const;
    void selectSample(qint64 id);
    QTableView *table() const { return m_table; }
    QString historyText() const;
    int rowCount() const;

    static constexpr int kDecisionTag = 2; // LabelDecision::tag of changes made here

Q_SIGNALS:
    void loaded();
    void relabeled(const LabelDecision &decision);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Loaded {
        QList<ProductionSample> samples;
        QString error;
    };
    void onLoaded();
    void showHistory();
    void fillRow(int row, const ProductionSample &sample);
    QString className(int c) const;

    WorkspacePtr m_workspace;
    LabelDecisions &m_decisions;
    QStringList m_classNames;
    QComboBox *m_source;
    QComboBox *m_label;
    QComboBox *m_changeTo;
    QLabel *m_count;
    QTableView *m_table;
    QStandardItemModel *m_model;
    QLabel *m_history;
    QList<ProductionSample> m_samples; // one per row
    QFutureWatcher<Loaded> m_loader;
    bool m_reloadAgain = false;
    bool m_reloadAfterSaving = false; // a read waits for the changes given to land
};

} // namespace mlwb
