#include "labeling/LabelPage.h"

#include "AppContext.h"
#include "Pages.h"
#include "common/Error.h"
#include "common/Log.h"
#include "jobs/JobManager.h"
#include "labeling/ContinuousPanel.h"
#include "labeling/LabelGrid.h"
#include "labeling/LabelQueueModel.h"
#include "labeling/LabeledList.h"
#include "labeling/SampleLabelView.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedLayout>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace mlwb {

namespace {

enum Stack { SingleView, GridView, MessageView };
enum Tab { QueueTab, LabeledTab };

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

QWidget *createLabelPage(AppContext &context, QWidget *parent)
{
    return new LabelPage(context, parent);
}

LabelPage::LabelPage(AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context),
      m_decisions(context.workspace, context.jobs ? &context.jobs->store() : nullptr, LabelDecisions::defaultWho()),
      m_model(new LabelQueueModel(this)), m_labelSource(new QComboBox(this)), m_order(new QComboBox(this)),
      m_candidate(new QComboBox(this)), m_hideDuplicates(new QCheckBox(tr("&Hide near duplicates"), this)),
      m_duplicates(new QLabel(this)), m_sourceFilter(new QComboBox(this)), m_predictedFilter(new QComboBox(this)),
      m_fromOn(new QCheckBox(tr("Si&nce"), this)), m_from(new QDateEdit(this)), m_toOn(new QCheckBox(tr("&Until"), this)),
      m_to(new QDateEdit(this)), m_filters(new QWidget(this)), m_tabs(new QTabWidget(this)), m_stack(new QStackedLayout),
      m_view(new SampleLabelView(this)), m_grid(new LabelGrid(m_model, this)), m_message(new QLabel(this)),
      m_labeled(new LabeledList(context.workspace, m_decisions, this)), m_continuous(new ContinuousPanel(context, this)),
      m_progressText(new QLabel(this)), m_progress(new QProgressBar(this)), m_gridButton(new QPushButton(tr("Grid"), this)),
      m_undoButton(new QPushButton(tr("Undo"), this)), m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("labelPage"));

    // What to label and in which order.
    m_labelSource->setToolTip(tr("Label the production samples, or relabel the images of a data set version "
                                 "flagged as suspected label errors on the Evaluate page"));
    m_labelSource->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_labelSource->setMinimumContentsLength(26); // a long data set name must not widen the page
    m_order->addItem(tr("Lowest margin first"), int(QueueOrder::Margin));
    m_order->addItem(tr("Highest entropy first"), int(QueueOrder::Entropy));
    m_order->addItem(tr("Least confident first"), int(QueueOrder::LeastConfidence));
    m_order->addItem(tr("Newest first"), int(QueueOrder::Newest));
    m_order->addItem(tr("Oldest first"), int(QueueOrder::Oldest));
    m_order->addItem(tr("Production and a candidate disagree most"), int(QueueOrder::Disagreement));
    m_order->setToolTip(tr("Most uncertain first: the smallest gap between the two likeliest classes (margin), the "
                           "most spread-out answer (entropy) or the lowest top probability; by time; or where a "
                           "candidate model's answer differs most from production's"));
    m_candidate->setToolTip(tr("The candidate model compared with production (the disagreement order runs it)"));
    m_candidate->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_candidate->setMinimumContentsLength(30);
    m_hideDuplicates->setChecked(true);
    m_hideDuplicates->setToolTip(tr("Show one of each group of nearly identical inputs; the others come back once it "
                                    "is labeled"));
    m_duplicates->setEnabled(false);
    m_sourceFilter->addItem(tr("any source"));
    for (const SampleSource s : {SampleSource::Canvas, SampleSource::Folder, SampleSource::Api, SampleSource::File})
        m_sourceFilter->addItem(sampleSourceName(s), int(s));
    m_sourceFilter->setToolTip(tr("Only the samples that came from here"));
    m_predictedFilter->addItem(tr("any prediction"), -1);
    m_predictedFilter->setToolTip(tr("Only the samples the model gave this class"));
    for (QDateEdit *date : {m_from, m_to}) {
        date->setCalendarPopup(true);
        date->setDate(QDate::currentDate());
        date->setEnabled(false);
    }
    m_fromOn->setToolTip(tr("Only the samples from this day on"));
    m_toOn->setToolTip(tr("Only the samples up to this day (inclusive)"));
    connect(m_fromOn, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toOn, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    for (QComboBox *box : {m_labelSource, m_order, m_candidate, m_sourceFilter, m_predictedFilter})
        connect(box, &QComboBox::currentIndexChanged, this, &LabelPage::rebuildQueue);
    for (QCheckBox *box : {m_hideDuplicates, m_fromOn, m_toOn})
        connect(box, &QCheckBox::toggled, this, &LabelPage::rebuildQueue);
    for (QDateEdit *date : {m_from, m_to})
        connect(date, &QDateEdit::dateChanged, this, &LabelPage::rebuildQueue);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setToolTip(tr("Read the queue again: new samples, hidden duplicates whose twin was labeled (F5)"));
    refresh->setFocusPolicy(Qt::NoFocus);
    connect(refresh, &QPushButton::clicked, this, [this] {
        reloadChoices();
        rebuildQueue();
    });

    // Three short rows: the page shares its width with the continuous-training panel.
    auto *top = new QHBoxLayout;
    top->addWidget(buddyLabel(tr("&Label:"), m_labelSource, this));
    top->addWidget(m_labelSource);
    top->addWidget(buddyLabel(tr("&Order:"), m_order, this));
    top->addWidget(m_order);
    top->addStretch();
    top->addWidget(refresh);
    auto *which = new QHBoxLayout;
    which->addWidget(buddyLabel(tr("&Source:"), m_sourceFilter, this));
    which->addWidget(m_sourceFilter);
    which->addWidget(buddyLabel(tr("&Predicted:"), m_predictedFilter, this));
    which->addWidget(m_predictedFilter);
    which->addWidget(m_hideDuplicates);
    which->addWidget(m_duplicates);
    which->addStretch();
    auto *when = new QHBoxLayout;
    when->addWidget(m_fromOn);
    when->addWidget(m_from);
    when->addWidget(m_toOn);
    when->addWidget(m_to);
    when->addWidget(m_candidate);
    when->addStretch();
    auto *filters = new QVBoxLayout(m_filters);
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addLayout(which);
    filters->addLayout(when);

    // The queue: one image, the grid, or what to do when there is nothing.
    m_message->setObjectName(QStringLiteral("labelMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    // Greyed by colour, not disabled: it takes the focus while it stands in for the view, so
    // that Ctrl+Z (and Tab) still work.
    QPalette grey = m_message->palette();
    grey.setColor(QPalette::WindowText, grey.color(QPalette::Disabled, QPalette::WindowText));
    m_message->setPalette(grey);
    m_message->setFocusPolicy(Qt::StrongFocus);
    m_grid->setEmptyText(tr("No images in the queue"));
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_grid);
    m_stack->addWidget(m_message);
    // The queue's own choices sit above it, inside its tab: the Labeled tab has its own.
    auto *queueTab = new QWidget(this);
    auto *queueLayout = new QVBoxLayout(queueTab);
    queueLayout->setContentsMargins(4, 4, 4, 0);
    // Shown while the queue is a given list of samples (the Monitor page's window).
    m_sampleBar = new QFrame(queueTab);
    m_sampleBar->setObjectName(QStringLiteral("labelSampleBar"));
    m_sampleBar->setFrameShape(QFrame::StyledPanel);
    m_sampleBar->setAutoFillBackground(true);
    m_sampleBar->setBackgroundRole(QPalette::ToolTipBase);
    m_sampleText = new QLabel(m_sampleBar);
    m_sampleText->setWordWrap(true);
    m_sampleText->setForegroundRole(QPalette::ToolTipText);
    auto *back = new QPushButton(tr("Back to the Queue"), m_sampleBar);
    back->setToolTip(tr("The unlabeled samples again, in the order and with the filters chosen below"));
    back->setFocusPolicy(Qt::NoFocus);
    connect(back, &QPushButton::clicked, this, &LabelPage::showQueue);
    auto *sampleBarLayout = new QHBoxLayout(m_sampleBar);
    sampleBarLayout->setContentsMargins(6, 3, 6, 3);
    sampleBarLayout->addWidget(m_sampleText, 1);
    sampleBarLayout->addWidget(back);
    m_sampleBar->hide();
    queueLayout->addWidget(m_sampleBar);
    queueLayout->addLayout(top);
    queueLayout->addWidget(m_filters);
    queueLayout->addLayout(m_stack, 1);
    m_tabs->addTab(queueTab, tr("&Queue"));
    m_tabs->addTab(m_labeled, tr("Label&ed"));
    m_tabs->setTabToolTip(QueueTab, tr("The images waiting for a label (Alt+Q)"));
    m_tabs->setTabToolTip(LabeledTab, tr("Labels given so far, to change them (Alt+E)"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == LabeledTab) {
            m_labeled->reload();
            m_labeled->table()->setFocus(); // the keys change labels there
        }
        else
            (m_gridMode ? static_cast<QWidget *>(m_grid) : m_view)->setFocus();
    });

    connect(m_view, &SampleLabelView::labelRequested, this, &LabelPage::labelCurrent);
    connect(m_view, &SampleLabelView::acceptRequested, this, &LabelPage::acceptCurrent);
    connect(m_view, &SampleLabelView::skipRequested, this, &LabelPage::skipCurrent);
    connect(m_view, &SampleLabelView::discardRequested, this, &LabelPage::discardCurrent);
    connect(m_view, &SampleLabelView::gridRequested, this, [this] { setGridMode(true); });
    connect(m_view, &SampleLabelView::stepRequested, this, [this](int delta) {
        if (m_model->rowCount() == 0)
            return;
        m_current = std::clamp(m_current + delta, 0, m_model->rowCount() - 1);
        showCurrent();
    });
    connect(m_grid, &LabelGrid::labelRequested, this,
            [this](const QList<int> &rows, int c) { gridDecision(rows, [c](const LabelItem &) { return LabelValue::of(c); }); });
    connect(m_grid, &LabelGrid::acceptRequested, this,
            [this](const QList<int> &rows) { gridDecision(rows, [](const LabelItem &item) { return item.guess(); }); });
    connect(m_grid, &LabelGrid::discardRequested, this,
            [this](const QList<int> &rows) { gridDecision(rows, [](const LabelItem &) { return LabelValue::discard(); }); });
    connect(m_grid, &LabelGrid::gridRequested, this, [this] { setGridMode(false); });
    connect(m_grid, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        m_current = index.row(); // a double-click opens that image alone
        setGridMode(false);
    });
    connect(m_labeled, &LabeledList::relabeled, this, [this](const LabelDecision &decision) {
        for (const LabelChange &c : decision.changes)
            m_model->setValue(c.target, c.after);
        updateProgress();
        Q_EMIT decided();
    });

    // Always in sight: how far along, and the two mode keys.
    m_progressText->setObjectName(QStringLiteral("labelProgress"));
    m_progress->setFormat(QStringLiteral("%p %"));
    m_progress->setMaximumWidth(220);
    m_gridButton->setCheckable(true);
    m_gridButton->setFocusPolicy(Qt::NoFocus);
    m_gridButton->setToolTip(tr("Label a page of thumbnails at once: select several (Shift/Ctrl+click, Ctrl+A), then "
                                "press a digit (G)"));
    connect(m_gridButton, &QPushButton::toggled, this, &LabelPage::setGridMode);
    m_undoButton->setFocusPolicy(Qt::NoFocus);
    m_undoButton->setToolTip(tr("Take the last decision back and go back to it (Ctrl+Z)"));
    connect(m_undoButton, &QPushButton::clicked, this, &LabelPage::undo);
    auto *undoKey = new QShortcut(QKeySequence::Undo, this);
    undoKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(undoKey, &QShortcut::activated, this, &LabelPage::undo);
    m_hint->setEnabled(false);
    m_hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_progressText);
    bottom->addWidget(m_progress);
    bottom->addWidget(m_hint, 1);
    bottom->addWidget(m_undoButton);
    bottom->addWidget(m_gridButton);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_tabs, 1);
    leftLayout->addLayout(bottom);
    m_continuous->setMinimumWidth(280);
    m_continuous->setMaximumWidth(420);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_continuous);
    split->setStretchFactor(0, 1);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);

    // The writes land on the store thread, later: "saving…" meanwhile, and a refused one is
    // taken back on the page.
    connect(&m_decisions, &LabelDecisions::pendingChanged, this, &LabelPage::updateProgress);
    connect(&m_decisions, &LabelDecisions::saved, this, [this] {
        if (m_loadAfterSaving)
            rebuildQueue();
    });
    connect(&m_decisions, &LabelDecisions::failed, this, &LabelPage::onWriteFailed);

    setFocusProxy(m_view);
    connect(&m_loader, &QFutureWatcherBase::finished, this, &LabelPage::onQueueLoaded);
    if (m_context.jobs) // a promotion changes who is production (and which models are candidates)
        connect(m_context.jobs, &JobManager::jobFinished, this, &LabelPage::reloadChoices, Qt::QueuedConnection);
    reloadChoices();
    updateControls();
    rebuildQueue();
}

