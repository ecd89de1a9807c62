#include "monitoring/MonitorPage.h"

#include "AppContext.h"
#include "Pages.h"
#include "common/Error.h"
#include "jobs/JobManager.h"
#include "labeling/LabelDecisions.h"
#include "monitoring/AccuracyPlot.h"
#include "monitoring/AlertTableModel.h"
#include "monitoring/DriftPlot.h"
#include "monitoring/StatisticTableModel.h"
#include "monitoring/StatisticText.h"
#include "monitoring/WindowDistributions.h"
#include "monitoring/WindowTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedLayout>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace mlwb {

namespace {

enum Unit { Samples, Minutes, Hours, Days };
enum Tab { AlertsTab, WindowsTab, StatisticsTab };
enum Stack { PlotsView, MessageView };

constexpr qint64 kUnitMs[] = {0, 60'000, 3'600'000, 86'400'000};
const char *const kTraining = "training";

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, const QString &name)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

// The unit a span is shown in: the largest that divides it.
int unitOf(qint64 spanMs)
{
    for (int u = Days; u >= Minutes; --u)
        if (spanMs % kUnitMs[u] == 0)
            return u;
    return Minutes;
}

QString spacingText(const MonitorSeries::Spacing &spacing)
{
    if (spacing.spanMs <= 0)
        return MonitorPage::tr("%1 samples").arg(QLocale().toString(spacing.count));
    const int unit = unitOf(spacing.spanMs);
    const int value = int(std::max<qint64>(1, spacing.spanMs / kUnitMs[unit]));
    switch (unit) {
    case Minutes: return MonitorPage::tr("%n minute(s)", nullptr, value);
    case Hours: return MonitorPage::tr("%n hour(s)", nullptr, value);
    default: return MonitorPage::tr("%n day(s)", nullptr, value);
    }
}

} // namespace

QWidget *createMonitorPage(AppContext &context, QWidget *parent)
{
    return new MonitorPage(context, parent);
}

