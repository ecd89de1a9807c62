#include "training/TrainPage.h"

#include "Pages.h"
#include "app/ErrorLabel.h"
#include "common/Error.h"
#include "jobs/JobManager.h"
#include "jobs/RunQueue.h"
#include "jobs/TrainJob.h"
#include "registry/ModelRegistry.h"
#include "store/QueueStore.h"
#include "store/RunStore.h"
#include "training/InterruptedRunsBar.h"
#include "training/QueuePanel.h"
#include "training/RunTableModel.h"
#include "training/TrainSettingsPanel.h"
#include "training/TrainingPlots.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QSet>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace mlwb {

namespace {
constexpr int kRunListRefreshMs = 2000; // runs other processes start show up this fast
}

TrainPage::TrainPage(AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_settings(new TrainSettingsPanel(context.workspace, this)),
      m_plots(new TrainingPlots(context.workspace, this)), m_runs(new RunTableModel(context.workspace, this)),
      m_interrupted(new InterruptedRunsBar(this)),
      m_queue(new QueuePanel(context.workspace, context.jobs->store(), m_settings, this))
{
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_interrupted);
    auto *vertical = new QSplitter(Qt::Vertical, right);
    vertical->addWidget(m_plots);
    m_tabs = new QTabWidget(vertical);
    m_tabs->addTab(buildRunsTab(), tr("&Runs"));
    m_tabs->addTab(m_queue, tr("&Queue"));
    vertical->addWidget(m_tabs);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    rightLayout->addWidget(vertical, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildControls());
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(1, false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_runs, &RunTableModel::checkedRunsChanged, this, [this] { m_plots->showRuns(m_runs->checkedRuns()); });
    connect(m_interrupted, &InterruptedRunsBar::resumeRequested, this, &TrainPage::resumeRun);
    auto *refresh = new QTimer(this);
    refresh->setInterval(kRunListRefreshMs);
    connect(refresh, &QTimer::timeout, this, [this] {
        if (isVisible()) {
            m_runs->reload();
            m_queue->reload();
        }
        startNextQueued(); // entries `mlwb queue add` put there meanwhile
    });
    refresh->start();
    connect(m_queue, &QueuePanel::queueChanged, this, &TrainPage::startNextQueued);

    offerInterruptedRuns();
    // Show the newest run's curves so that the page does not open on empty plots.
    if (m_runs->rowCount() > 0)
        m_runs->setChecked(m_runs->runIdAt(0), true);
    updateButtons();
    // The queue goes on where the last session left it (after the window has appeared).
    QTimer::singleShot(0, this, &TrainPage::startNextQueued);
}

TrainPage::~TrainPage() = default;

QWidget *TrainPage::buildControls()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 6, 0);

    auto *scroll = new QScrollArea(panel);
    scroll->setWidget(m_settings);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(m_settings->sizeHint().width() + 20);
    layout->addWidget(scroll, 1);

    m_error = new ErrorLabel(panel);
    layout->addWidget(m_error);

    m_start = new QPushButton(tr("Start"), panel);
    m_start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_start->setToolTip(tr("Start training (Ctrl+Return)"));
    m_start->setDefault(true);
    m_pause = new QPushButton(tr("Pause"), panel);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pause->setToolTip(tr("Pause or resume the training (Ctrl+P)"));
    m_enqueue = new QPushButton(tr("Add to Queue"), panel);
    m_enqueue->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    m_enqueue->setToolTip(tr("Queue these settings as one run; it starts when the runs before it are done "
                             "(Ctrl+Shift+Return)"));
    connect(m_enqueue, &QPushButton::clicked, this, [this] {
        if (m_queue->addCurrentSettings())
            m_tabs->setCurrentWidget(m_queue);
    });
    m_cancel = new QPushButton(tr("Cancel"), panel);
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->setToolTip(tr("Stop the training; the run keeps its last checkpoint (Esc)"));
    connect(m_start, &QPushButton::clicked, this, &TrainPage::startTraining);
    connect(m_pause, &QPushButton::clicked, this, &TrainPage::togglePause);
    connect(m_cancel, &QPushButton::clicked, this, &TrainPage::cancelTraining);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_cancel);
    layout->addLayout(buttons);
    layout->addWidget(m_enqueue);

    m_progress = new QProgressBar(panel);
    m_progress->setTextVisible(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    layout->addWidget(m_progress);
    m_status = new QLabel(tr("Choose a data set and a model, then Start."), panel);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    return panel;
}

