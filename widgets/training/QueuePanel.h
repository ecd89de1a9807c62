#pragma once
#include "store/Workspace.h"

#include <QWidget>
#include <functional>

class QAction;
class QLabel;
class QTableView;

namespace mlwb {

class ErrorLabel;
class QueueStore;
class QueueTableModel;
class StoreThread;
struct QueueEntryEdit;
class TrainSettingsPanel;

// The Queue tab of the Train page: the persistent run queue with its controls — add the
// form's settings as one run or a grid of runs, edit, move up and down, hold, remove, pause
// the whole queue. It only edits the queue; the page starts the entries (one at a time).
//
// Every change is written on the store thread (the workspace may be locked by another
// process for seconds, and the window must not freeze meanwhile): an action returns at once,
// the table shows the change when it landed — changeDone() — and a refusal or a lock that
// outlasted the store's patience is shown under the table.
class QueuePanel : public QWidget {
    Q_OBJECT
public:
    QueuePanel(WorkspacePtr workspace, StoreThread &store, TrainSettingsPanel *form, QWidget *parent = nullptr);

    QueueTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    // The form's data set and settings as one waiting entry; false (message shown) when the
    // form is invalid, else the entry is on its way (selected once added).
    bool addCurrentSettings();
    void addGrid(); // opens the grid dialog
    void editSelected(); // opens the entry's dialog
    void saveEdit(const QueueEntryEdit &edit);
    // -1 earlier, +1 later; false when no pending entry is selected. The entry stays selected.
    bool moveSelected(int direction);
    void toggleHoldSelected();
    void removeSelected();
    void removeFinished();
    void setPaused(bool paused);
    bool isPaused() const; // as the queue was last read

    // Reads the queue again, on the UI thread: a read in WAL mode never waits for a writer.
    void reload();
    void selectEntry(qint64 entryId);
    qint64 selectedEntry() const; // 0 when none
    QString errorText() const;
    int pendingChanges() const { return m_pending; }

Q_SIGNALS:
    // Entries were added, released or the queue resumed: the page may start the next one.
    void queueChanged();
    // A change reached the store (ok) or was refused (the message is shown); the table shows it.
    void changeDone(bool ok);

private:
    QAction *makeAction(const QString &text, const QKeySequence &shortcut, const std::function<void()> &run);
    // Writes `change` on the store thread; then, on the UI thread, `after` when it succeeded.
    void apply(std::function<void(const QueueStore &)> change, std::function<void()> after = {});
    void updateActions();

    WorkspacePtr m_workspace;
    StoreThread &m_store;
    int m_pending = 0; // changes sent and not yet answered
    TrainSettingsPanel *m_form;
    QueueTableModel *m_model;
    QTableView *m_view;
    QLabel *m_status;
    ErrorLabel *m_error;
    QAction *m_add, *m_grid, *m_edit, *m_up, *m_down, *m_hold, *m_remove, *m_clear, *m_pause;
};

} // namespace mlwb
