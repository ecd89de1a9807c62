#include "training/QueueEntryDialog.h"

#include "app/ErrorLabel.h"
#include "common/Error.h"
#include "training/TrainSettingsPanel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace mlwb {

QueueEntryDialog::QueueEntryDialog(WorkspacePtr workspace, const QueueEntry &entry, QWidget *parent)
    : QDialog(parent), m_workspace(std::move(workspace)), m_entryId(entry.id),
      m_settings(new TrainSettingsPanel(m_workspace, this)), m_priority(new QSpinBox(this)), m_error(new ErrorLabel(this))
{
    setWindowTitle(tr("Edit Queued Run %1").arg(entry.id));
    m_settings->setDataset(entry.datasetId);
    try {
        m_settings->setSettings(TrainSettings::fromJson(entry.settings));
    } catch (const Error &e) { // written by another version: show the defaults and say why
        m_error->showError(e.message());
    }
    m_priority->setRange(-100, 100);
    m_priority->setValue(entry.priority);
    m_priority->setToolTip(tr("Higher priorities run first; equal priorities in the order they were added"));

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_settings);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *priorityRow = new QFormLayout;
    priorityRow->addRow(tr("&Priority:"), m_priority);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QueueEntryDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QueueEntryDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addLayout(priorityRow);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(m_settings->sizeHint().width() + 60, 640);
}

void QueueEntryDialog::setPriority(int priority)
{
    m_priority->setValue(priority);
}

QString QueueEntryDialog::errorText() const
{
    return m_error->error();
}

void QueueEntryDialog::accept()
{
    try {
        const TrainSettings settings = m_settings->settings();
        settings.validate();
        if (m_settings->datasetId().isEmpty())
            throw UsageError(tr("Choose a data set."));
        m_edit = {m_entryId, m_settings->datasetId(), settings.toJson(), m_priority->value()};
    } catch (const Error &e) {
        m_error->showError(e.message());
        return;
    }
    QDialog::accept();
}

} // namespace mlwb