LabelPage::~LabelPage()
{
    if (m_cancel)
        m_cancel->cancel();
    m_loader.waitForFinished();
}

void LabelPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Back on the page: new samples may have arrived; a queue in progress stays as it is.
    if (m_loadedOnce && m_labelSource->currentData().toString().isEmpty() && !m_sampleList
        && (m_model->rowCount() == 0 || m_current >= m_model->rowCount()))
        rebuildQueue();
    if (m_tabs->currentIndex() == QueueTab)
        (m_gridMode ? static_cast<QWidget *>(m_grid) : m_view)->setFocus();
}

void LabelPage::reloadChoices()
{
    if (!m_context.workspace)
        return;
    const QSignalBlocker blockSource(m_labelSource), blockCandidate(m_candidate);
    const QString source = m_labelSource->currentData().toString();
    const qint64 candidate = m_candidate->currentData().toLongLong();
    m_labelSource->clear();
    m_labelSource->addItem(tr("Unlabeled production samples"), QString());
    m_candidate->clear();
    try {
        for (const FlaggedDataset &d : flaggedDatasets(*m_context.workspace))
            m_labelSource->addItem(tr("Suspected label errors: %1 %2 (%3)").arg(d.name, d.id.left(8)).arg(d.flagged), d.id);
        const ModelRegistry registry(*m_context.workspace);
        const std::optional<ModelVersion> production = registry.production();
        for (const ModelVersion &m : registry.list())
            if (!production || m.id != production->id)
                m_candidate->addItem(tr("candidate: model %1 (%2, macro-F1 %3)")
                                         .arg(m.id).arg(m.architecture).arg(QLocale().toString(m.macroF1, 'f', 4)),
                                     m.id);
    } catch (const Error &e) {
        spdlog::error("cannot list the label sources: {}", e.message().toStdString());
    }
    if (m_candidate->count() == 0)
        m_candidate->addItem(tr("no candidate model"), qint64(0));
    m_labelSource->setCurrentIndex(std::max(0, m_labelSource->findData(source)));
    m_candidate->setCurrentIndex(std::max(0, m_candidate->findData(candidate)));
    updateControls();
}