QWidget *TrainPage::buildRunsTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(4, 4, 4, 4);
    m_runTable = new QTableView(tab);
    m_runTable->setModel(m_runs);
    m_runTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_runTable->verticalHeader()->hide();
    m_runTable->horizontalHeader()->setStretchLastSection(true);
    m_runTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_runTable->setAlternatingRowColors(true);
    m_runTable->setToolTip(tr("Check runs to draw their curves"));
    layout->addWidget(m_runTable, 1);

    auto *bottom = new QHBoxLayout;
    m_summary = new QLabel(tab);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true); // long summaries wrap instead of running under the buttons
    bottom->addWidget(m_summary, 1);
    m_resumeSelected = new QPushButton(tr("Resume selected run"), tab);
    connect(m_resumeSelected, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = m_runTable->selectionModel()->selectedRows();
        if (!rows.isEmpty())
            resumeRun(m_runs->runIdAt(rows.first().row()));
    });
    bottom->addWidget(m_resumeSelected);
    m_openEvaluation = new QPushButton(tr("Open Evaluation"), tab);
    m_openEvaluation->setToolTip(tr("The selected run's model on the Evaluate page: per-class F1, confusion, failures"));
    connect(m_openEvaluation, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = m_runTable->selectionModel()->selectedRows();
        const QVariant model = rows.isEmpty() ? QVariant() : m_runs->index(rows.first().row(), RunTableModel::Model).data();
        if (model.toLongLong() > 0 && m_context.showEvaluation)
            m_context.showEvaluation(model.toLongLong());
    });
    connect(m_runTable, &QTableView::doubleClicked, m_openEvaluation, &QPushButton::click);
    bottom->addWidget(m_openEvaluation);
    layout->addLayout(bottom);

    connect(m_runTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TrainPage::updateSelectedRunSummary);
    connect(m_runs, &QAbstractItemModel::dataChanged, this, &TrainPage::updateSelectedRunSummary);
    connect(m_runs, &QAbstractItemModel::modelReset, this, &TrainPage::updateSelectedRunSummary);
    updateSelectedRunSummary();
    return tab;
}

// Recovery writes (runs and entries whose process died), so on the store thread; the bar
// offers what it found.
void TrainPage::offerInterruptedRuns()
{
    m_context.jobs->store().run(
        this,
        [workspace = m_context.workspace] {
            recoverQueue(*workspace);
            QSet<qint64> resumedByQueue; // the queue continues these itself
            for (const QueueEntry &entry : QueueStore(*workspace).list())
                if (isPending(entry.state) && entry.runId)
                    resumedByQueue.insert(*entry.runId);
            QList<qint64> interrupted;
            for (const RunRecord &run : RunStore(*workspace).list())
                if (run.status == RunStatus::Interrupted && !resumedByQueue.contains(run.id))
                    interrupted << run.id;
            return interrupted;
        },
        [this](const QList<qint64> &interrupted) {
            m_runs->reload();
            m_queue->reload();
            m_interrupted->setRuns(interrupted);
        },
        [this](const QString &message) { showError(message); });
}

bool TrainPage::startTraining()
{
    if (m_job) {
        showError(tr("A training is running; wait for it or cancel it first."));
        return false;
    }
    const QString datasetId = m_settings->datasetId();
    if (datasetId.isEmpty()) {
        showError(tr("Choose a data set to train on (ingest one on the Data page first)."));
        return false;
    }
    const TrainSettings settings = m_settings->settings();
    try {
        settings.validate();
    } catch (const Error &e) {
        showError(e.message());
        return false;
    }
    return launch(std::make_unique<TrainJob>(m_context.workspace, TrainJob::Params{datasetId, settings, 0}), false);
}

bool TrainPage::resumeRun(qint64 runId)
{
    if (m_job) {
        showError(tr("A training is running; wait for it or cancel it first."));
        return false;
    }
    const std::optional<RunRecord> run = RunStore(*m_context.workspace).run(runId);
    if (!run || run->status == RunStatus::Finished || run->status == RunStatus::Running) {
        showError(run ? tr("Run %1 is %2; only a stopped run can be resumed.").arg(runId).arg(runStatusText(run->status))
                      : tr("There is no run %1.").arg(runId));
        return false;
    }
    m_interrupted->removeRun(runId);
    TrainJob::Params params;
    params.resumeRunId = runId;
    return launch(std::make_unique<TrainJob>(m_context.workspace, params), true);
}

