#include "training/QueuePanel.h"

#include "app/ErrorLabel.h"
#include "common/Error.h"
#include "store/QueueStore.h"
#include "training/QueueEntryDialog.h"
#include "training/QueueGridDialog.h"
#include "training/QueueTableModel.h"
#include "training/TrainSettingsPanel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace mlwb {

QueuePanel::QueuePanel(WorkspacePtr workspace, TrainSettingsPanel *form, QWidget *parent)
    : QWidget(parent), m_workspace(std::move(workspace)), m_form(form), m_model(new QueueTableModel(m_workspace, this)),
      m_view(new QTableView(this)), m_status(new QLabel(this)), m_error(new ErrorLabel(this))
{
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setAlternatingRowColors(true);
    m_view->setToolTip(tr("Runs start one at a time: higher priority first, then in the order they were added"));
    connect(m_view, &QTableView::doubleClicked, this, &QueuePanel::editSelected);

    // Its shortcut (Ctrl+Shift+Return) belongs to the page's "Add to Queue" button.
    m_add = makeAction(tr("Add Current"), QKeySequence(), [this] { addCurrentSettings(); });
    m_add->setToolTip(tr("Queue the form's data set and settings as one run (Ctrl+Shift+Return)"));
    m_grid = makeAction(tr("Add Grid…"), QKeySequence(Qt::CTRL | Qt::Key_G), [this] { addGrid(); });
    m_grid->setToolTip(tr("Queue data sets × models × hyper-parameter values (Ctrl+G)"));
    m_edit = makeAction(tr("Edit…"), QKeySequence(Qt::Key_F2), [this] { editSelected(); });
    m_up = makeAction(tr("Up"), QKeySequence(Qt::CTRL | Qt::Key_Up), [this] { moveSelected(-1); });
    m_down = makeAction(tr("Down"), QKeySequence(Qt::CTRL | Qt::Key_Down), [this] { moveSelected(+1); });
    m_hold = makeAction(tr("Hold"), QKeySequence(Qt::CTRL | Qt::Key_H), [this] { toggleHoldSelected(); });
    m_remove = makeAction(tr("Remove"), QKeySequence(QKeySequence::Delete), [this] { removeSelected(); });
    m_clear = makeAction(tr("Clear Finished"), QKeySequence(), [this] { removeFinished(); });
    m_pause = makeAction(tr("Pause Queue"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), [this] { setPaused(m_pause->isChecked()); });
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("A paused queue starts no new run; the running one goes on (Ctrl+Shift+P)"));

    // A tool bar folds the actions that do not fit into its » menu, so the queue never makes
    // the window wider than the screen.
    auto *buttons = new QToolBar(this);
    buttons->setToolButtonStyle(Qt::ToolButtonTextOnly);
    buttons->setIconSize(QSize(0, 0));
    for (QAction *action : {m_add, m_grid, m_edit, m_up, m_down, m_hold, m_remove, m_clear}) {
        buttons->addAction(action);
        if (action == m_grid || action == m_down)
            buttons->addSeparator();
    }
    // The queue-wide switch sits by the line that says what the queue is doing.
    auto *pauseButton = new QToolButton(this);
    pauseButton->setDefaultAction(m_pause);
    pauseButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(buttons);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_error);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(pauseButton);
    layout->addLayout(statusRow);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &QueuePanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &QueuePanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &QueuePanel::updateActions);
    updateActions();
}

QAction *QueuePanel::makeAction(const QString &text, const QKeySequence &shortcut, const std::function<void()> &run)
{
    auto *action = new QAction(text, this);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    if (!shortcut.isEmpty())
        action->setToolTip(tr("%1 (%2)").arg(QString(text).remove(u'…'), shortcut.toString(QKeySequence::NativeText)));
    connect(action, &QAction::triggered, this, run);
    QWidget::addAction(action);
    return action;
}

// Runs a change of the queue; a refusal (the entry started meanwhile, say) is shown under
// the table instead of being lost.
bool QueuePanel::guarded(const std::function<void()> &change)
{
    try {
        change();
        m_error->clearError();
    } catch (const Error &e) {
        m_error->showError(e.message());
        reload();
        return false;
    }
    reload();
    return true;
}