void LabelPage::updateControls()
{
    const bool production = m_labelSource->currentData().toString().isEmpty();
    const bool list = m_sampleList.has_value(); // a given list has its own order
    m_labelSource->setEnabled(!list);
    m_filters->setEnabled(production && !list);
    m_order->setEnabled(production && !list);
    m_candidate->setVisible(production && !list && QueueOrder(m_order->currentData().toInt()) == QueueOrder::Disagreement);
    m_undoButton->setEnabled(m_decisions.canUndo());
    m_undoButton->setText(m_decisions.canUndo() ? tr("Undo (%1)").arg(m_decisions.size()) : tr("Undo"));
}

LabelSourceRequest LabelPage::request() const
{
    LabelSourceRequest r;
    r.datasetId = m_labelSource->currentData().toString();
    r.sampleIds = m_sampleList;
    LabelQueueOptions &o = r.production;
    o.order = QueueOrder(m_order->currentData().toInt());
    o.candidateModelId = m_candidate->currentData().toLongLong();
    o.skipNearDuplicates = m_hideDuplicates->isChecked();
    if (m_sourceFilter->currentIndex() > 0)
        o.filter.source = SampleSource(m_sourceFilter->currentData().toInt());
    if (const int predicted = m_predictedFilter->currentData().toInt(); predicted >= 0)
        o.filter.predicted = predicted;
    if (m_fromOn->isChecked())
        o.filter.from = m_from->date().startOfDay();
    if (m_toOn->isChecked())
        o.filter.to = m_to->date().addDays(1).startOfDay(); // the whole "to" day
    return r;
}

