#include "common/Error.h"
#include "jobs/RunQueue.h"
#include "store/DatasetStore.h"
#include "store/QueueStore.h"
#include "store/RunLock.h"
#include "store/RunStore.h"
#include "store/Workspace.h"
#include "unit/learning/SyntheticData.h"
#include "unit/store/StoreFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace mlwb;
using mlwb::testing::storeTinyDataset;

class TestRunQueue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hyperParameterCombinations()
    {
        TrainSettings base;
        base.learningRate = 0.5;
        base.seed = 7;
        const auto all = expandHyperParameters(base, {{0.001, 0.01}, {64, 128}, {}});
        QCOMPARE(all.size(), size_t(4));
        std::set<std::pair<double, int>> seen;
        for (const TrainSettings &s : all) {
            seen.insert({s.learningRate, s.batchSize});
            QCOMPARE(s.epochs, base.epochs); // not on the grid: the base's value
            QCOMPARE(s.seed, base.seed);
        }
        QCOMPARE(seen.size(), size_t(4));
        QCOMPARE(all.front().learningRate, 0.001);
        QCOMPARE(expandHyperParameters(base, {}).size(), size_t(1));
    }

    void gridIsDatasetsTimesModelsTimesSettings()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const QString a = storeTinyDataset(*ws, QStringLiteral("a"), 0);
        storeTinyDataset(*ws, QStringLiteral("b"), 40);
        const auto settings = expandHyperParameters(TrainSettings{}, {{0.001, 0.01, 0.1}, {}, {}});
        const auto entries = queueGrid(*ws, {a.left(8), QStringLiteral("b")}, {QStringLiteral("cnn"), QStringLiteral("lite")},
                                       settings, 3);
        QCOMPARE(entries.size(), size_t(2 * 2 * 3));
        std::set<std::tuple<QString, QString, double>> combos;
        for (const NewQueueEntry &e : entries) {
            const TrainSettings s = TrainSettings::fromJson(e.settings);
            combos.insert({e.datasetId, s.architecture, s.learningRate});
            QCOMPARE(e.priority, 3);
        }
        QCOMPARE(combos.size(), entries.size());
        QCOMPARE(entries.front().datasetId, a); // the prefix resolved to the full id
        QCOMPARE(QueueStore(*ws).add(entries).size(), 12);
    }

    void badGridCellsNameTheProblem_data()
    {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown model") << "a" << "resnet9000" << 64 << "resnet9000";
        QTest::newRow("zero batch") << "a" << "cnn" << 0 << "batchSize";
        QTest::newRow("unknown data set") << "nope" << "cnn" << 64 << "nope";
    }

    void badGridCellsNameTheProblem()
    {
        QFETCH(QString, dataset);
        QFETCH(QString, model);
        QFETCH(int, batchSize);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        storeTinyDataset(*ws, QStringLiteral("a"), 0);
        try {
            queueGrid(*ws, {dataset}, {model}, expandHyperParameters(TrainSettings{}, {{}, {batchSize}, {}}), 0);
            QFAIL("a bad grid was accepted");
        } catch (const UsageError &e) {
            QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
        }
    }

    // A waiting entry whose run stopped part-way resumes that run; one without a run (or
    // whose run finished) starts a new one from its settings.
    void entriesResumeTheirStoppedRun()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const QString a = storeTinyDataset(*ws, QStringLiteral("a"), 0);
        TrainSettings settings;
        settings.architecture = QStringLiteral("lite");
        settings.epochs = 3;
        QueueEntry entry;
        entry.datasetId = a;
        entry.settings = settings.toJson();

        TrainJob::Params fresh = trainParamsFor(*ws, entry);
        QCOMPARE(fresh.resumeRunId, 0);
        QCOMPARE(fresh.datasetRef, a);
        QCOMPARE(fresh.settings, settings);

        const RunStore runs(*ws);
        entry.runId = runs.createRun(a, QStringLiteral("lite"), settings.toJson());
        runs.setStatus(*entry.runId, RunStatus::Interrupted);
        QCOMPARE(trainParamsFor(*ws, entry).resumeRunId, *entry.runId);
        runs.setStatus(*entry.runId, RunStatus::Finished);
        QCOMPARE(trainParamsFor(*ws, entry).resumeRunId, 0);
    }

    // The one runner's rules, as the window and `mlwb queue run` both run them: the claimed
    // entry gets its run attached, and ends done, or cancelled when its training is
    // cancelled (keeping its run, which can be resumed). The entry's lock goes with it.
    void queuedJobsEndTheirEntry()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.filePath(QStringLiteral("ws")));
        const QString shapes = DatasetStore(*ws)
                                   .save(*testing::syntheticShapes(12), QStringLiteral("shapes"), QStringLiteral("test"),
                                         QStringLiteral("memory"), 0.1, 42)
                                   .version.id;
        const QueueStore queue(*ws);
        const QList<qint64> ids = queue.add({{shapes, testing::tinyTrainSettings(dir.path(), 1).toJson(), 1},
                                             {shapes, testing::tinyTrainSettings(dir.path(), 1).toJson(), 0}});
        recoverQueue(*ws);

        std::optional<ClaimedEntry> claimed = claimNextEntry(*ws);
        QVERIFY(claimed);
        QCOMPARE(claimed->entry.id, ids[0]);
        {
            QueuedTrainJob job(ws, *claimed);
            job.runHere();
            QVERIFY2(job.succeededFlag(), qPrintable(job.errorMessage()));
            QCOMPARE(queueStateAfter(job), QueueState::Done);
        }
        QCOMPARE(queue.require(ids[0]).state, QueueState::Done);
        QVERIFY(queue.require(ids[0]).runId);
        QVERIFY(!QFileInfo::exists(RunLock::queueEntryLockPath(*ws, ids[0])));

        claimed = claimNextEntry(*ws);
        QVERIFY(claimed);
        QCOMPARE(claimed->entry.id, ids[1]);
        QVERIFY(QFileInfo::exists(RunLock::queueEntryLockPath(*ws, ids[1]))); // held while it runs
        {
            QueuedTrainJob job(ws, *claimed);
            job.cancel(); // Cancel in the window, Ctrl+C in `mlwb queue run`
            job.runHere();
            QCOMPARE(queueStateAfter(job), QueueState::Cancelled);
        }
        QCOMPARE(queue.require(ids[1]).state, QueueState::Cancelled);
        QVERIFY(!QFileInfo::exists(RunLock::queueEntryLockPath(*ws, ids[1])));
        QVERIFY(!claimNextEntry(*ws)); // a cancelled entry does not start again by itself
        QCOMPARE(queue.recoverStale(), 0);
    }

    // An entry this build cannot read ends failed and the runner goes on to the next.
    void unreadableEntriesFailAndTheNextRuns()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const QString a = storeTinyDataset(*ws, QStringLiteral("a"), 0);
        TrainSettings good;
        good.architecture = QStringLiteral("lite");
        const QueueStore queue(*ws);
        const QList<qint64> ids = queue.add({{a, QJsonObject{{QStringLiteral("epochs"), QStringLiteral("many")}}, 1},
                                             {a, good.toJson(), 0}});
        QList<qint64> unstartable;
        const std::optional<ClaimedEntry> claimed =
            claimNextEntry(*ws, [&](const QueueEntry &e, const QString &) { unstartable << e.id; });
        QCOMPARE(unstartable, QList<qint64>{ids[0]});
        QCOMPARE(queue.require(ids[0]).state, QueueState::Failed);
        QVERIFY(claimed);
        QCOMPARE(claimed->entry.id, ids[1]);
        queue.finish(ids[1], QueueState::Waiting);
    }
};

QTEST_GUILESS_MAIN(TestRunQueue)
#include "test_run_queue.moc"