bool TrainPage::launch(std::unique_ptr<TrainJob> job, bool resuming)
{
    m_error->clearError();
    m_runId = 0;
    m_status->setText(tr("Starting…"));
    m_progress->setRange(0, 0); // busy until the first progress
    Job *started = m_context.jobs->start(std::move(job), [this, resuming](Job *j) {
        auto *train = static_cast<TrainJob *>(j);
        connect(train, &TrainJob::runCreated, this, [this, resuming](qint64 id) { onRunCreated(id, resuming); });
        connect(train, &TrainJob::epochFinished, this, [this] { m_runs->reload(); });
        connect(train, &Job::progress, this, &TrainPage::onProgress);
        connect(train, &Job::failed, this, &TrainPage::showError);
        connect(train, &Job::finished, this, [this, train] { onJobEnded(train->runId()); });
    });
    m_job = static_cast<TrainJob *>(started);
    updateButtons();
    return true;
}

void TrainPage::startNextQueued()
{
    if (m_job || m_claiming)
        return;
    // Claiming writes: on the store thread, like every other runner's claim (RunQueue.h).
    m_claiming = true;
    auto unstartable = std::make_shared<QStringList>();
    m_context.jobs->store().run(
        this,
        [workspace = m_context.workspace, unstartable] {
            return claimNextEntry(*workspace, [unstartable](const QueueEntry &entry, const QString &error) {
                *unstartable << tr("Queue entry %1 could not start: %2").arg(entry.id).arg(error);
            });
        },
        [this, unstartable](const std::optional<ClaimedEntry> &claimed) {
            m_claiming = false;
            for (const QString &message : *unstartable)
                showError(message);
            if (claimed)
                startClaimed(*claimed);
            m_queue->reload();
        },
        [this](const QString &message) {
            m_claiming = false;
            showError(message);
        });
}

void TrainPage::startClaimed(const ClaimedEntry &claimed)
{
    if (m_job) { // the user started a training while the claim was on its way: hand it back
        m_context.jobs->store().run(
            this,
            [workspace = m_context.workspace, id = claimed.entry.id] {
                QueueStore(*workspace).finish(id, QueueState::Waiting);
            },
            [this] { m_queue->reload(); }, [this](const QString &message) { showError(message); });
        return;
    }
    m_queueEntry = claimed.entry.id;
    launch(std::make_unique<QueuedTrainJob>(m_context.workspace, claimed), claimed.params.resumeRunId > 0);
}

// The job itself ended its entry (QueuedTrainJob, on its own thread); the table shows it.
void TrainPage::finishQueueEntry()
{
    if (m_queueEntry == 0)
        return;
    m_queueEntry = 0;
    m_queue->reload();
    // The next entry, once this job's signals are all handled.
    QTimer::singleShot(0, this, &TrainPage::startNextQueued);
}

void TrainPage::onRunCreated(qint64 runId, bool resuming)
{
    m_runId = runId;
    if (m_queueEntry > 0)
        m_queue->reload(); // QueuedTrainJob attached the run
    m_runs->reload();
    if (resuming)
        m_plots->restartRun(runId);
    m_runs->setChecked(runId, true);
    const int row = m_runs->rowOf(runId);
    if (row >= 0)
        m_runTable->selectRow(row);
}

void TrainPage::onProgress(qint64 done, qint64 total, const QString &what)
{
    if (total > 0) {
        // Step counts fit in int for any sane run; scale anyway so that the bar never overflows.
        const int scale = total > 1'000'000'000 ? int(total / 1'000'000'000 + 1) : 1;
        m_progress->setRange(0, int(total / scale));
        m_progress->setValue(int(done / scale));
    } else {
        m_progress->setRange(0, 0);
    }
    m_status->setText(isPaused() ? tr("Paused — %1").arg(what) : what);
}