bool LabelPage::isLoading() const
{
    return m_loader.isRunning();
}

void LabelPage::rebuildQueue()
{
    if (!m_context.workspace)
        return;
    updateControls();
    if (m_loader.isRunning()) { // the newest choice wins: read again when this one ends
        m_loadAgain = true;
        if (m_cancel)
            m_cancel->cancel();
        return;
    }
    m_loadAgain = false;
    if (m_model->rowCount() == 0)
        showMessage(tr("Reading the queue…"));
    if (m_decisions.pending() > 0) {
        // Read after the labels given so far have landed, or it would bring them back.
        m_loadAfterSaving = true;
        hint(tr("saving the labels, then reading the queue…"));
        return;
    }
    m_loadAfterSaving = false;
    m_cancel = std::make_shared<CancelFlag>();
    hint(tr("reading the queue…"));
    m_loader.setFuture(QtConcurrent::run([workspace = m_context.workspace, request = request(), cancel = m_cancel] {
        return loadLabelQueue(workspace, request, cancel.get());
    }));
}

void LabelPage::onQueueLoaded()
{
    if (m_loadAgain || m_decisions.pending() > 0) { // a label given while it read: read again after it
        rebuildQueue();
        return;
    }
    LoadedLabelQueue loaded = m_loader.result();
    m_loadedOnce = true;
    m_loadError = loaded.error;
    m_duplicatesHidden = loaded.duplicatesHidden;
    hint(QString());
    // The class names fill the prediction filter once they are known.
    if (m_predictedFilter->count() == 1 && !loaded.classNames.isEmpty()) {
        const QSignalBlocker block(m_predictedFilter);
        for (int c = 0; c < loaded.classNames.size(); ++c)
            m_predictedFilter->addItem(tr("predicted %1").arg(loaded.classNames[c]), c);
    }
    if (!loaded.classNames.isEmpty() && m_labelSource->currentData().toString().isEmpty())
        m_labeled->setClassNames(loaded.classNames);
    m_view->setClassNames(loaded.classNames);
    m_model->setItems(std::move(loaded.items), loaded.classNames, loaded.unlabeled);
    m_duplicates->setText(m_hideDuplicates->isChecked() && m_duplicatesHidden > 0
                              ? tr("near duplicates hidden: %1").arg(m_duplicatesHidden)
                              : QString());
    m_current = std::max(0, m_model->nextUnlabeled(0));
    if (m_model->rowCount() == 0)
        m_current = 0;
    showCurrent();
    Q_EMIT queueLoaded();
}