MonitorPage::MonitorPage(AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_engine(std::make_shared<MonitorEngine>()),
      m_windowSize(new QSpinBox(this)), m_windowUnit(new QComboBox(this)), m_reference(new QComboBox(this)),
      m_alpha(new QDoubleSpinBox(this)), m_summary(new QLabel(this)), m_stack(new QStackedLayout),
      m_message(new QLabel(this)), m_drift(new DriftPlot(this)), m_accuracy(new AccuracyPlot(this)),
      m_tabs(new QTabWidget(this)), m_alerts(new AlertTableModel(this)),
      m_alertTable(makeTable(m_alerts, this, QStringLiteral("alertTable"))),
      m_showAcknowledged(new QCheckBox(tr("Show ac&knowledged"), this)), m_acknowledge(new QPushButton(tr("Acknowledge"), this)),
      m_acknowledgeAll(new QPushButton(tr("Acknowledge All"), this)), m_openAlert(new QPushButton(tr("Open in Label Queue"), this)),
      m_windows(new WindowTableModel(this)), m_windowTable(makeTable(m_windows, this, QStringLiteral("windowTable"))),
      m_statistics(new StatisticTableModel(this)),
      m_statisticTable(makeTable(m_statistics, this, QStringLiteral("statisticTable"))), m_windowTitle(new QLabel(this)),
      m_openWindow(new QPushButton(tr("Label These Samples"), this)), m_latest(new QPushButton(tr("Latest"), this)),
      m_distributions(new WindowDistributions(this)), m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("monitorPage"));

    // What is compared: windows of a count or a time span, against a reference, at α.
    const QSettings stored;
    m_windowUnit->addItems({tr("samples"), tr("minutes"), tr("hours"), tr("days")});
    m_windowUnit->setCurrentIndex(std::clamp(stored.value(QStringLiteral("monitor/windowUnit"), int(Samples)).toInt(), 0, 3));
    m_windowSize->setRange(1, 1'000'000);
    m_windowSize->setGroupSeparatorShown(true);
    m_windowSize->setKeyboardTracking(false); // one look when the number is typed, not one per digit
    m_windowSize->setValue(stored.value(QStringLiteral("monitor/windowSize"), 500).toInt());
    m_windowSize->setSingleStep(m_windowUnit->currentIndex() == Samples ? 100 : 1);
    m_windowSize->setToolTip(tr("How many samples make a window (200, 500, 1,000…), or how long a window lasts: "
                                "the production samples are cut into consecutive windows of this size"));
    m_windowUnit->setToolTip(m_windowSize->toolTip());
    connect(m_windowSize, &QSpinBox::valueChanged, this, [this] {
        m_selected = 0;
        refresh();
    });
    connect(m_windowUnit, &QComboBox::currentIndexChanged, this, [this](int unit) {
        const QSignalBlocker block(m_windowSize);
        m_windowSize->setSingleStep(unit == Samples ? 100 : 1);
        m_windowSize->setValue(unit == Samples ? 500 : 1); // a count is no span
        m_selected = 0;
        refresh();
    });
    m_reference->addItem(tr("the training data (the model's test split)"), QString::fromLatin1(kTraining));
    m_reference->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_reference->setMinimumContentsLength(30);
    m_reference->setToolTip(tr("What every window is compared with: the production model's evaluation on the test split "
                               "of the data it was trained on, or one of its windows (e.g. a week known to be good)"));
    connect(m_reference, &QComboBox::currentIndexChanged, this, &MonitorPage::refresh);
    m_alpha->setRange(0.0001, 0.5);
    m_alpha->setDecimals(4);
    m_alpha->setSingleStep(0.01);
    m_alpha->setValue(0.05);
    m_alpha->setKeyboardTracking(false);
    m_alpha->setToolTip(tr("Significance: a window without drift raises an alert with at most this chance (α is "
                           "divided among the statistics tested, Bonferroni)"));
    connect(m_alpha, &QDoubleSpinBox::valueChanged, this, &MonitorPage::refresh);
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setShortcut(QKeySequence::Refresh);
    refreshButton->setToolTip(tr("Look for new samples now (F5); the page also looks every few seconds"));
    refreshButton->setFocusPolicy(Qt::NoFocus);
    connect(refreshButton, &QPushButton::clicked, this, &MonitorPage::refresh);
    auto *controls = new QHBoxLayout;
    controls->addWidget(buddyLabel(tr("&Window:"), m_windowSize, this));
    controls->addWidget(m_windowSize);
    controls->addWidget(m_windowUnit);
    controls->addSpacing(8);
    controls->addWidget(buddyLabel(tr("&Reference:"), m_reference, this));
    controls->addWidget(m_reference, 1);
    controls->addSpacing(8);
    controls->addWidget(buddyLabel(tr("&α:"), m_alpha, this));
    controls->addWidget(m_alpha);
    controls->addStretch();
    controls->addWidget(refreshButton);
    m_summary->setObjectName(QStringLiteral("monitorSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The series: drift and accuracy per window, or what to do when there is nothing to show.
    auto *plots = new QSplitter(Qt::Horizontal, this);
    plots->addWidget(m_drift);
    plots->addWidget(m_accuracy);
    plots->setStretchFactor(0, 3);
    plots->setStretchFactor(1, 2);
    plots->setChildrenCollapsible(false);
    m_message->setObjectName(QStringLiteral("monitorMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    QPalette grey = m_message->palette();
    grey.setColor(QPalette::WindowText, grey.color(QPalette::Disabled, QPalette::WindowText));
    m_message->setPalette(grey);
    m_stack->addWidget(plots);
    m_stack->addWidget(m_message);
    auto *top = new QWidget(this);
    top->setLayout(m_stack);
    connect(m_drift, &DriftPlot::pointActivated, this, [this](int window, DriftStatistic statistic) {
        selectWindow(window);
        openWindow(window, statistic);
    });
    connect(m_accuracy, &AccuracyPlot::windowClicked, this, &MonitorPage::selectWindow);

    // The alerts, the windows, the chosen window's statistics.
    m_alertTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_alertTable->setToolTip(tr("Enter or a double-click opens the alert's window in the Label page's queue, most "
                                "drifting samples first"));
    m_acknowledge->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_acknowledge->setToolTip(tr("Mark the selected alerts as seen, with your name and the time (Ctrl+K)"));
    m_acknowledgeAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_acknowledgeAll->setToolTip(tr("Mark every open alert as seen (Ctrl+Shift+K)"));
    m_openAlert->setToolTip(tr("The alert's window in the Label page's queue, most drifting first by its statistic (Enter)"));
    m_showAcknowledged->setChecked(true);
    m_showAcknowledged->setToolTip(tr("List the alerts seen before too (greyed)"));
    for (QPushButton *b : {m_acknowledge, m_acknowledgeAll, m_openAlert})
        b->setFocusPolicy(Qt::NoFocus);
    connect(m_acknowledge, &QPushButton::clicked, this, &MonitorPage::acknowledgeSelected);
    connect(m_acknowledgeAll, &QPushButton::clicked, this, &MonitorPage::acknowledgeAll);
    connect(m_openAlert, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_alertTable->currentIndex();
        if (current.isValid())
            openAlert(current.row());
    });
    connect(m_showAcknowledged, &QCheckBox::toggled, this, &MonitorPage::showAlertList);
    connect(m_alertTable, &QAbstractItemView::activated, this, [this](const QModelIndex &index) { openAlert(index.row()); });
    connect(m_alertTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndex current = m_alertTable->currentIndex();
        m_openAlert->setEnabled(current.isValid());
        m_acknowledge->setEnabled(m_alertTable->selectionModel()->hasSelection());
        if (!current.isValid())
            return;
        // The alert's window, when the series has it, shows below and in the plots.
        const MonitorAlert &a = m_alerts->alert(current.row());
        for (int n = 1; n <= m_snapshot.windowCount(); ++n) {
            const WindowReport *w = m_snapshot.window(n);
            if (a.modelId == m_snapshot.modelId && w->firstSampleId <= a.lastSampleId && w->lastSampleId >= a.firstSampleId) {
                selectWindow(n);
                break;
            }
        }
    });
    auto *alertButtons = new QHBoxLayout;
    alertButtons->addWidget(m_acknowledge);
    alertButtons->addWidget(m_acknowledgeAll);
    alertButtons->addWidget(m_openAlert);
    alertButtons->addStretch();
    alertButtons->addWidget(m_showAcknowledged);
    auto *alertsTab = new QWidget(this);
    auto *alertsLayout = new QVBoxLayout(alertsTab);
    alertsLayout->setContentsMargins(4, 4, 4, 4);
    alertsLayout->addLayout(alertButtons);
    alertsLayout->addWidget(m_alertTable, 1);

    m_windowTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_windowTable->setToolTip(tr("A click shows the window below and in the plots; Enter or a double-click opens its "
                                 "samples in the Label page's queue, most drifting first"));
    connect(m_windowTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            selectWindow(m_windows->windowNumber(current.row()));
    });
    connect(m_windowTable, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { openWindow(m_windows->windowNumber(index.row())); });
    m_statisticTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_statisticTable->setToolTip(tr("Enter or a double-click opens the window's samples in the Label page's queue, most "
                                    "drifting first by that statistic"));
    connect(m_statisticTable, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { openWindow(selectedWindow(), m_statistics->statistic(index.row())); });
    m_tabs->addTab(alertsTab, tr("&Alerts"));
    m_tabs->addTab(m_windowTable, tr("W&indows"));
    m_tabs->addTab(m_statisticTable, tr("&Statistics"));
    m_tabs->setTabToolTip(AlertsTab, tr("Every statistic that passed its threshold in a window (Alt+A)"));
    m_tabs->setTabToolTip(WindowsTab, tr("Every window, newest first (Alt+I)"));
    m_tabs->setTabToolTip(StatisticsTab, tr("The chosen window's eight statistics (Alt+S)"));

    // The chosen window against the reference.
    m_windowTitle->setObjectName(QStringLiteral("monitorWindowTitle"));
    m_windowTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_windowTitle->setWordWrap(true);
    m_openWindow->setToolTip(tr("This window's samples in the Label page's queue, most drifting first by its strongest "
                                "drift (Ctrl+Return)"));
    m_openWindow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_openWindow->setFocusPolicy(Qt::NoFocus);
    connect(m_openWindow, &QPushButton::clicked, this, [this] { openWindow(selectedWindow()); });
    m_latest->setToolTip(tr("Follow the latest window again"));
    m_latest->setFocusPolicy(Qt::NoFocus);
    connect(m_latest, &QPushButton::clicked, this, [this] { selectWindow(0); });
    auto *windowHeader = new QHBoxLayout;
    windowHeader->addWidget(m_windowTitle, 1);
    windowHeader->addWidget(m_latest);
    windowHeader->addWidget(m_openWindow);
    auto *windowBox = new QWidget(this);
    auto *windowLayout = new QVBoxLayout(windowBox);
    windowLayout->setContentsMargins(0, 0, 0, 0);
    windowLayout->addLayout(windowHeader);
    windowLayout->addWidget(m_distributions, 1);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_tabs);
    bottom->addWidget(windowBox);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    bottom->setChildrenCollapsible(false);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    m_hint->setObjectName(QStringLiteral("monitorHint"));
    m_hint->setEnabled(false);
    m_hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    layout->addWidget(m_hint);

    connect(&m_look, &QFutureWatcherBase::finished, this, &MonitorPage::onLooked);
    connect(&m_open, &QFutureWatcherBase::finished, this, &MonitorPage::onOpened);
    // New samples arrive at any time (the Sensor page, a watched folder, the API, the CLI).
    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_look.isRunning())
            refresh();
    });
    m_timer.start();
    if (m_context.jobs) // a promotion changes the model to monitor
        connect(m_context.jobs, &JobManager::jobFinished, this, &MonitorPage::refresh, Qt::QueuedConnection);
    showMessage(tr("Looking at the production samples…"));
    showSelectedWindow();
    showAlertList();
    refresh();
}

