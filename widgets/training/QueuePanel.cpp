#include "training/QueuePanel.h"

#include "app/ErrorLabel.h"
#include "common/Error.h"
#include "jobs/StoreThread.h"
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

#include <memory>

namespace mlwb {

QueuePanel::QueuePanel(WorkspacePtr workspace, StoreThread &store, TrainSettingsPanel *form, QWidget *parent)
    : QWidget(parent), m_workspace(std::move(workspace)), m_store(store), m_form(form), m_model(new QueueTableModel(m_workspace, this)),
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

void QueuePanel::apply(std::function<void(const QueueStore &)> change, std::function<void()> after)
{
    ++m_pending;
    updateActions();
    m_store.run(
        this, [workspace = m_workspace, change = std::move(change)] { change(QueueStore(*workspace)); },
        [this, after = std::move(after)] {
            --m_pending;
            m_error->clearError();
            reload();
            if (after)
                after();
            Q_EMIT changeDone(true);
        },
        [this](const QString &message) {
            --m_pending;
            // A refusal (the entry started meanwhile, say) is shown instead of being lost.
            m_error->showError(message);
            reload();
            Q_EMIT changeDone(false);
        });
}

bool QueuePanel::addCurrentSettings()
{
    try {
        if (m_form->datasetId().isEmpty())
            throw UsageError(tr("Choose a data set to train on (ingest one on the Data page first)."));
        const TrainSettings settings = m_form->settings();
        settings.validate();
        auto added = std::make_shared<qint64>(0);
        apply([entry = NewQueueEntry{m_form->datasetId(), settings.toJson(), 0},
               added](const QueueStore &queue) { *added = queue.add({entry}).value(0); },
              [this, added] {
                  selectEntry(*added);
                  Q_EMIT queueChanged();
              });
    } catch (const Error &e) {
        m_error->showError(e.message());
        return false;
    }
    return true;
}

void QueuePanel::addGrid()
{
    QueueGridDialog dialog(m_workspace, m_form->datasetId(), m_form->settings(), this);
    if (dialog.exec() != QDialog::Accepted || dialog.entries().empty())
        return;
    auto added = std::make_shared<QList<qint64>>();
    apply([entries = dialog.entries(), added](const QueueStore &queue) { *added = queue.add(entries); },
          [this, added] {
              if (!added->isEmpty())
                  selectEntry(added->first());
              Q_EMIT queueChanged();
          });
}

void QueuePanel::editSelected()
{
    const qint64 id = selectedEntry();
    const QueueEntry *entry = m_model->entryAt(m_model->rowOf(id));
    if (!entry || !isPending(entry->state))
        return;
    QueueEntryDialog dialog(m_workspace, *entry, this);
    if (dialog.exec() == QDialog::Accepted)
        saveEdit(dialog.edit());
}

void QueuePanel::saveEdit(const QueueEntryEdit &edit)
{
    apply([edit](const QueueStore &queue) { queue.edit(edit.entryId, edit.datasetId, edit.settings, edit.priority); },
          [this, id = edit.entryId] { selectEntry(id); });
}

bool QueuePanel::moveSelected(int direction)
{
    const qint64 id = selectedEntry();
    const QueueEntry *entry = m_model->entryAt(m_model->rowOf(id));
    if (!entry || !isPending(entry->state))
        return false;
    apply([id, direction](const QueueStore &queue) { queue.move(id, direction); },
          [this, id] { selectEntry(id); });
    return true;
}

void QueuePanel::toggleHoldSelected()
{
    const qint64 id = selectedEntry();
    const QueueEntry *entry = m_model->entryAt(m_model->rowOf(id));
    if (!entry)
        return;
    const bool release = entry->state == QueueState::Held;
    apply([id, release](const QueueStore &queue) { queue.setHeld(id, !release); },
          [this, id, release] {
              selectEntry(id);
              if (release)
                  Q_EMIT queueChanged();
          });
}

void QueuePanel::removeSelected()
{
    const qint64 id = selectedEntry();
    if (!id)
        return;
    const int row = m_model->rowOf(id);
    apply([id](const QueueStore &queue) { queue.remove({id}); },
          [this, row] {
              if (m_model->rowCount() > 0)
                  m_view->selectRow(std::min(row, m_model->rowCount() - 1));
          });
}

void QueuePanel::removeFinished()
{
    apply([](const QueueStore &queue) { queue.removeFinished(); });
}

void QueuePanel::setPaused(bool paused)
{
    apply([paused](const QueueStore &queue) { queue.setPaused(paused); },
          [this, paused] {
              if (!paused)
                  Q_EMIT queueChanged();
          });
}

bool QueuePanel::isPaused() const
{
    return m_model->isPaused();
}

// On the UI thread: the workspace is in WAL mode, where a reader never waits for a writer
// (not even one that holds the write lock for long), so the two-second poll cannot freeze.
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
    if (m_pending == 0) // else the switch shows what the user just asked for
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
    if (m_pending > 0)
        parts << tr("saving…");
    m_status->setText(parts.join(QStringLiteral(" · ")));
}

} // namespace mlwb