const LabelItem *LabelPage::currentItem() const
{
    return m_current >= 0 && m_current < m_model->rowCount() ? &m_model->item(m_current) : nullptr;
}

void LabelPage::showMessage(const QString &text)
{
    if (m_view->hasFocus() || m_grid->hasFocus()) {
        m_keysToView = true; // back to it once there is an image
        m_message->setFocus();
    }
    m_message->setText(text);
    m_stack->setCurrentIndex(MessageView);
}

QString LabelPage::messageText() const
{
    return m_stack->currentIndex() == MessageView ? m_message->text() : QString();
}

void LabelPage::showCurrent()
{
    updateProgress();
    updateControls();
    const bool production = m_labelSource->currentData().toString().isEmpty();
    if (!m_loadError.isEmpty()) {
        showMessage(tr("The queue cannot be read:\n%1").arg(m_loadError));
        return;
    }
    if (m_model->rowCount() == 0 && m_sampleList) {
        showMessage(tr("None of these samples is stored any more.\nGo back to the queue (above)."));
        return;
    }
    if (m_model->rowCount() == 0) {
        const bool filtered = m_sourceFilter->currentIndex() > 0 || m_predictedFilter->currentIndex() > 0
                              || m_fromOn->isChecked() || m_toOn->isChecked();
        if (!production)
            showMessage(tr("No suspected label errors in this data set version.\nFlag them on the Evaluate page "
                           "(Label errors tab, F), then relabel them here."));
        else if (filtered)
            showMessage(tr("No unlabeled samples match these filters.\nChange the source, prediction or dates above."));
        else
            showMessage(tr("No unlabeled samples.\nDraw on the Sensor page, watch a folder, or turn on the API "
                           "(status bar): every input the production model answers waits here for its label."));
        return;
    }
    if (m_gridMode) {
        m_stack->setCurrentIndex(GridView);
        takeKeys();
        return;
    }
    if (m_current >= m_model->rowCount()) {
        if (m_sampleList) {
            showMessage(tr("Every sample of this list has its label (or was skipped).\nGo back to the queue (above) "
                           "for the others."));
            return;
        }
        if (m_model->remaining() > 0 && production && !m_loader.isRunning()) {
            // Near duplicates of what was labeled, or samples beyond the queue: read on.
            showMessage(tr("Reading the next images…"));
            rebuildQueue();
            return;
        }
        showMessage(tr("All caught up: every image in the queue has its label.\nLabeled in this session: %1. "
                       "Build a data set or retrain on the right.").arg(m_decisions.newlyLabeled()));
        return;
    }
    m_stack->setCurrentIndex(SingleView);
    m_view->showItem(&m_model->item(m_current), m_current, m_model->rowCount());
    takeKeys();
}

