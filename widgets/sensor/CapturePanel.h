#pragma once
#include "production/ProductionSample.h"
#include "store/Workspace.h"

#include <QStringList>
#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace mlwb {

class StoreThread;

// The last captured samples (canvas and opened files), newest first, with what the model said
// and the label they were given. The selected capture — a new one is selected — gets its true
// class from the "True class" box or a digit key on the page; the label goes to the store
// (SampleStore::setLabel) under the user's name: on the store thread when one is given (the row
// shows the label at once, "saving…" until it lands, and the stored state after), else at once.
class CapturePanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kShown = 30;

    explicit CapturePanel(WorkspacePtr workspace, QWidget *parent = nullptr);
    // store: where the labels are written (the window's JobManager::store()); null: at once.
    CapturePanel(WorkspacePtr workspace, StoreThread *store, QWidget *parent = nullptr);

    void setClassNames(const QStringList &names); // of the model that answers the captures
    void loadRecent();                            // the last captures in the store
    void addCapture(const ProductionSample &sample);

    // Labels the selected capture; nullopt with discard: "not a digit". False (and a message
    // in the panel) when nothing is selected or the store refuses the label at once; a refusal
    // on the store thread is shown in the panel, and the row shows what is stored.
    bool labelSelected(std::optional<int> label, bool discard = false);
    qint64 selectedSampleId() const; // 0: none
    int count() const;
    QTreeWidget *list() const { return m_list; }
    int pendingLabels() const { return m_pending; } // sent to the store thread, not yet answered
    QString hintText() const;

    static QString userName(); // $USER, else "me"

Q_SIGNALS:
    void labelled(qint64 sampleId); // the label is stored
    void labelFailed(qint64 sampleId, const QString &message);

private:
    void showRow(QTreeWidgetItem *item, const ProductionSample &sample);
    void showLabel(QTreeWidgetItem *item, std::optional<int> label, bool discarded);
    QTreeWidgetItem *itemOf(qint64 sampleId) const;
    void showStored(qint64 sampleId); // the row of the sample as the store has it
    void selectionChanged();
    QString className(int index) const;

    WorkspacePtr m_workspace;
    StoreThread *m_store = nullptr;
    int m_pending = 0;
    QStringList m_classNames;
    QTreeWidget *m_list;
    QComboBox *m_trueClass;
    QLabel *m_hint;
};

} // namespace mlwb
