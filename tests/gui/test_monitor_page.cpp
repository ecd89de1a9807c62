// The Monitor page on a workspace with a tiny real model in production and production samples
// of held-back shapes through it (clean, or with heavy noise): the page's models show the
// windows and statistics the core computes (no alert for clean windows, alerts for a noisy
// one), real accuracy appears as labels arrive, the empty states say what to do, alerts are
// listed and acknowledged in the store and in the status bar, and an alert, a window or a
// point opens exactly that window's samples, most drifting first, in the Label page's queue.
#include "AppContext.h"
#include "MainWindow.h"
#include "jobs/JobManager.h"
#include "labeling/LabelDecisions.h"
#include "labeling/LabelPage.h"
#include "labeling/LabelQueueModel.h"
#include "models/ModelFiles.h"
#include "monitoring/AccuracyPlot.h"
#include "monitoring/AlertIndicator.h"
#include "monitoring/AlertTableModel.h"
#include "monitoring/DriftPlot.h"
#include "monitoring/MonitorPage.h"
#include "monitoring/StatisticTableModel.h"
#include "monitoring/WindowDistributions.h"
#include "monitoring/WindowTableModel.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "common/Log.h"
#include "unit/jobs/TinyModel.h"
#include "unit/monitoring/ClassifiedSamples.h"

#include <QComboBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

using namespace mlwb;

namespace {

const Gates kNoGates{0.0, 1'000'000'000, false};
const QDateTime kStart(QDate(2026, 5, 1), QTime(8, 0), Qt::UTC);
constexpr int kWait = 60000;

// Runs the event loop for a moment. Not QTest::qWait: it deletes deferred objects ahead of the
// queued calls posted before them, and the Evaluate page's queued jobFinished(Job *) handler
// would then meet a deleted job (the window's Evaluate page runs a job in these tests).
void spin(int ms = 20)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitUntil(const std::function<bool()> &condition)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > kWait)
            return false;
        spin();
    }
    return true;
}

QList<qint64> queueIds(const LabelPage &page)
{
    QList<qint64> ids;
    for (const LabelItem &item : page.queueModel()->items())
        ids << item.target.id;
    return ids;
}

} // namespace

class TestMonitorPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    AppContext m_context;
    JobManager m_jobs;
    qint64 m_model = 0;
    std::unique_ptr<Classifier> m_classifier;
    DatasetPtr m_heldBack;
    qint64 m_added = 0;

    const Workspace &ws() const { return *m_context.workspace; }

    // Held-back shapes first … first + count − 1 (noise σ added) through the production model,
    // stored as samples one second apart, as the core's monitor test makes them.
    QList<qint64> addSamples(qsizetype first, qsizetype count, double sigma = 0)
    {
        return SampleStore(ws()).add(
            testing::classifiedSamples(*m_heldBack, *m_classifier, m_model, first, count, sigma, kStart, m_added));
    }

    // Two clean windows of 100 samples, then a noisy one: what most tests look at.
    QList<qint64> addCleanCleanNoisy()
    {
        addSamples(0, 200);
        return addSamples(300, 100, 0.4);
    }

    // A page looking at windows of `count`, shown, after a look with that spacing that found
    // `windows` complete windows.
    std::unique_ptr<MonitorPage> openPage(qint64 count, int windows)
    {
        QSettings().setValue(QStringLiteral("monitor/windowSize"), count); // the first look already
        auto page = std::make_unique<MonitorPage>(m_context);
        page->resize(1200, 760);
        page->show();
        if (!waitForWindows(*page, windows))
            qFatal("the monitor did not find %d windows of %lld", windows, static_cast<long long>(count));
        return page;
    }

    static bool waitForWindows(MonitorPage &page, int windows)
    {
        return waitUntil([&] {
            return page.hasLooked() && !page.isLooking() && page.snapshot().state == MonitorSnapshot::State::Ready
                   && int(page.snapshot().windows.size()) == windows;
        });
    }

    // Waits for a look that starts after this call (not one already running).
    static bool waitForNextLook(MonitorPage &page)
    {
        waitUntil([&] { return !page.isLooking(); });
        QSignalSpy looked(&page, &MonitorPage::looked);
        page.refresh();
        return looked.wait(kWait);
    }

    static bool waitFor(QSignalSpy &spy)
    {
        if (!spy.isEmpty() || spy.wait(kWait)) {
            spy.clear();
            return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("mlwb-test"));
        QCoreApplication::setApplicationName(QStringLiteral("test_monitor_page"));
        QSettings().clear();
        initLogging(LogMode::Test);
        qputenv("USER", "tester");
        QVERIFY(m_dir.isValid());
        m_context.jobs = &m_jobs;
        m_context.workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws")));
        m_model = testing::trainTinyModel(m_context.workspace, m_dir.path(), 250, 2);
        ModelRegistry(ws()).promote(m_model, kNoGates);
        m_classifier = loadClassifier(m_context.workspace->absolute(ModelRegistry(ws()).require(m_model).path), 1);
        QVERIFY(m_classifier->embeddingSize() > 0);
        m_heldBack = testing::syntheticShapes(250, 28, 11);
    }

    void cleanupTestCase()
    {
        QSettings().clear();
        shutdownLogging();
    }

    // Every test starts without samples and alerts (the model and its evaluation stay).
    void init()
    {
        QSettings().clear();
        ws().database().exec(QStringLiteral("DELETE FROM monitor_alerts"));
        ws().database().exec(QStringLiteral("DELETE FROM production_samples"));
        m_added = 0;
        m_context.showInLabelQueue = {};
    }

    void emptyStatesSayWhatToDo()
    {
        {
            AppContext empty;
            empty.workspace = Workspace::open(m_dir.filePath(QStringLiteral("empty")));
            MonitorPage page(empty);
            QSignalSpy looked(&page, &MonitorPage::looked);
            QVERIFY(looked.wait(kWait));
            QCOMPARE(page.snapshot().state, MonitorSnapshot::State::NoModel);
            QVERIFY2(page.messageText().contains(QStringLiteral("no production model")), qPrintable(page.messageText()));
            QVERIFY(page.messageText().contains(QStringLiteral("promote")));
        }
        auto page = std::make_unique<MonitorPage>(m_context);
        QSignalSpy looked(page.get(), &MonitorPage::looked);
        QVERIFY(looked.wait(kWait));
        QCOMPARE(page->snapshot().state, MonitorSnapshot::State::NoSamples);
        QVERIFY2(page->messageText().contains(QStringLiteral("Feed samples from the Sensor page, a watched folder or the API")),
                 qPrintable(page->messageText()));

        // Fewer samples than a window: the filling window is compared as it stands.
        addSamples(0, 60);
        page->setWindowSpacing({500, 0});
        QVERIFY(waitUntil([&] { return page->snapshot().samples == 60 && !page->isLooking(); }));
        QVERIFY2(page->messageText().isEmpty(), qPrintable(page->messageText()));
        QVERIFY2(page->summaryText().contains(QStringLiteral("60 of 500 samples for the first window")), qPrintable(page->summaryText()));
        QCOMPARE(page->windowModel()->rowCount(), 1);
        QVERIFY(page->windowModel()->isFilling(0));
        QVERIFY(page->windowModel()->report(0).tested);
        QCOMPARE(page->selectedWindow(), 1);
    }

    void windowsAndStatisticsAreTheCoresOnes()
    {
        const QList<qint64> noisy = addCleanCleanNoisy();
        auto page = openPage(100, 3);
        const MonitorSnapshot &s = page->snapshot();
        QVERIFY(!s.current);
        QCOMPARE(s.samples, 300);

        // The same windows as the core's series gives.
        const MonitorReference reference = loadMonitorReference(ws(), m_model, {});
        MonitorSeries series(reference, {100, 0});
        series.update(ws());
        QCOMPARE(series.windows().size(), size_t(3));
        WindowTableModel *windows = page->windowModel();
        QCOMPARE(windows->rowCount(), 3);
        for (int row = 0; row < 3; ++row) { // newest first
            const WindowReport &shown = windows->report(row);
            const WindowReport &core = series.windows()[size_t(2 - row)];
            QCOMPARE(windows->windowNumber(row), 3 - row);
            QCOMPARE(shown.firstSampleId, core.firstSampleId);
            QCOMPARE(shown.lastSampleId, core.lastSampleId);
            for (size_t k = 0; k < core.statistics.size(); ++k)
                QCOMPARE(shown.statistics[k].pValue, core.statistics[k].pValue);
        }
        QVERIFY(!windows->report(2).hasAlert());
        QVERIFY(!windows->report(1).hasAlert());
        QVERIFY(windows->report(0).hasAlert());
        QCOMPARE(windows->report(0).firstSampleId, noisy.first());
        QCOMPARE(windows->index(2, WindowTableModel::Alerts).data().toString(), QStringLiteral("none"));
        QVERIFY(windows->index(0, WindowTableModel::Alerts).data().toString() != QStringLiteral("none"));

        // The plots: a point per window and statistic tested, the threshold, the ringed alerts.
        const WindowReport &third = series.windows()[2];
        for (DriftStatistic statistic : allDriftStatistics()) {
            QCPGraph *graph = page->driftPlot()->graph(statistic);
            QCOMPARE(graph->dataCount(), 3);
            QCOMPARE(graph->data()->at(2)->value, std::max(third.result(statistic).pValue, DriftPlot::kFloor));
        }
        int alerting = 0;
        for (const StatisticResult &r : third.statistics)
            alerting += r.alert;
        QCOMPARE(page->driftPlot()->alertPointCount(), alerting);
        QVERIFY(page->driftPlot()->thresholdGraph()->dataCount() > 0);
        QCOMPARE(page->driftPlot()->thresholdGraph()->data()->at(1)->value, third.threshold);
        QCOMPARE(page->accuracyPlot()->estimatedGraph()->dataCount(), 3);
        QCOMPARE(page->accuracyPlot()->realGraph()->dataCount(), 0); // nothing labeled yet

        // The latest window below: its eight statistics, its classes and confidence against the reference.
        QCOMPARE(page->selectedWindow(), 3);
        StatisticTableModel *statistics = page->statisticModel();
        QCOMPARE(statistics->rowCount(), int(allDriftStatistics().size()));
        for (int row = 0; row < statistics->rowCount(); ++row) {
            const StatisticResult &r = third.result(statistics->statistic(row));
            QCOMPARE(statistics->index(row, StatisticTableModel::Verdict).data().toString().contains(QStringLiteral("⚠")), r.alert);
            QCOMPARE(statistics->index(row, StatisticTableModel::PValue).data().toString().isEmpty(), !r.tested);
        }
        const double classShares = std::accumulate(page->distributions()->windowClassBars()->data()->begin(),
                                                   page->distributions()->windowClassBars()->data()->end(), 0.0,
                                                   [](double sum, const QCPBarsData &bar) { return sum + bar.value; });
        QVERIFY(std::abs(classShares - 1.0) < 1e-9);
        QCOMPARE(page->distributions()->windowConfidenceBars()->dataCount(), DriftOptions{}.histogramBins);
        page->selectWindow(1);
        for (int row = 0; row < statistics->rowCount(); ++row)
            QVERIFY(!statistics->index(row, StatisticTableModel::Verdict).data().toString().contains(QStringLiteral("⚠")));

        // Labels arrive: the real accuracy of window 1 shows next to its estimate.
        for (int i = 0; i < 50; ++i)
            SampleStore(ws()).setLabel(windows->report(2).firstSampleId + i, int(m_heldBack->labels[size_t(i)]), false,
                                       QStringLiteral("tester"));
        QVERIFY(waitForNextLook(*page));
        QCOMPARE(page->accuracyPlot()->realGraph()->dataCount(), 1);
        QCOMPARE(page->windowModel()->report(2).labeled.labeled, 50);
        QVERIFY(page->windowModel()->index(2, WindowTableModel::RealAccuracy).data().toString().contains(QStringLiteral("50 labeled")));

        // New samples are read as they come: a fourth (clean) window appears without a refresh.
        addSamples(200, 100);
        QVERIFY(waitForWindows(*page, 4));
        QVERIFY(!page->windowModel()->report(0).hasAlert());

        // A window as the reference: it is offered once complete, and then every window is
        // compared with it (itself without drift, the noisy one still drifting).
        const WindowReport &first = page->snapshot().windows[0];
        const QString key = QStringLiteral("samples:%1-%2").arg(first.firstSampleId).arg(first.lastSampleId);
        page->setReference(key);
        QCOMPARE(page->referenceChoice(), key);
        QVERIFY(waitUntil([&] { return !page->isLooking() && page->snapshot().reference.key == key; }));
        QVERIFY(waitForWindows(*page, 4));
        QVERIFY(!page->snapshot().windows[0].hasAlert());
        QVERIFY(page->snapshot().windows[2].hasAlert());
        QVERIFY(page->summaryText().contains(QStringLiteral("production samples")));
    }

    void alertsAreListedAndAcknowledged()
    {
        const QList<qint64> noisy = addCleanCleanNoisy();
        QWidget statusBar; // never shown: a parent, so that the indicator is no window of its own
        AlertIndicator &indicator = *new AlertIndicator(&statusBar);
        QSettings().setValue(QStringLiteral("monitor/windowSize"), 100);
        auto page = std::make_unique<MonitorPage>(m_context);
        connect(page.get(), &MonitorPage::alertsChanged, &indicator, &AlertIndicator::setCount);
        page->resize(1200, 760);
        page->show();
        page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(page.get())); // for the page's shortcuts
        QVERIFY(waitForWindows(*page, 3));

        // Stored once, for the noisy window only.
        const AlertStore store(ws());
        const QList<MonitorAlert> stored = store.list();
        QVERIFY(!stored.isEmpty());
        for (const MonitorAlert &a : stored) {
            QCOMPARE(a.firstSampleId, noisy.first());
            QCOMPARE(a.lastSampleId, noisy.last());
            QCOMPARE(a.modelId, m_model);
        }
        AlertTableModel *alerts = page->alertModel();
        QCOMPARE(alerts->rowCount(), stored.size());
        QCOMPARE(indicator.count(), stored.size());
        QVERIFY(!indicator.isHidden());
        QCOMPARE(indicator.text(), stored.size() == 1 ? QStringLiteral("⚠ 1 alert") : QStringLiteral("⚠ %1 alerts").arg(stored.size()));
        QCOMPARE(alerts->index(0, AlertTableModel::Acknowledged).data().toString(), QStringLiteral("open"));
        QVERIFY(waitForNextLook(*page)); // looking again records nothing twice
        QCOMPARE(store.list().size(), stored.size());

        // Acknowledge the selected one (Ctrl+K), then all.
        page->alertTable()->selectRow(0);
        const qint64 first = alerts->alert(0).id;
        QTest::keyClick(page.get(), Qt::Key_K, Qt::ControlModifier);
        QVERIFY(waitUntil([&] { return store.unacknowledgedCount() < stored.size(); })); // a shortcut clicks a moment later
        const std::optional<MonitorAlert> acknowledged = store.alert(first);
        QVERIFY(acknowledged && acknowledged->acknowledged());
        QCOMPARE(acknowledged->acknowledgedBy, LabelDecisions::defaultWho());
        QCOMPARE(store.unacknowledgedCount(), stored.size() - 1);
        QTRY_COMPARE(indicator.count(), stored.size() - 1); // the page hears back from its store thread
        QVERIFY(alerts->index(alerts->rowOf(first), AlertTableModel::Acknowledged).data().toString().startsWith(QStringLiteral("tester")));
        page->acknowledgeAll();
        QTRY_COMPARE(store.unacknowledgedCount(), 0);
        QTRY_COMPARE(indicator.count(), 0);
        QVERIFY(indicator.isHidden());
        QCOMPARE(alerts->rowCount(), stored.size()); // still listed, greyed
        QVERIFY(waitForNextLook(*page)); // the store stays as acknowledged
        QCOMPARE(indicator.count(), 0);
    }

    void alertOpensItsWindowInTheLabelQueue()
    {
        const QList<qint64> noisy = addCleanCleanNoisy();
        LabelPage labelPage(m_context);
        QSignalSpy loaded(&labelPage, &LabelPage::queueLoaded);
        QVERIFY(waitFor(loaded)); // its own queue first
        QList<qint64> sent;
        QString sentTitle;
        m_context.showInLabelQueue = [&](const QList<qint64> &ids, const QString &title) {
            sent = ids;
            sentTitle = title;
            labelPage.showSamples(ids, title);
        };
        auto page = openPage(100, 3);
        QVERIFY(page->alertModel()->rowCount() > 0);

        // What the core orders for that window and the alert's statistic.
        const MonitorAlert alert = page->alertModel()->alert(0);
        const MonitorReference reference = loadMonitorReference(ws(), m_model, {});
        const MonitorCheck check = runMonitorCheck(ws(), reference, WindowSpec{0, alert.windowFrom, alert.windowTo}, DriftOptions{}, false);
        const std::vector<qint64> order = check.report.idsByDrift(driftStatisticFromKey(alert.statistic));
        const QList<qint64> expected(order.begin(), order.end());
        QCOMPARE(expected.size(), noisy.size());

        // Enter on the alert.
        page->alertTable()->setFocus();
        page->alertTable()->setCurrentIndex(page->alertModel()->index(0, 0));
        QTest::keyClick(page->alertTable(), Qt::Key_Return);
        QVERIFY(waitUntil([&] { return !sent.isEmpty(); }));
        QCOMPARE(sent, expected);
        QVERIFY2(sentTitle.contains(QStringLiteral("most drifting first")), qPrintable(sentTitle));
        QVERIFY(waitFor(loaded));
        QCOMPARE(queueIds(labelPage), expected);
        QVERIFY(labelPage.isShowingSamples());
        QVERIFY2(labelPage.samplesText().startsWith(QStringLiteral("Showing 100 samples of the window of alert")),
                 qPrintable(labelPage.samplesText()));
        QVERIFY(!labelPage.orderBox()->isEnabled());
        labelPage.labelCurrent(1); // labels the most drifting one and moves on in the list
        QTRY_COMPARE(labelPage.decisions().pending(), 0); // written on the store thread
        QCOMPARE(SampleStore(ws()).sample(expected[0])->label, 1);
        QCOMPARE(labelPage.currentItem()->target.id, expected[1]);

        // A click on a point of the drift plot: that window by that statistic (one whose point
        // at window 3 stands apart from the others).
        sent.clear();
        QCustomPlot *plot = page->driftPlot()->plot();
        plot->replot();
        const auto pixelAt3 = [&](DriftStatistic s) {
            const QCPGraph *g = page->driftPlot()->graph(s);
            return g->coordsToPixels(g->data()->at(2)->key, g->data()->at(2)->value);
        };
        std::optional<DriftStatistic> clicked;
        for (DriftStatistic s : allDriftStatistics()) {
            const bool apart = std::all_of(allDriftStatistics().begin(), allDriftStatistics().end(), [&](DriftStatistic other) {
                return other == s || QLineF(pixelAt3(s), pixelAt3(other)).length() > 12;
            });
            if (apart && !clicked)
                clicked = s;
        }
        QVERIFY(clicked);
        page->selectWindow(1);
        QTest::mouseClick(plot, Qt::LeftButton, {}, pixelAt3(*clicked).toPoint());
        QVERIFY(waitUntil([&] { return !sent.isEmpty(); }));
        QCOMPARE(page->selectedWindow(), 3);
        const std::vector<qint64> byStatistic = check.report.idsByDrift(*clicked);
        QCOMPARE(sent, QList<qint64>(byStatistic.begin(), byStatistic.end()));
        QVERIFY(waitFor(loaded));
        QVERIFY2(sentTitle.startsWith(QStringLiteral("window 3 (samples")), qPrintable(sentTitle));

        // A clean window opens too; its samples, not the noisy ones.
        sent.clear();
        page->openWindow(1);
        QVERIFY(waitUntil([&] { return !sent.isEmpty(); }));
        QCOMPARE(sent.size(), 100);
        QVERIFY(*std::max_element(sent.begin(), sent.end()) < noisy.first());
        QVERIFY(waitFor(loaded));
        QCOMPARE(queueIds(labelPage), sent);

        // Back to the ordinary queue: every unlabeled sample, the filters usable again.
        labelPage.showQueue();
        QVERIFY(waitFor(loaded));
        QVERIFY(!labelPage.isShowingSamples());
        QVERIFY(labelPage.samplesText().isEmpty());
        QVERIFY(labelPage.orderBox()->isEnabled());
        QCOMPARE(labelPage.queueModel()->remaining(), 299);
    }

    // The window: the status bar's indicator opens the Monitor page, an alert opens the Label page.
    void mainWindowLinksTheStatusBarAndTheLabelPage()
    {
        addCleanCleanNoisy();
        QSettings().setValue(QStringLiteral("monitor/windowSize"), 100);
        MainWindow window(ws().root());
        window.show();
        auto *monitor = qobject_cast<MonitorPage *>(window.pages()->widget(6));
        QVERIFY(monitor);
        QVERIFY(waitForWindows(*monitor, 3));
        AlertIndicator *indicator = window.alertIndicator();
        QVERIFY(waitUntil([&] { return indicator->count() > 0; }));
        QVERIFY(indicator->isVisible());
        window.setCurrentPage(0);
        indicator->click();
        QCOMPARE(window.currentPage(), 6);

        auto *label = qobject_cast<LabelPage *>(window.pages()->widget(5));
        QVERIFY(label);
        QSignalSpy opened(monitor, &MonitorPage::opened);
        monitor->openAlert(0);
        QVERIFY(opened.wait(kWait));
        QCOMPARE(window.currentPage(), 5);
        QVERIFY(label->isShowingSamples());
        const QList<qint64> ids = opened.first().first().value<QList<qint64>>();
        QVERIFY(waitUntil([&] { return queueIds(*label) == ids; }));
        monitor->acknowledgeAll();
        QTRY_COMPARE(indicator->count(), 0);
        QVERIFY(indicator->isHidden());
        QSettings().remove(QStringLiteral("monitor/windowSize"));
    }
};

QTEST_MAIN(TestMonitorPage)
#include "test_monitor_page.moc"