void LabelPage::takeKeys()
{
    // The keys go back to the view that had them before a message took its place.
    if (m_keysToView && isVisible() && m_tabs->currentIndex() == QueueTab) {
        (m_gridMode ? static_cast<QWidget *>(m_grid) : m_view)->setFocus();
        m_keysToView = false;
    }
}

QString LabelPage::duplicatesText() const
{
    return m_duplicates->text();
}

QString LabelPage::hintText() const
{
    return m_hint->text();
}

QString LabelPage::progressText() const
{
    return m_progressText->text();
}

void LabelPage::updateProgress()
{
    const qint64 given = m_decisions.newlyLabeled();
    const qint64 left = m_model->remaining();
    const QLocale locale;
    QString text = tr("%1 labeled in this session · %2 unlabeled left").arg(locale.toString(given), locale.toString(left));
    if (m_decisions.pending() > 0)
        text += tr(" · saving…");
    m_progressText->setText(text);
    // Nothing given and nothing left is all done, not "busy" (a 0..0 range animates).
    const qint64 total = given + left;
    m_progress->setRange(0, int(std::clamp<qint64>(total, 1, std::numeric_limits<int>::max())));
    m_progress->setValue(total == 0 ? 1 : int(std::min<qint64>(given, m_progress->maximum())));
    m_continuous->setLabelsGiven(m_decisions.newlyLabeled(false));
}