MonitorPage::~MonitorPage()
{
    if (m_cancel)
        m_cancel->cancel();
    m_look.waitForFinished();
    m_open.waitForFinished();
}

MonitorSeries::Spacing MonitorPage::windowSpacing() const
{
    const int unit = m_windowUnit->currentIndex();
    if (unit == Samples)
        return {m_windowSize->value(), 0};
    return {0, m_windowSize->value() * kUnitMs[unit]};
}

void MonitorPage::setWindowSpacing(MonitorSeries::Spacing spacing)
{
    {
        const QSignalBlocker blockSize(m_windowSize), blockUnit(m_windowUnit);
        const int unit = spacing.spanMs > 0 ? unitOf(spacing.spanMs) : int(Samples);
        const qint64 value = spacing.spanMs > 0 ? std::max<qint64>(1, spacing.spanMs / kUnitMs[unit]) : spacing.count;
        m_windowUnit->setCurrentIndex(unit);
        m_windowSize->setSingleStep(unit == Samples ? 100 : 1);
        m_windowSize->setValue(int(value));
    }
    m_selected = 0;
    refresh();
}

void MonitorPage::setReference(const QString &key)
{
    int index = m_reference->findData(key);
    if (index < 0) {
        m_reference->addItem(key, key);
        index = m_reference->count() - 1;
    }
    m_reference->setCurrentIndex(index);
}

