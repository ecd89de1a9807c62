#include "common/Error.h"
#include "jobs/RunQueue.h"
#include "store/DatasetStore.h"
#include "store/QueueStore.h"
#include "store/RunStore.h"
#include "store/Workspace.h"
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
};

QTEST_GUILESS_MAIN(TestRunQueue)
#include "test_run_queue.moc"
