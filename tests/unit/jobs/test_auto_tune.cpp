// Auto-tune below the gate: which trials a search plans, and what running them leaves in the
// run queue, the runs and the registry.
#include "unit/learning/SyntheticData.h"

#include "common/Error.h"
#include "jobs/AutoTune.h"
#include "jobs/RunQueue.h"
#include "jobs/TrainJob.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/QueueStore.h"
#include "store/RunStore.h"

#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <set>
#include <tuple>

using namespace mlwb;

namespace {

using Combination = std::tuple<double, QString, int, int>;

Combination combinationOf(const TrainSettings &s)
{
    return {s.learningRate, s.optimizer, s.batchSize, s.epochs};
}

std::vector<Combination> combinationsOf(const std::vector<TrainSettings> &trials)
{
    std::vector<Combination> all;
    for (const TrainSettings &s : trials)
        all.push_back(combinationOf(s));
    return all;
}

QList<QueueEntry> pendingEntries(const Workspace &ws)
{
    QList<QueueEntry> pending;
    for (const QueueEntry &e : QueueStore(ws).list())
        if (isPending(e.state))
            pending << e;
    return pending;
}

} // namespace

class TestAutoTune : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    WorkspacePtr m_workspace;
    QString m_datasetId;

    // Two settings of a tiny network on data that no classifier fits perfectly; 1 epoch each.
    AutoTuneSettings tinySearch(int budget) const
    {
        AutoTuneSettings s;
        s.datasetRef = m_datasetId;
        s.base = testing::tinyTrainSettings(m_dir.path(), 1, 16, 1);
        s.base.learningRate = 0.002; // not in the space: no trial is skipped as the base's
        s.space = {{0.01, 0.003, 0.03}, {QStringLiteral("adam")}, {16}, {1}};
        s.strategy = AutoTuneSettings::Strategy::Grid;
        s.budgetTrials = budget;
        s.minMacroF1 = 1.0;
        return s;
    }

    void checkFinishedTrial(const AutoTuneJob::Trial &trial) const
    {
        const QueueEntry entry = QueueStore(*m_workspace).require(trial.queueEntryId);
        QCOMPARE(entry.state, QueueState::Done);
        QCOMPARE(entry.priority, 10);
        QCOMPARE(entry.runId, std::optional<qint64>(trial.runId));
        QCOMPARE(RunStore(*m_workspace).require(trial.runId).status, RunStatus::Finished);
        QVERIFY(trial.modelId);
        const ModelVersion model = ModelRegistry(*m_workspace).require(*trial.modelId);
        QCOMPARE(model.runId, std::optional<qint64>(trial.runId));
        QCOMPARE(trial.macroF1, model.macroF1);
        QCOMPARE(TrainSettings::fromJson(model.settings).learningRate, trial.settings.learningRate);
        QVERIFY(trial.finished);
        QVERIFY(trial.error.isEmpty());
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
        m_workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws%1").arg(++n)));
        // Two test images with the same pixels and different labels: macro-F1 1 is out of reach.
        Dataset data = *testing::syntheticShapes(24);
        const qsizetype pixels = data.imageBytes();
        const qsizetype a = 4, b = 9; // test images (every fifth) of classes 0 and 1
        QCOMPARE(data.subset(a), Subset::Test);
        QCOMPARE(data.subset(b), Subset::Test);
        QVERIFY(data.labels[size_t(a)] != data.labels[size_t(b)]);
        std::copy_n(data.pixels.begin() + a * pixels, pixels, data.pixels.begin() + b * pixels);
        m_datasetId = DatasetStore(*m_workspace).save(data, QStringLiteral("shapes"), QStringLiteral("test"),
                                                      QStringLiteral("memory"), 0.1, 42)
                          .version.id;
    }

    void gridRunsEveryCombinationInOrder()
    {
        AutoTuneSettings s;
        s.base.seed = 9;
        s.base.architecture = QStringLiteral("lite");
        s.space = {{0.1, 0.2}, {QStringLiteral("adam"), QStringLiteral("sgd")}, {8}, {1, 2}};
        s.strategy = AutoTuneSettings::Strategy::Grid;
        s.budgetTrials = 100;
        const std::vector<TrainSettings> all = planTrials(s);
        const auto adam = QStringLiteral("adam"), sgd = QStringLiteral("sgd");
        const std::vector<Combination> expected{{0.1, adam, 8, 1}, {0.1, adam, 8, 2}, {0.1, sgd, 8, 1}, {0.1, sgd, 8, 2},
                                                {0.2, adam, 8, 1}, {0.2, adam, 8, 2}, {0.2, sgd, 8, 1}, {0.2, sgd, 8, 2}};
        QCOMPARE(combinationsOf(all), expected);
        for (const TrainSettings &t : all) { // what the space does not vary is the base's
            QCOMPARE(t.seed, quint64(9));
            QCOMPARE(t.architecture, QStringLiteral("lite"));
        }
        s.budgetTrials = 3;
        QCOMPARE(combinationsOf(planTrials(s)), std::vector<Combination>(expected.begin(), expected.begin() + 3));

        // The default space: 4 × 2 × 3 × 3; the default base is one of them, and is skipped.
        AutoTuneSettings defaults;
        defaults.strategy = AutoTuneSettings::Strategy::Grid;
        defaults.budgetTrials = 1000;
        QCOMPARE(defaults.space.size(), qint64(72));
        const std::vector<TrainSettings> grid = planTrials(defaults);
        QCOMPARE(grid.size(), size_t(71));
        for (const TrainSettings &t : grid)
            QVERIFY(combinationOf(t) != combinationOf(defaults.base));
        defaults.skipBase = false;
        QCOMPARE(planTrials(defaults).size(), size_t(72));
    }

    void randomDrawsDistinctReproducibleCombinations()
    {
        AutoTuneSettings s; // the default space and base
        s.budgetTrials = 20;
        s.seed = 7;
        const std::vector<TrainSettings> drawn = planTrials(s);
        QCOMPARE(drawn.size(), size_t(20));
        const std::vector<Combination> combinations = combinationsOf(drawn);
        QCOMPARE(std::set<Combination>(combinations.begin(), combinations.end()).size(), size_t(20));
        for (const TrainSettings &t : drawn) {
            QVERIFY(s.space.learningRates.contains(t.learningRate));
            QVERIFY(s.space.optimizers.contains(t.optimizer));
            QVERIFY(s.space.batchSizes.contains(t.batchSize));
            QVERIFY(s.space.epochs.contains(t.epochs));
            QVERIFY(combinationOf(t) != combinationOf(s.base));
        }
        QCOMPARE(combinationsOf(planTrials(s)), combinations); // the same seed, the same draw
        s.seed = 8;
        QVERIFY(combinationsOf(planTrials(s)) != combinations);
        // Not the grid's order, but with the budget to spare the grid's combinations.
        s.budgetTrials = 1000;
        const std::vector<Combination> every = combinationsOf(planTrials(s));
        QCOMPARE(every.size(), size_t(71));
        s.strategy = AutoTuneSettings::Strategy::Grid;
        const std::vector<Combination> grid = combinationsOf(planTrials(s));
        QVERIFY(every != grid);
        QCOMPARE(std::set<Combination>(every.begin(), every.end()), std::set<Combination>(grid.begin(), grid.end()));
    }

    void spaceEdgesAndBadSettings()
    {
        AutoTuneSettings s;
        s.base.learningRate = 0.5;
        s.space = {{}, {}, {32, 32, 64}, {}}; // empty: the base's value; repeats count once
        s.skipBase = false;
        s.budgetTrials = 10;
        const std::vector<TrainSettings> trials = planTrials(s);
        QCOMPARE(trials.size(), size_t(2));
        for (const TrainSettings &t : trials)
            QCOMPARE(t.learningRate, 0.5);

        s.budgetTrials = 0;
        QVERIFY_THROWS_EXCEPTION(UsageError, planTrials(s));
        s.budgetTrials = 4;
        s.space.learningRates = {-1.0};
        try {
            planTrials(s);
            QFAIL("a negative learning rate was planned");
        } catch (const UsageError &e) {
            QVERIFY2(e.message().contains(u"learningRate"), qPrintable(e.message()));
        }
    }

    // Below an impossible gate the search spends its whole trial budget; each trial is a
    // finished queue entry with its run and its model, none promoted.
    void impossibleGateUsesTheTrialBudget()
    {
        AutoTuneJob job(m_workspace, tinySearch(2));
        QList<int> started, finished;
        connect(&job, &AutoTuneJob::trialStarted, this, [&](int n) { started << n; });
        connect(&job, &AutoTuneJob::trialFinished, this, [&](int n) { finished << n; });
        job.runHere();
        job.rethrowIfFailed();
        const AutoTuneJob::Result &r = job.result();
        QCOMPARE(r.stopReason, QStringLiteral("trial budget"));
        QVERIFY(!r.passed);
        QCOMPARE(r.trials.size(), 2);
        QCOMPARE(started, (QList<int>{1, 2}));
        QCOMPARE(finished, (QList<int>{1, 2}));
        for (const AutoTuneJob::Trial &t : r.trials) {
            checkFinishedTrial(t);
            QVERIFY(!t.passed);
            QVERIFY(t.macroF1 < 1.0);
            QVERIFY2(!t.gateFailures.isEmpty() && t.gateFailures.first().contains(u"macro-F1"),
                     qPrintable(t.gateFailures.join(u'\n')));
        }
        QCOMPARE(r.trials[0].settings.learningRate, 0.01);
        QCOMPARE(r.trials[1].settings.learningRate, 0.003);
        QVERIFY(r.best >= 0);
        QCOMPARE(r.trials[r.best].macroF1, std::max(r.trials[0].macroF1, r.trials[1].macroF1));
        QCOMPARE(QueueStore(*m_workspace).list().size(), 2);
        QVERIFY(!ModelRegistry(*m_workspace).production());
        QCOMPARE(job.trials().size(), 2);
    }

    void smallSpaceIsExhausted()
    {
        AutoTuneSettings s = tinySearch(5);
        s.space.learningRates = {0.01};
        AutoTuneJob job(m_workspace, s);
        job.runHere();
        job.rethrowIfFailed();
        QCOMPARE(job.result().stopReason, QStringLiteral("search space exhausted"));
        QCOMPARE(job.result().trials.size(), 1);

        // A space of the base's settings alone leaves nothing to try.
        s.space.learningRates = {s.base.learningRate};
        AutoTuneJob nothing(m_workspace, s);
        nothing.runHere();
        nothing.rethrowIfFailed();
        QCOMPARE(nothing.result().stopReason, QStringLiteral("search space exhausted"));
        QVERIFY(nothing.result().trials.isEmpty());
        QCOMPARE(QueueStore(*m_workspace).list().size(), 1);
    }

    // The first trial passes an easy gate: the search stops, and the entries of the trials it
    // did not start leave the queue.
    void easyGateStopsAfterTheFirstTrial()
    {
        AutoTuneSettings s = tinySearch(3);
        s.minMacroF1 = 0.0;
        AutoTuneJob job(m_workspace, s);
        job.runHere();
        job.rethrowIfFailed();
        const AutoTuneJob::Result &r = job.result();
        QCOMPARE(r.stopReason, QStringLiteral("passed"));
        QVERIFY(r.passed);
        QCOMPARE(r.trials.size(), 1);
        QCOMPARE(r.best, 0);
        QVERIFY(r.trials[0].passed);
        QVERIFY(r.trials[0].gateFailures.isEmpty());
        checkFinishedTrial(r.trials[0]);
        QCOMPARE(QueueStore(*m_workspace).list().size(), 1);
        QVERIFY(!ModelRegistry(*m_workspace).production()); // promoting is the user's decision
    }

    // Cancelled while its second trial trains: that run and entry end cancelled, the entries
    // not started are removed, and nothing is left waiting.
    void cancelLeavesNothingWaiting()
    {
        AutoTuneJob job(m_workspace, tinySearch(3));
        connect(&job, &Job::progress, this, [&job] {
            if (job.trials().size() == 2)
                job.cancel();
        }, Qt::DirectConnection);
        job.runHere();
        QVERIFY_THROWS_EXCEPTION(Cancelled, job.rethrowIfFailed());
        const AutoTuneJob::Result &r = job.result();
        QCOMPARE(r.stopReason, QStringLiteral("cancelled"));
        QCOMPARE(r.trials.size(), 2);
        checkFinishedTrial(r.trials[0]);
        const QueueStore queue(*m_workspace);
        QCOMPARE(queue.require(r.trials[1].queueEntryId).state, QueueState::Cancelled);
        QVERIFY(r.trials[1].runId > 0);
        QCOMPARE(RunStore(*m_workspace).require(r.trials[1].runId).status, RunStatus::Cancelled);
        QVERIFY(!r.trials[1].modelId);
        QVERIFY(pendingEntries(*m_workspace).isEmpty());
        QCOMPARE(queue.list().size(), 2);
    }

    // The window's queue runner took a trial's entry first: the search waits for it and
    // takes that run's model as the trial's.
    void entryTakenByAnotherRunnerIsWaitedFor()
    {
        AutoTuneSettings s = tinySearch(1);
        s.minMacroF1 = 0.0;
        AutoTuneJob job(m_workspace, s);
        std::unique_ptr<QThread> other;
        qint64 otherRun = 0;
        std::optional<qint64> otherModel;
        connect(&job, &AutoTuneJob::trialStarted, this, [&] {
            const QueueStore queue(*m_workspace);
            const qint64 id = job.trials().constLast().queueEntryId;
            const std::optional<QueueEntry> entry = queue.claim(id);
            QVERIFY(entry);
            other.reset(QThread::create([this, &otherRun, &otherModel, id, entry] {
                const QueueStore queue(*m_workspace);
                TrainJob train(m_workspace, trainParamsFor(*m_workspace, *entry));
                train.runHere();
                queue.attachRun(id, train.result().runId);
                queue.finish(id, train.succeededFlag() ? QueueState::Done : QueueState::Failed, train.errorMessage());
                otherRun = train.result().runId;
                otherModel = train.result().modelId;
            }));
            other->start();
        }, Qt::DirectConnection);
        job.runHere();
        QVERIFY(other);
        other->wait();
        job.rethrowIfFailed();
        const AutoTuneJob::Result &r = job.result();
        QCOMPARE(r.trials.size(), 1);
        QVERIFY(otherModel);
        QCOMPARE(r.trials[0].runId, otherRun);
        QCOMPARE(r.trials[0].modelId, otherModel);
        QVERIFY(r.trials[0].passed);
        QCOMPARE(r.stopReason, QStringLiteral("passed"));
        QCOMPARE(RunStore(*m_workspace).list().size(), 1); // the search trained nothing itself
    }
};

QTEST_GUILESS_MAIN(TestAutoTune)
#include "test_auto_tune.moc"
