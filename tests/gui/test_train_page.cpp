// The Train page against a real workspace: a tiny training started from the page draws the
// stored points, replots coalesced, and can be paused, resumed and cancelled.
#include "unit/learning/SyntheticData.h"

#include "data/Ingest.h"
#include "jobs/JobManager.h"
#include "jobs/TrainJob.h"
#include "store/DatasetStore.h"
#include "store/RunStore.h"
#include "training/InterruptedRunsBar.h"
#include "training/RunCurves.h"
#include "training/RunTableModel.h"
#include "training/TrainPage.h"
#include "training/TrainSettingsPanel.h"
#include "training/TrainingPlots.h"
#include "plots/PlotStyle.h"

#include <qcustomplot.h>

#include <QElapsedTimer>
#include <algorithm>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

class TestTrainPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<JobManager> m_jobs;
    AppContext m_context;
    QString m_datasetId;

    TrainSettings tinySettings(int epochs, int batchSize = 16) const
    {
        return testing::tinyTrainSettings(m_dir.path(), epochs, batchSize);
    }

    std::unique_ptr<TrainPage> makePage(const TrainSettings &settings)
    {
        auto page = std::make_unique<TrainPage>(m_context);
        page->settingsPanel()->setDataset(m_datasetId);
        page->settingsPanel()->setSettings(settings);
        page->resize(1200, 800);
        page->show();
        return page;
    }

    qint64 storedPoints(qint64 runId, const QString &name) const
    {
        return qint64(RunStore(*m_context.workspace).metrics(runId, name).size());
    }

    static bool waitForEnd(TrainPage &page, int timeoutMs = 120000)
    {
        QSignalSpy finished(&page, &TrainPage::trainingFinished);
        return page.currentJob() == nullptr || finished.wait(timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        static int n = 0;
        m_jobs = std::make_unique<JobManager>();
        m_context.workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws%1").arg(++n)));
        m_context.jobs = m_jobs.get();
        m_datasetId = DatasetStore(*m_context.workspace)
                          .save(*testing::syntheticShapes(50), QStringLiteral("shapes"), QStringLiteral("test"),
                                QStringLiteral("memory"), 0.1, 42)
                          .version.id;
    }

    void cleanup()
    {
        m_jobs.reset(); // cancels and waits for what still runs
        m_context = {};
    }

    void invalidSettingsStartNothing()
    {
        TrainSettings settings = tinySettings(1);
        settings.learningRate = 0; // refused by TrainSettings::validate
        auto page = makePage(settings);
        QVERIFY(!page->startTraining());
        QVERIFY(page->errorText().contains(QStringLiteral("learningRate")));
        QVERIFY(page->currentJob() == nullptr);
        QVERIFY(RunStore(*m_context.workspace).list().isEmpty());
    }

    void aRecipeFillsTheFormAndKeepsTheDataSet()
    {
        auto page = makePage(tinySettings(3));
        TrainSettingsPanel *panel = page->settingsPanel();
        QVERIFY(!panel->applyRecipe(QStringLiteral("no-such-recipe")));
        QCOMPARE(panel->settings().epochs, 3);
        QVERIFY(panel->applyRecipe(QStringLiteral("fast-99")));
        const TrainSettings s = panel->settings();
        QCOMPARE(s.architecture, QStringLiteral("lite"));
        QCOMPARE(s.epochs, 1);
        QCOMPARE(s.batchSize, 128);
        QCOMPARE(s.learningRate, 0.02);
        QCOMPARE(s.schedule, QStringLiteral("onecycle"));
        QCOMPARE(s.precision, QStringLiteral("auto"));
        QCOMPARE(panel->datasetId(), m_datasetId);
    }

    void trainingDrawsTheStoredPoints()
    {
        auto page = makePage(tinySettings(2));
        QCustomPlot *plot = page->plots()->lossPlot();
        QList<int> countsSeen; // loss points drawn at each replot
        connect(plot, &QCustomPlot::afterReplot, this, [&] {
            int points = 0;
            for (int i = 0; i < plot->graphCount(); ++i)
                points = std::max(points, plot->graph(i)->dataCount());
            countsSeen << points;
        });

        QVERIFY(page->startTraining());
        QVERIFY(page->currentJob() != nullptr);
        QVERIFY(waitForEnd(*page));
        const qint64 runId = page->currentRunId();
        QVERIFY(runId > 0);
        QCOMPARE(RunStore(*m_context.workspace).require(runId).status, RunStatus::Finished);
        QCoreApplication::processEvents(); // the queued replot

        const RunCurves *curves = page->plots()->curves(runId);
        QVERIFY(curves != nullptr);
        QVERIFY(!curves->following());
        const qint64 stored = storedPoints(runId, QStringLiteral("train_loss"));
        QVERIFY(stored > 0);
        QCOMPARE(qint64(curves->graphs().loss->dataCount()), stored);
        QCOMPARE(qint64(curves->graphs().lossSmoothed->dataCount()), stored);
        QCOMPARE(qint64(curves->graphs().learningRate->dataCount()), storedPoints(runId, QStringLiteral("lr")));
        QCOMPARE(curves->graphs().valAccuracy->dataCount(), 2); // one per epoch
        QCOMPARE(curves->graphs().valLoss->dataCount(), 2);
        // The plot holds exactly the stored values, in step order.
        const auto points = RunStore(*m_context.workspace).metrics(runId, QStringLiteral("train_loss"));
        for (size_t i = 0; i < points.size(); ++i) {
            QCOMPARE(curves->graphs().loss->data()->at(int(i))->key, double(points[i].step));
            QCOMPARE(curves->graphs().loss->data()->at(int(i))->value, points[i].value);
        }
        // It grew: some replot showed a part of the curve, and the counts never went down.
        QVERIFY(!countsSeen.isEmpty());
        QVERIFY(std::is_sorted(countsSeen.begin(), countsSeen.end()));
        QCOMPARE(qint64(countsSeen.last()), stored);

        // The finished run is listed with its model.
        RunTableModel *runs = page->runModel();
        const int row = runs->rowOf(runId);
        QVERIFY(row >= 0);
        QVERIFY(runs->checkedRuns().contains(runId));
        QCOMPARE(runs->data(runs->index(row, RunTableModel::Status), Qt::DisplayRole).toString(), QStringLiteral("finished"));
        QVERIFY(!runs->data(runs->index(row, RunTableModel::Model), Qt::DisplayRole).toString().isEmpty());
        QVERIFY(!runs->data(runs->index(row, RunTableModel::ValAccuracy), Qt::DisplayRole).toString().isEmpty());
    }

    void replotsAreCoalesced()
    {
        // Batches of 2: many more batches than 100 ms ticks.
        auto page = makePage(tinySettings(2, 2));
        int replots = 0;
        connect(page->plots()->lossPlot(), &QCustomPlot::afterReplot, this, [&] { ++replots; });
        QElapsedTimer timer;
        timer.start();
        QVERIFY(page->startTraining());
        QVERIFY(waitForEnd(*page));
        QCoreApplication::processEvents();
        const qint64 elapsedMs = timer.elapsed();
        const qint64 batches = storedPoints(page->currentRunId(), QStringLiteral("train_loss"));
        QVERIFY(batches >= 100);
        QVERIFY2(replots >= 1, "the curve was never drawn");
        // At most one replot per 100 ms tick, plus a few that do not come from the ticks: the
        // run's first showing, its restart when created, the final refresh, a partial tick.
        QVERIFY2(replots <= elapsedMs / 100 + 5, qPrintable(QStringLiteral("%1 replots in %2 ms").arg(replots).arg(elapsedMs)));
        QVERIFY2(replots < batches / 4, qPrintable(QStringLiteral("%1 replots for %2 batches").arg(replots).arg(batches)));
    }

    // Zooming a live plot keeps the user's view while points come in; a double-click
    // makes the plot follow the data again.
    void zoomStopsFollowingUntilDoubleClick()
    {
        auto page = makePage(tinySettings(1));
        QCustomPlot *plot = page->plots()->lossPlot();
        QVERIFY(page->startTraining());
        QVERIFY(waitForEnd(*page));
        QVERIFY(followsData(plot));
        const QCPRange fitted = plot->xAxis->range();

        const QPointF centre = plot->axisRect()->rect().center();
        QWheelEvent wheel(centre, plot->mapToGlobal(centre), {}, QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &wheel);
        QVERIFY(!followsData(plot));
        const QCPRange zoomed = plot->xAxis->range();
        QVERIFY(zoomed.size() < fitted.size());
        fitAxesToData(plot); // what every refresh tick does
        QCOMPARE(plot->xAxis->range().lower, zoomed.lower);
        QCOMPARE(plot->xAxis->range().upper, zoomed.upper);

        QTest::mouseDClick(plot, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
        QVERIFY(followsData(plot));
        QCOMPARE(plot->xAxis->range().lower, fitted.lower);
        QCOMPARE(plot->xAxis->range().upper, fitted.upper);
    }

    void cancelStopsTheRun()
    {
        auto page = makePage(tinySettings(200));
        QVERIFY(page->startTraining());
        QTRY_VERIFY_WITH_TIMEOUT(page->currentRunId() > 0 &&
                                     storedPoints(page->currentRunId(), QStringLiteral("train_loss")) > 0,
                                 60000);
        page->cancelTraining();
        QVERIFY(waitForEnd(*page));
        const RunRecord run = RunStore(*m_context.workspace).require(page->currentRunId());
        QCOMPARE(run.status, RunStatus::Cancelled);
        QVERIFY(run.epochsDone < 200);
        QVERIFY(page->currentJob() == nullptr);
    }

    void pauseHoldsAndResumeFinishes()
    {
        auto page = makePage(tinySettings(20));
        qint64 lastDone = -1;
        QVERIFY(page->startTraining());
        connect(page->currentJob(), &Job::progress, this, [&](qint64 done, qint64 total, const QString &) {
            if (total > 0)
                lastDone = done;
        });
        QTRY_VERIFY_WITH_TIMEOUT(page->currentRunId() > 0 &&
                                     storedPoints(page->currentRunId(), QStringLiteral("train_loss")) > 0,
                                 60000);
        const qint64 runId = page->currentRunId();
        page->setPaused(true);
        QVERIFY(page->isPaused());
        QTest::qWait(300); // the batch under way ends
        const qint64 heldAt = lastDone;
        QTest::qWait(800);
        QCOMPARE(lastDone, heldAt);
        QVERIFY(page->currentJob() != nullptr);
        QCOMPARE(RunStore(*m_context.workspace).require(runId).status, RunStatus::Running);
        // Meanwhile the plot shows the part of the curve stored so far.
        const qint64 storedWhilePaused = storedPoints(runId, QStringLiteral("train_loss"));
        QCOMPARE(qint64(page->plots()->curves(runId)->graphs().loss->dataCount()), storedWhilePaused);

        page->setPaused(false);
        QVERIFY(waitForEnd(*page));
        QVERIFY(lastDone > heldAt);
        QCOMPARE(RunStore(*m_context.workspace).require(runId).status, RunStatus::Finished);
        const qint64 storedAtEnd = storedPoints(runId, QStringLiteral("train_loss"));
        QVERIFY(storedAtEnd > storedWhilePaused); // the curve grew after the pause
        QCOMPARE(qint64(page->plots()->curves(runId)->graphs().loss->dataCount()), storedAtEnd);
    }

    void interruptedRunIsOfferedAndResumes()
    {
        // A run left 'running' by a process that died (nobody holds its lock).
        const RunStore runs(*m_context.workspace);
        const qint64 runId = runs.createRun(m_datasetId, tinySettings(1).architecture, tinySettings(1).toJson());
        runs.markRunning(runId);

        auto page = makePage(tinySettings(1));
        // The page recovers on its store thread.
        QTRY_COMPARE(page->interruptedRunsBar()->runs(), QList<qint64>{runId});
        QCOMPARE(runs.require(runId).status, RunStatus::Interrupted);
        QVERIFY(page->interruptedRunsBar()->isVisible());

        QVERIFY(page->resumeRun(runId));
        QVERIFY(page->interruptedRunsBar()->runs().isEmpty());
        QVERIFY(waitForEnd(*page));
        QCOMPARE(page->currentRunId(), runId);
        QCOMPARE(runs.require(runId).status, RunStatus::Finished);
        QCOMPARE(qint64(page->plots()->curves(runId)->graphs().loss->dataCount()),
                 storedPoints(runId, QStringLiteral("train_loss")));
    }
    // Not a check: renders the page during and after a short real MNIST run into
    // $MLWB_TRAIN_PAGE_SCREENSHOTS/train-page-{during,after}.png (skipped unless set).
    void screenshotsOfAnMnistRun()
    {
        const QString out = qEnvironmentVariable("MLWB_TRAIN_PAGE_SCREENSHOTS");
        const QString mnist = QDir::homePath() + QStringLiteral("/.cache/mlwb/data/mnist");
        if (out.isEmpty() || !QFileInfo::exists(mnist))
            QSKIP("set MLWB_TRAIN_PAGE_SCREENSHOTS (and have ~/.cache/mlwb/data/mnist) to render");
        const QString id = DatasetStore(*m_context.workspace)
                               .save(ingest(mnist), QStringLiteral("mnist"), QStringLiteral("idx"), mnist, 0.1, 42)
                               .version.id;
        TrainSettings settings;
        settings.architecture = QStringLiteral("lite");
        settings.epochs = 1;
        settings.batchSize = 64;
        settings.learningRate = 0.01;
        settings.schedule = QStringLiteral("onecycle");
        settings.threads = 1;
        auto page = makePage(tinySettings(1)); // an earlier run to overlay
        QVERIFY(page->startTraining());
        QVERIFY(waitForEnd(*page));
        page->settingsPanel()->reloadDatasets();
        page->settingsPanel()->setDataset(id);
        page->settingsPanel()->setSettings(settings);
        page->resize(1400, 900);
        QVERIFY(page->startTraining());
        QTRY_VERIFY_WITH_TIMEOUT(page->currentRunId() > 0 &&
                                     storedPoints(page->currentRunId(), QStringLiteral("train_loss")) > 300,
                                 300000);
        QTest::qWait(500);
        QVERIFY(page->grab().save(out + QStringLiteral("/train-page-during.png")));
        QVERIFY(waitForEnd(*page, 600000));
        QTest::qWait(300);
        QVERIFY(page->grab().save(out + QStringLiteral("/train-page-after.png")));
    }
};

QTEST_MAIN(TestTrainPage)
#include "test_train_page.moc"