bool QueuePanel::addCurrentSettings()
{
    qint64 added = 0;
    const bool ok = guarded([&] {
        if (m_form->datasetId().isEmpty())
            throw UsageError(tr("Choose a data set to train on (ingest one on the Data page first)."));
        const TrainSettings settings = m_form->settings();
        settings.validate();
        added = QueueStore(*m_workspace).add({{m_form->datasetId(), settings.toJson(), 0}}).value(0);
    });
    if (ok) {
        selectEntry(added);
        Q_EMIT queueChanged();
    }
    return ok;
}

void QueuePanel::addGrid()
{
    QueueGridDialog dialog(m_workspace, m_form->datasetId(), m_form->settings(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QList<qint64> added;
    if (guarded([&] { added = QueueStore(*m_workspace).add(dialog.entries()); }) && !added.isEmpty()) {
        selectEntry(added.first());
        Q_EMIT queueChanged();
    }
}

void QueuePanel::editSelected()
{
    const qint64 id = selectedEntry();
    const QueueEntry *entry = m_model->entryAt(m_model->rowOf(id));
    if (!entry || !isPending(entry->state))
        return;
    QueueEntryDialog dialog(m_workspace, *entry, this);
    if (dialog.exec() == QDialog::Accepted) {
        reload();
        selectEntry(id);
    }
}

bool QueuePanel::moveSelected(int direction)
{
    const qint64 id = selectedEntry();
    bool moved = false;
    if (id && guarded([&] { moved = QueueStore(*m_workspace).move(id, direction); }))
        selectEntry(id);
    return moved;
}

void QueuePanel::toggleHoldSelected()
{
    const qint64 id = selectedEntry();
    const QueueEntry *entry = m_model->entryAt(m_model->rowOf(id));
    if (!entry)
        return;
    const bool release = entry->state == QueueState::Held;
    if (guarded([&] { QueueStore(*m_workspace).setHeld(id, !release); }) && release)
        Q_EMIT queueChanged();
    selectEntry(id);
}

void QueuePanel::removeSelected()
{
    const qint64 id = selectedEntry();
    const int row = m_model->rowOf(id);
    if (id && guarded([&] { QueueStore(*m_workspace).remove({id}); }) && m_model->rowCount() > 0)
        m_view->selectRow(std::min(row, m_model->rowCount() - 1));
}

void QueuePanel::removeFinished()
{
    guarded([&] { QueueStore(*m_workspace).removeFinished(); });
}

void QueuePanel::setPaused(bool paused)
{
    if (guarded([&] { QueueStore(*m_workspace).setPaused(paused); }) && !paused)
        Q_EMIT queueChanged();
}

bool QueuePanel::isPaused() const
{
    return m_model->isPaused();
}

void QueuePanel::reload()
{
    const qint64 selected = selectedEntry();
    m_model->reload();
    if (selected && selectedEntry() != selected)
        selectEntry(selected);
    updateActions();
}

void QueuePanel::selectEntry(qint64 entryId)
{
    const int row = m_model->rowOf(entryId);
    if (row >= 0)
        m_view->selectRow(row);
}

qint64 QueuePanel::selectedEntry() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const QueueEntry *entry = rows.isEmpty() ? nullptr : m_model->entryAt(rows.first().row());
    return entry ? entry->id : 0;
}

QString QueuePanel::errorText() const
{
    return m_error->error();
}

void QueuePanel::updateActions()
{
    const QueueEntry *entry = m_model->entryAt(m_model->rowOf(selectedEntry()));
    const bool pending = entry && isPending(entry->state);
    m_edit->setEnabled(pending);
    m_up->setEnabled(pending);
    m_down->setEnabled(pending);
    m_hold->setEnabled(pending);
    m_hold->setText(entry && entry->state == QueueState::Held ? tr("Release") : tr("Hold"));
    m_remove->setEnabled(entry && entry->state != QueueState::Running);

    const bool paused = isPaused();
    m_pause->setChecked(paused);
    int waiting = 0, held = 0, finished = 0;
    qint64 running = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QueueEntry &e = *m_model->entryAt(row);
        waiting += e.state == QueueState::Waiting;
        held += e.state == QueueState::Held;
        finished += !isPending(e.state) && e.state != QueueState::Running;
        if (e.state == QueueState::Running)
            running = e.id;
    }
    m_clear->setEnabled(finished > 0);
    QStringList parts{tr("%n waiting", nullptr, waiting)};
    if (held > 0)
        parts << tr("%n held", nullptr, held);
    if (running > 0)
        parts << tr("entry %1 running").arg(running);
    if (paused)
        parts << tr("paused: no new run starts");
    m_status->setText(parts.join(QStringLiteral(" · ")));
}

} // namespace mlwb