QString MonitorPage::referenceChoice() const
{
    return m_reference->currentData().toString();
}

MonitorSettings MonitorPage::settings() const
{
    MonitorSettings s;
    s.spacing = windowSpacing();
    const QString reference = referenceChoice();
    if (reference != QLatin1String(kTraining))
        s.reference = ReferenceSpec::parse(reference);
    s.options.alpha = m_alpha->value();
    return s;
}

bool MonitorPage::isLooking() const
{
    return m_look.isRunning();
}

void MonitorPage::refresh()
{
    if (!m_context.workspace)
        return;
    const MonitorSettings wanted = settings();
    if (m_look.isRunning()) {
        // The newest choice wins: a look with other settings is called off.
        m_lookAgain = true;
        if (m_cancel && !m_running.sameAs(wanted))
            m_cancel->cancel();
        return;
    }
    m_lookAgain = false;
    m_cancel = std::make_shared<CancelFlag>();
    QSettings stored;
    stored.setValue(QStringLiteral("monitor/windowSize"), m_windowSize->value());
    stored.setValue(QStringLiteral("monitor/windowUnit"), m_windowUnit->currentIndex());
    m_look.setFuture(QtConcurrent::run([engine = m_engine, workspace = m_context.workspace, wanted, cancel = m_cancel] {
        try {
            MonitorSnapshot s = engine->look(*workspace, wanted, cancel.get());
            return s;
        } catch (const Cancelled &) {
            MonitorSnapshot s;
            s.cancelled = true;
            return s;
        }
    }));
    m_running = wanted;
}