void LabelPage::hint(const QString &text)
{
    m_hint->setText(text);
    m_hint->setToolTip(text); // the whole hint, when the window is too narrow for it
}

bool LabelPage::decide(const QList<std::pair<LabelTarget, LabelValue>> &values, int after)
{
    try {
        const LabelDecision decision = m_decisions.apply(values, kQueueTag);
        for (const LabelChange &c : decision.changes)
            m_model->setValue(c.target, c.after);
    } catch (const Error &e) {
        hint(e.message());
        return false;
    }
    hint(QString());
    advanceFrom(after + 1);
    Q_EMIT decided();
    return true;
}

void LabelPage::advanceFrom(int row)
{
    const int next = m_model->nextUnlabeled(row);
    m_current = next >= 0 ? next : m_model->rowCount();
    showCurrent();
}

void LabelPage::labelCurrent(int c)
{
    if (const LabelItem *item = currentItem())
        decide({{item->target, LabelValue::of(c)}}, m_current);
}

void LabelPage::acceptCurrent()
{
    const LabelItem *item = currentItem();
    if (!item)
        return;
    if (item->guessClass() < 0) {
        hint(tr("This sample has no guess to accept: press its digit"));
        return;
    }
    decide({{item->target, item->guess()}}, m_current);
}

void LabelPage::discardCurrent()
{
    const LabelItem *item = currentItem();
    if (!item)
        return;
    if (item->target.isCorrection()) {
        hint(tr("An image of a data set version can only be relabeled, not discarded"));
        return;
    }
    decide({{item->target, LabelValue::discard()}}, m_current);
}

void LabelPage::skipCurrent()
{
    const LabelItem *item = currentItem();
    if (!item)
        return;
    try {
        m_decisions.skip(item->target, kQueueTag);
    } catch (const Error &e) {
        hint(e.message());
        return;
    }
    advanceFrom(m_current + 1);
}

void LabelPage::gridDecision(const QList<int> &rows, const std::function<LabelValue(const LabelItem &)> &value)
{
    QList<std::pair<LabelTarget, LabelValue>> values;
    for (int row : rows) {
        const LabelItem &item = m_model->item(row);
        const LabelValue v = value(item);
        if (v.discarded && item.target.isCorrection())
            continue; // data set images are relabeled, never discarded
        if (!v.isSet() && !item.target.isCorrection())
            continue; // no guess to accept
        values.append({item.target, v});
    }
    if (values.isEmpty() || rows.isEmpty())
        return;
    if (!decide(values, rows.last()))
        return;
    // The next image after the page's last decision is selected, ready for the next key.
    if (m_current < m_model->rowCount())
        m_grid->selectRows({m_current});
    else
        m_grid->clearSelection();
}

void LabelPage::undo()
{
    std::optional<LabelDecision> decision;
    try {
        decision = m_decisions.undo();
    } catch (const Error &e) { // written at once (no store thread) and refused
        hint(e.message());
        return;
    }
    if (!decision) {
        hint(tr("Nothing to undo"));
        return;
    }
    afterUndo(*decision);
    Q_EMIT decided();
}

