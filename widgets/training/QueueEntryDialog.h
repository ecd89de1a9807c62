#pragma once
#include "store/QueueStore.h"
#include "store/Workspace.h"

#include <QDialog>

class QSpinBox;

namespace mlwb {

class ErrorLabel;
class TrainSettingsPanel;

// What the user changed in a queue entry, for QueueStore::edit().
struct QueueEntryEdit {
    qint64 entryId = 0;
    QString datasetId;
    QJsonObject settings;
    int priority = 0;
};

// Edits a waiting or held queue entry: its data set, model, every setting and its priority.
// OK validates; the caller saves edit() (off the UI thread: QueuePanel), and explains there
// when the entry started meanwhile.
class QueueEntryDialog : public QDialog {
    Q_OBJECT
public:
    QueueEntryDialog(WorkspacePtr workspace, const QueueEntry &entry, QWidget *parent = nullptr);

    TrainSettingsPanel *settingsPanel() const { return m_settings; }
    void setPriority(int priority);
    QString errorText() const;
    const QueueEntryEdit &edit() const { return m_edit; } // once accepted

    void accept() override;

private:
    WorkspacePtr m_workspace;
    qint64 m_entryId;
    TrainSettingsPanel *m_settings;
    QSpinBox *m_priority;
    ErrorLabel *m_error;
    QueueEntryEdit m_edit;
};

} // namespace mlwb