void MonitorPage::onLooked()
{
    MonitorSnapshot s = m_look.result();
    const bool cancelled = s.cancelled;
    if (!cancelled) {
        const bool changed = !m_looked || s.signature != m_snapshot.signature || !m_lookedWith.sameAs(m_running);
        m_snapshot = std::move(s);
        m_lookedWith = m_running;
        m_looked = true;
        if (changed)
            showSnapshot();
        Q_EMIT alertsChanged(m_snapshot.unacknowledged);
        Q_EMIT looked();
    }
    if (m_lookAgain || cancelled)
        refresh();
}

void MonitorPage::showMessage(const QString &text)
{
    m_message->setText(text);
    m_stack->setCurrentIndex(MessageView);
}

QString MonitorPage::messageText() const
{
    return m_stack->currentIndex() == MessageView ? m_message->text() : QString();
}

QString MonitorPage::summaryText() const
{
    return m_summary->text();
}

void MonitorPage::hint(const QString &text)
{
    m_hint->setText(text);
    m_hint->setToolTip(text);
}

void MonitorPage::showSnapshot()
{
    const MonitorSnapshot &s = m_snapshot;
    const QLocale locale;
    const MonitorSeries::Spacing spacing = m_lookedWith.spacing;
    const QString size = spacingText(spacing);
    const qsizetype minimum = m_lookedWith.options.minimumSamples;
    switch (s.state) {
    case MonitorSnapshot::State::NoModel:
        m_summary->setText(tr("No production model."));
        showMessage(tr("There is no production model to monitor.\nTrain a model on the Train page and promote it on the "
                       "Models page (Ctrl+4): this page then compares what production sees with its training data."));
        break;
    case MonitorSnapshot::State::Failed:
        m_summary->setText(tr("The monitor cannot compare."));
        showMessage(tr("The production samples cannot be compared with the reference:\n%1").arg(s.error));
        break;
    case MonitorSnapshot::State::NoSamples:
        m_summary->setText(tr("Production model %1 · reference: %2").arg(s.modelText, s.reference.description));
        showMessage(tr("No production samples yet.\nFeed samples from the Sensor page, a watched folder or the API (status "
                       "bar): every input the production model answers is compared here with its training data."));
        break;
    case MonitorSnapshot::State::Ready: {
        QString accuracy;
        if (s.reference.profile && s.reference.profile->atc())
            accuracy = tr(", accuracy %1 %").arg(locale.toString(s.reference.profile->atc()->referenceAccuracy * 100, 'f', 1));
        QString windows;
        const qint64 filling = s.current ? s.current->samples : 0;
        if (s.windows.empty() && spacing.spanMs == 0)
            windows = tr("%1 of %2 samples for the first window: it is compared as it stands (tested from %3 samples).")
                          .arg(locale.toString(filling), locale.toString(spacing.count)).arg(minimum);
        else
            windows = tr("%1 samples in %n complete window(s) of %2", nullptr, int(s.windows.size()))
                          .arg(locale.toString(s.samples), size)
                      + (filling > 0 ? tr(" and %1 in the next").arg(locale.toString(filling)) : QString()) + u'.';
        const QString cost = s.secondsPerWindow > 0 ? tr(" %1 s per window.").arg(locale.toString(s.secondsPerWindow, 'f', 3)) : QString();
        m_summary->setText(tr("Production model %1 · reference: %2%3\n%4%5 Looked at %6.")
                               .arg(s.modelText, s.reference.description, accuracy, windows, cost,
                                    QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
        if (s.samples < minimum)
            showMessage(tr("%n production sample(s) so far: a window is tested from %1.\nFeed more from the Sensor page, a "
                           "watched folder or the API.", nullptr, int(s.samples)).arg(minimum));
        else
            m_stack->setCurrentIndex(PlotsView);
        break;
    }
    }
    m_windows->setWindows(s, spacing.spanMs > 0 ? 0 : spacing.count);
    m_drift->setSnapshot(s);
    m_accuracy->setSnapshot(s);
    updateReferenceChoices();
    showSelectedWindow();
    showAlertList();
}

void MonitorPage::updateReferenceChoices()
{
    // The training data, then every complete window (kept while chosen, even when the window
    // size changed since).
    const QString chosen = referenceChoice();
    QList<std::pair<QString, QString>> items{{tr("the training data (the model's test split)"), QString::fromLatin1(kTraining)}};
    for (size_t w = 0; w < m_snapshot.windows.size(); ++w) {
        const WindowReport &r = m_snapshot.windows[w];
        items.append({StatisticText::window(int(w + 1), r.firstSampleId, r.lastSampleId),
                      QStringLiteral("samples:%1-%2").arg(r.firstSampleId).arg(r.lastSampleId)});
    }
    if (std::none_of(items.begin(), items.end(), [&](const auto &item) { return item.second == chosen; }))
        items.append({tr("samples %1").arg(chosen.mid(8)), chosen});
    bool same = items.size() == m_reference->count();
    for (int i = 0; same && i < items.size(); ++i)
        same = m_reference->itemData(i).toString() == items[i].second && m_reference->itemText(i) == items[i].first;
    if (same)
        return;
    const QSignalBlocker block(m_reference);
    m_reference->clear();
    for (const auto &[text, key] : items)
        m_reference->addItem(text, key);
    m_reference->setCurrentIndex(std::max(0, m_reference->findData(chosen)));
    m_reference->setItemData(0, m_snapshot.reference.description, Qt::ToolTipRole);
}

int MonitorPage::latestWindow() const
{
    const int count = m_snapshot.windowCount();
    if (m_snapshot.current && m_snapshot.current->samples > 0 && !m_snapshot.current->tested && !m_snapshot.windows.empty())
        return count - 1; // the filling window says little until it is tested
    return count;
}

int MonitorPage::selectedWindow() const
{
    return m_selected > 0 && m_snapshot.window(m_selected) ? m_selected : latestWindow();
}

void MonitorPage::selectWindow(int number)
{
    if (number == m_selected)
        return;
    m_selected = number;
    showSelectedWindow();
}

void MonitorPage::showSelectedWindow()
{
    const int number = selectedWindow();
    const WindowReport *w = m_snapshot.window(number);
    m_drift->setSelectedWindow(w ? number : 0);
    m_accuracy->setSelectedWindow(w ? number : 0);
    m_statistics->setReport(w);
    m_distributions->setWindow(w, m_snapshot.reference.classNames);
    m_openWindow->setEnabled(w && w->samples > 0);
    m_latest->setEnabled(m_selected > 0 && number != latestWindow());
    m_tabs->setTabText(StatisticsTab, w ? tr("&Statistics of window %1").arg(number) : tr("&Statistics"));
    if (!w) {
        m_windowTitle->setText(tr("No window yet"));
    } else {
        QString verdict;
        if (!w->tested) {
            verdict = tr("not tested (fewer than %1 samples)").arg(m_lookedWith.options.minimumSamples);
        } else {
            QStringList drifting;
            for (const StatisticResult &s : w->statistics)
                if (s.alert)
                    drifting << StatisticText::name(s.statistic);
            int tested = 0;
            for (const StatisticResult &s : w->statistics)
                tested += s.tested;
            // A few names read at a glance; more are counted (the Statistics tab lists them).
            const QString which = drifting.size() <= 3 ? drifting.join(QStringLiteral(", "))
                                                       : tr("%1 of %2 statistics").arg(drifting.size()).arg(tested);
            verdict = drifting.isEmpty() ? tr("no drift") : tr("<b style=\"color:#b03a2e\">⚠ drift: %1</b>").arg(which);
        }
        const bool filling = number > int(m_snapshot.windows.size());
        m_windowTitle->setText(tr("<b>Window %1</b>%2 · samples %3–%4 · %5")
                                   .arg(number)
                                   .arg(filling ? tr(" (filling)") : QString())
                                   .arg(w->firstSampleId)
                                   .arg(w->lastSampleId)
                                   .arg(verdict));
        m_windowTitle->setToolTip(StatisticText::span(w->from, w->to));
    }
    const int row = m_windows->rowOfWindow(number);
    const QSignalBlocker block(m_windowTable->selectionModel());
    if (row >= 0)
        m_windowTable->selectionModel()->setCurrentIndex(m_windows->index(row, 0),
                                                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    else
        m_windowTable->clearSelection();
}

void MonitorPage::showAlertList()
{
    QSet<qint64> selected;
    for (const QModelIndex &index : m_alertTable->selectionModel()->selectedRows())
        selected.insert(m_alerts->alert(index.row()).id);
    const qint64 currentId = m_alertTable->currentIndex().isValid() ? m_alerts->alert(m_alertTable->currentIndex().row()).id : 0;
    QList<MonitorAlert> shown;
    for (const MonitorAlert &a : m_snapshot.alerts)
        if (m_showAcknowledged->isChecked() || !a.acknowledged())
            shown << a;
    {
        const QSignalBlocker block(m_alertTable->selectionModel()); // restoring is no new choice
        m_alerts->setAlerts(std::move(shown));
        QItemSelection selection;
        for (int row = 0; row < m_alerts->rowCount(); ++row)
            if (selected.contains(m_alerts->alert(row).id))
                selection.select(m_alerts->index(row, 0), m_alerts->index(row, AlertTableModel::ColumnCount - 1));
        m_alertTable->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
        if (const int row = m_alerts->rowOf(currentId); row >= 0)
            m_alertTable->selectionModel()->setCurrentIndex(m_alerts->index(row, 0), QItemSelectionModel::NoUpdate);
    }
    const qint64 open = m_snapshot.unacknowledged;
    m_tabs->setTabText(AlertsTab, open > 0 ? tr("&Alerts (%1)").arg(open) : tr("&Alerts"));
    m_acknowledge->setEnabled(m_alertTable->selectionModel()->hasSelection());
    m_acknowledgeAll->setEnabled(open > 0);
    m_openAlert->setEnabled(m_alertTable->currentIndex().isValid());
}

void MonitorPage::showAlerts()
{
    m_tabs->setCurrentIndex(AlertsTab);
    m_alertTable->setFocus();
}

void MonitorPage::acknowledgeSelected()
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_alertTable->selectionModel()->selectedRows())
        if (!m_alerts->alert(index.row()).acknowledged())
            ids << m_alerts->alert(index.row()).id;
    if (ids.isEmpty()) {
        hint(m_alertTable->selectionModel()->hasSelection() ? tr("These alerts were acknowledged before")
                                                            : tr("Select the alerts to acknowledge"));
        return;
    }
    acknowledge([ids](const AlertStore &) { return ids; }, [this](qsizetype count) {
        hint(count == 1 ? tr("Alert acknowledged") : tr("%1 alerts acknowledged").arg(count));
    });
}

void MonitorPage::acknowledgeAll()
{
    acknowledge(
        [](const AlertStore &store) {
            QList<qint64> ids;
            for (const MonitorAlert &a : store.list(true))
                ids << a.id;
            return ids;
        },
        [this](qsizetype count) {
            hint(count == 0 ? tr("No open alerts") : tr("%n alert(s) acknowledged", nullptr, int(count)));
        });
}

// A write: on the store thread, so that another process's lock cannot freeze the window.
void MonitorPage::acknowledge(std::function<QList<qint64>(const AlertStore &)> which,
                              std::function<void(qsizetype count)> done)
{
    struct Acknowledged {
        QList<MonitorAlert> alerts;
        qint64 unacknowledged = 0;
    };
    m_context.jobs->store().run(
        this,
        [workspace = m_context.workspace, which, who = LabelDecisions::defaultWho()] {
            const AlertStore store(*workspace);
            Acknowledged result;
            // Which alerts, and their acknowledgement, in one transaction.
            result.alerts = workspace->database().transaction([&] {
                QList<MonitorAlert> acknowledged;
                for (qint64 id : which(store))
                    acknowledged << store.acknowledge(id, who);
                return acknowledged;
            });
            result.unacknowledged = store.unacknowledgedCount();
            return result;
        },
        [this, done](const Acknowledged &result) {
            for (const MonitorAlert &a : result.alerts)
                for (MonitorAlert &shown : m_snapshot.alerts)
                    if (shown.id == a.id)
                        shown = a;
            m_snapshot.unacknowledged = result.unacknowledged;
            showAlertList();
            Q_EMIT alertsChanged(m_snapshot.unacknowledged);
            done(result.alerts.size());
        },
        [this](const QString &message) { hint(message); });
}

void MonitorPage::openWindow(int number, std::optional<DriftStatistic> statistic)
{
    const WindowReport *w = m_snapshot.window(number);
    if (!w || w->samples == 0 || !m_snapshot.reference.profile)
        return;
    const std::optional<DriftStatistic> by = statistic ? statistic : w->strongestDrift();
    const QString title = by ? tr("%1, most drifting first by %2")
                                   .arg(StatisticText::window(number, w->firstSampleId, w->lastSampleId), StatisticText::name(*by))
                             : tr("%1, newest first").arg(StatisticText::window(number, w->firstSampleId, w->lastSampleId));
    open(WindowRef{m_snapshot.modelId, w->from, w->to, w->firstSampleId, w->lastSampleId}, m_snapshot.reference,
         m_snapshot.reference.key, by, title);
}

void MonitorPage::openAlert(int row)
{
    if (row < 0 || row >= m_alerts->rowCount())
        return;
    const MonitorAlert &a = m_alerts->alert(row);
    std::optional<MonitorReference> reference;
    if (a.reference == m_snapshot.reference.key && a.modelId == m_snapshot.reference.modelId && m_snapshot.reference.profile)
        reference = m_snapshot.reference; // else read the one it was raised against
    const std::optional<DriftStatistic> statistic = driftStatisticFromKey(a.statistic);
    const QString title = tr("the window of alert %1 (samples %2–%3), most drifting first by %4")
                              .arg(a.id).arg(a.firstSampleId).arg(a.lastSampleId).arg(StatisticText::name(a.statistic));
    open(WindowRef{a.modelId, a.windowFrom, a.windowTo, a.firstSampleId, a.lastSampleId}, reference, a.reference, statistic, title);
}

void MonitorPage::open(const WindowRef &window, std::optional<MonitorReference> reference, const QString &referenceKey,
                       std::optional<DriftStatistic> statistic, const QString &title)
{
    if (m_open.isRunning()) {
        hint(tr("Still ordering the last window's samples…"));
        return;
    }
    hint(tr("Ordering the window's samples by drift…"));
    m_open.setFuture(QtConcurrent::run([workspace = m_context.workspace, window, reference, referenceKey, statistic, title,
                                        options = m_lookedWith.options] {
        Opened opened;
        opened.title = title;
        try {
            const MonitorReference r = reference ? *reference
                                                 : loadMonitorReference(*workspace, window.modelId,
                                                                        referenceSpecOfKey(referenceKey), options);
            opened.ids = windowIdsByDrift(*workspace, r, window, statistic, options);
        } catch (const Error &e) {
            opened.error = e.message();
        } catch (const std::exception &e) {
            opened.error = QString::fromLocal8Bit(e.what());
        }
        return opened;
    }));
}

void MonitorPage::onOpened()
{
    const Opened opened = m_open.result();
    if (!opened.error.isEmpty()) {
        hint(tr("The window's samples cannot be read: %1").arg(opened.error));
        return;
    }
    if (opened.ids.isEmpty()) {
        hint(tr("That window holds no samples any more"));
        return;
    }
    hint(QString());
    Q_EMIT this->opened(opened.ids, opened.title);
    if (m_context.showInLabelQueue)
        m_context.showInLabelQueue(opened.ids, opened.title);
}

} // namespace mlwb
