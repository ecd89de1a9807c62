#pragma once
#include "store/QueueStore.h"
#include "store/Workspace.h"

#include <QDialog>

class QSpinBox;

namespace mlwb {

class ErrorLabel;
class TrainSettingsPanel;

// Edits a waiting or held queue entry: its data set, model, every setting and its priority.
// OK validates and saves; a message explains when the entry started meanwhile.
class QueueEntryDialog : public QDialog {
    Q_OBJECT
public:
    QueueEntryDialog(WorkspacePtr workspace, const QueueEntry &entry, QWidget *parent = nullptr);

    TrainSettingsPanel *settingsPanel() const { return m_settings; }
    void setPriority(int priority);
    QString errorText() const;

    void accept() override;

private:
    WorkspacePtr m_workspace;
    qint64 m_entryId;
    TrainSettingsPanel *m_settings;
    QSpinBox *m_priority;
    ErrorLabel *m_error;
};

} // namespace mlwb