void LabelPage::afterUndo(const LabelDecision &decision)
{
    for (const LabelChange &c : decision.changes)
        m_model->setValue(c.target, c.before);
    m_labeled->showChanged(decision, true);
    hint(decision.changes.size() == 1 ? tr("Undone") : tr("Undone for %1 images").arg(decision.changes.size()));
    if (decision.tag != kQueueTag || decision.changes.isEmpty()) {
        updateProgress();
        updateControls();
        return;
    }
    // Back to the image (the first of a grid decision), put back into the queue if a new read
    // of the queue no longer had it.
    const LabelTarget &first = decision.changes.first().target;
    int row = m_model->rowOf(first);
    if (row < 0 && !first.isCorrection()) {
        try {
            if (std::optional<ProductionSample> s = SampleStore(*m_context.workspace).sample(first.id)) {
                row = std::clamp(m_current, 0, m_model->rowCount());
                m_model->insertItem(row, labelItemOf(*m_context.workspace, std::move(*s)));
                m_model->setValue(first, decision.changes.first().before); // the undo may not have landed yet
            }
        } catch (const Error &e) {
            spdlog::warn("cannot go back to sample {}: {}", first.id, e.message().toStdString());
        }
    }
    if (m_tabs->currentIndex() != QueueTab)
        m_tabs->setCurrentIndex(QueueTab);
    if (row >= 0) {
        m_current = row;
        if (m_gridMode) {
            QList<int> rows;
            for (const LabelChange &c : decision.changes)
                if (const int r = m_model->rowOf(c.target); r >= 0)
                    rows << r;
            m_grid->selectRows(rows);
        }
    }
    showCurrent();
}

void LabelPage::onWriteFailed(const QString &message, const QList<LabelTarget> &targets)
{
    // The page showed the change as made: back to what the store has (or is still asked).
    int first = -1;
    for (const LabelTarget &t : targets) {
        try {
            m_model->setValue(t, m_decisions.current(t));
        } catch (const Error &e) {
            spdlog::warn("cannot read the label of {} again: {}", t.id, e.message().toStdString());
        }
        if (const int row = m_model->rowOf(t); row >= 0 && (first < 0 || row < first))
            first = row;
    }
    // Back to the first image that lost its label, to give it again.
    if (!m_gridMode && first >= 0 && first < m_current && !m_model->item(first).value.isSet())
        m_current = first;
    showCurrent();
    hint(tr("Not saved: %1").arg(message));
    Q_EMIT decided();
}

void LabelPage::setGridMode(bool grid)
{
    if (m_gridMode == grid && m_gridButton->isChecked() == grid)
        return;
    m_gridMode = grid;
    {
        const QSignalBlocker block(m_gridButton);
        m_gridButton->setChecked(grid);
    }
    if (m_tabs->currentIndex() != QueueTab)
        m_tabs->setCurrentIndex(QueueTab);
    if (grid && m_current < m_model->rowCount())
        m_grid->selectRows({m_current});
    if (!grid) {
        const QList<int> rows = m_grid->selectedRows();
        if (!rows.isEmpty())
            m_current = rows.first();
    }
    showCurrent();
    (grid ? static_cast<QWidget *>(m_grid) : m_view)->setFocus();
    hint(grid ? tr("Select (Shift/Ctrl+click, Ctrl+A), then 0–9 labels all · Space: each its guess · "
                   "X: not a digit · G: one at a time")
              : QString());
}

void LabelPage::showSamples(const QList<qint64> &ids, const QString &title)
{
    m_sampleList = ids;
    const QString n = QLocale().toString(ids.size());
    m_sampleText->setText(ids.size() == 1 ? tr("Showing 1 sample of %1").arg(title) : tr("Showing %1 samples of %2").arg(n, title));
    m_sampleBar->show();
    if (m_tabs->currentIndex() != QueueTab)
        m_tabs->setCurrentIndex(QueueTab);
    m_current = 0;
    m_model->clear(); // "reading…" rather than the old queue until the list is read
    m_keysToView = true;
    rebuildQueue();
}

void LabelPage::showQueue()
{
    if (!m_sampleList)
        return;
    m_sampleList.reset();
    m_sampleBar->hide();
    m_current = 0;
    m_model->clear();
    m_keysToView = true;
    rebuildQueue();
}

QString LabelPage::samplesText() const
{
    return m_sampleList ? m_sampleText->text() : QString();
}

void LabelPage::setOrder(QueueOrder order)
{
    m_order->setCurrentIndex(std::max(0, m_order->findData(int(order))));
}

void LabelPage::setLabelSource(const QString &datasetId)
{
    m_labelSource->setCurrentIndex(std::max(0, m_labelSource->findData(datasetId)));
}

} // namespace mlwb
