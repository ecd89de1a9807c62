#pragma once
#include "store/Workspace.h"

#include <QWidget>
#include <functional>

class QAction;
class QLabel;
class QTableView;

namespace mlwb {

class ErrorLabel;
class QueueTableModel;
class TrainSettingsPanel;

// The Queue tab of the Train page: the persistent run queue with its controls — add the
// form's settings as one run or a grid of runs, edit, move up and down, hold, remove, pause
// the whole queue. It only edits the queue; the page starts the entries (one at a time).
class QueuePanel : public QWidget {
    Q_OBJECT
public:
    QueuePanel(WorkspacePtr workspace, TrainSettingsPanel *form, QWidget *parent = nullptr);

    QueueTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    // The form's data set and settings as one waiting entry; false (message shown) when the
    // form is invalid.
    bool addCurrentSettings();
    void addGrid(); // opens the grid dialog
    void editSelected();
    bool moveSelected(int direction); // -1 earlier, +1 later
    void toggleHoldSelected();
    void removeSelected();
    void removeFinished();
    void setPaused(bool paused);
    bool isPaused() const; // as the queue was last read

    void reload();
    void selectEntry(qint64 entryId);
    qint64 selectedEntry() const; // 0 when none
    QString errorText() const;

Q_SIGNALS:
    // Entries were added, released or the queue resumed: the page may start the next one.
    void queueChanged();

private:
    QAction *makeAction(const QString &text, const QKeySequence &shortcut, const std::function<void()> &run);
    bool guarded(const std::function<void()> &change);
    void updateActions();

    WorkspacePtr m_workspace;
    TrainSettingsPanel *m_form;
    QueueTableModel *m_model;
    QTableView *m_view;
    QLabel *m_status;
    ErrorLabel *m_error;
    QAction *m_add, *m_grid, *m_edit, *m_up, *m_down, *m_hold, *m_remove, *m_clear, *m_pause;
};

} // namespace mlwb