void TrainPage::onJobEnded(qint64 runId)
{
    TrainJob *job = m_job;
    m_job = nullptr;
    m_progress->setRange(0, 1);
    m_progress->setValue(job && job->succeededFlag() ? 1 : 0);
    if (job && job->succeededFlag()) {
        const auto &result = job->result();
        const std::optional<ModelVersion> model =
            result.modelId ? ModelRegistry(*m_context.workspace).model(*result.modelId) : std::nullopt;
        m_status->setText(tr("Run %1 finished in %2 s: test accuracy %3%, macro-F1 %4, model %5.")
                              .arg(runId)
                              .arg(result.seconds, 0, 'f', 1)
                              .arg(model ? model->accuracy * 100 : 0.0, 0, 'f', 2)
                              .arg(model ? model->macroF1 : 0.0, 0, 'f', 4)
                              .arg(result.modelId.value_or(0)));
    } else if (job && job->isCancelled()) {
        m_status->setText(tr("Run %1 cancelled; it can be resumed from its last checkpoint.").arg(runId));
    } else {
        m_status->setText(runId > 0 ? tr("Run %1 failed.").arg(runId) : tr("The training could not start."));
    }
    m_runs->reload();
    m_plots->refresh(); // the last points, at once
    updateButtons();
    finishQueueEntry();
    Q_EMIT trainingFinished(runId);
}

void TrainPage::setPaused(bool paused)
{
    if (!m_job)
        return;
    m_job->setPaused(paused);
    if (paused)
        m_status->setText(tr("Paused — Ctrl+P continues."));
    updateButtons();
}

void TrainPage::togglePause()
{
    setPaused(!isPaused());
}

TrainJob *TrainPage::currentJob() const
{
    return m_job;
}

bool TrainPage::isPaused() const
{
    return m_job && m_job->isPaused();
}

void TrainPage::cancelTraining()
{
    if (!m_job)
        return;
    m_job->cancel();
    m_status->setText(tr("Cancelling…"));
    m_cancel->setEnabled(false);
}

QString TrainPage::errorText() const
{
    return m_error->error();
}

void TrainPage::showError(const QString &message)
{
    m_error->showError(message);
}

void TrainPage::updateButtons()
{
    const bool running = m_job != nullptr;
    m_start->setEnabled(!running);
    // The form stays editable while a run trains (that run has its own copy): the next
    // runs can be set up and queued meanwhile.
    m_pause->setEnabled(running);
    m_cancel->setEnabled(running);
    m_pause->setText(isPaused() ? tr("Resume") : tr("Pause"));
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P)); // setText() resets the shortcut to the text's mnemonic
    if (m_resumeSelected)
        updateSelectedRunSummary();
}

void TrainPage::updateSelectedRunSummary()
{
    if (!m_runTable || !m_summary)
        return;
    const QModelIndexList rows = m_runTable->selectionModel()->selectedRows();
    const qint64 runId = rows.isEmpty() ? 0 : m_runs->runIdAt(rows.first().row());
    bool resumable = false;
    if (runId == 0) {
        m_summary->setText(m_runs->rowCount() == 0 ? tr("No runs yet.") : tr("Select a run to see its results."));
    } else {
        const int row = rows.first().row();
        auto cell = [&](int column) { return m_runs->data(m_runs->index(row, column), Qt::DisplayRole).toString(); };
        const QString status = cell(RunTableModel::Status);
        QString text = tr("Run %1 · %2 · %3 on %4 · epochs %5")
                           .arg(runId)
                           .arg(status, cell(RunTableModel::Architecture), cell(RunTableModel::Dataset),
                                cell(RunTableModel::Epochs));
        if (!cell(RunTableModel::ValAccuracy).isEmpty())
            text += tr(" · validation accuracy %1").arg(cell(RunTableModel::ValAccuracy));
        if (!cell(RunTableModel::Model).isEmpty())
            text += tr(" · test macro-F1 %1 · model %2").arg(cell(RunTableModel::TestF1), cell(RunTableModel::Model));
        m_summary->setText(text);
        const RunStatus state = m_runs->runAt(row)->status;
        resumable = state == RunStatus::Interrupted || state == RunStatus::Cancelled || state == RunStatus::Failed;
    }
    m_resumeSelected->setEnabled(resumable && !m_job);
    m_openEvaluation->setEnabled(runId != 0 && m_context.showEvaluation
                                 && m_runs->index(rows.first().row(), RunTableModel::Model).data().toLongLong() > 0);
}

QWidget *createTrainPage(AppContext &context, QWidget *parent)
{
    return new TrainPage(context, parent);
}

} // namespace mlwb
