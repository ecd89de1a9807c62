// The training job as the CLI and the GUI use it: what it records in the workspace.
#include "unit/learning/SyntheticData.h"

#include "common/Error.h"
#include "data/Splits.h"
#include "jobs/EvaluateJob.h"
#include "jobs/TrainJob.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/RunStore.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

class TestTrainJob : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    WorkspacePtr m_workspace;
    QString m_datasetId;

    TrainSettings tinySettings(int epochs) const { return testing::tinyTrainSettings(m_dir.path(), epochs, 16, 2); }

    qint64 steps(int epochs) const
    {
        const auto data = DatasetStore(*m_workspace).load(m_datasetId);
        const qint64 train = qint64(makeSplits(*data, 0.1, 42).train.size());
        return epochs * ((train + 15) / 16);
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
        m_datasetId = DatasetStore(*m_workspace).save(*testing::syntheticShapes(40), QStringLiteral("shapes"),
                                                      QStringLiteral("test"), QStringLiteral("memory"), 0.1, 42)
                          .version.id;
    }

    void recordsRunCurvesAndModel()
    {
        TrainJob job(m_workspace, {m_datasetId, tinySettings(2), 0});
        job.runHere();
        job.rethrowIfFailed();
        const auto &result = job.result();
        QVERIFY(result.modelId.has_value());

        const RunRecord run = RunStore(*m_workspace).require(result.runId);
        QCOMPARE(run.status, RunStatus::Finished);
        QCOMPARE(run.epochsDone, 2);
        QCOMPARE(run.modelId, result.modelId);
        const RunStore runs(*m_workspace);
        QCOMPARE(qint64(runs.metrics(run.id, QStringLiteral("train_loss")).size()), steps(2));
        QCOMPARE(runs.metrics(run.id, QStringLiteral("val_accuracy")).size(), size_t(2));

        const ModelVersion model = ModelRegistry(*m_workspace).require(*result.modelId);
        QCOMPARE(model.runId, std::optional<qint64>(run.id));
        QCOMPARE(model.datasetId, m_datasetId);
        QVERIFY(model.macroF1 > 0.5); // four easy shapes
        QVERIFY(QFileInfo::exists(m_workspace->absolute(model.path) + QStringLiteral("/weights.pt")));
        QVERIFY(QFileInfo::exists(m_workspace->runDir(run.id) + QStringLiteral("/evaluation.json")));

        // Training stored the evaluation: opening it reads the store, with every test sample's
        // probabilities and embedding, and the numbers the model was registered with.
        EvaluationRequest request;
        request.modelId = *result.modelId;
        request.threads = 2;
        EvaluateJob stored(m_workspace, request);
        stored.runHere();
        stored.rethrowIfFailed();
        const OpenedEvaluation &opened = stored.result().opened;
        QVERIFY(!opened.computed);
        QCOMPARE(opened.record.datasetId, m_datasetId);
        QCOMPARE(opened.samples->report.macroF1, model.macroF1);
        QCOMPARE(opened.samples->size(), qint64(testIndices(*opened.data).size()));
        QVERIFY(opened.samples->embeddingSize > 0);
        QCOMPARE(opened.samples->embeddings.size(), size_t(opened.samples->size() * opened.samples->embeddingSize));
        QVERIFY(opened.record.summary.value(QStringLiteral("latencyMs")).toObject().contains(QStringLiteral("p99")));

        // Running the model again gives the same numbers; robustness is stored once computed.
        request.recompute = true;
        request.robustness = true;
        EvaluateJob again(m_workspace, request);
        again.runHere();
        again.rethrowIfFailed();
        QVERIFY(again.result().opened.computed);
        QCOMPARE(again.result().opened.samples->report.macroF1, model.macroF1);
        QCOMPARE(again.result().opened.samples->probabilities, opened.samples->probabilities);
        QCOMPARE(EvaluationStore(*m_workspace).find(model.id, m_datasetId)->summary.value(QStringLiteral("robustness")).toArray().size(), 5);
    }

    void unknownArchitectureLeavesNoRun()
    {
        TrainSettings s = tinySettings(1);
        s.architecture = QStringLiteral("nosuch");
        TrainJob job(m_workspace, {m_datasetId, s, 0});
        job.runHere();
        QVERIFY_THROWS_EXCEPTION(UsageError, job.rethrowIfFailed());
        QVERIFY(RunStore(*m_workspace).list().isEmpty());
    }

    void unknownDataSetLeavesNoRun()
    {
        TrainJob job(m_workspace, {QStringLiteral("nosuchdata"), tinySettings(1), 0});
        job.runHere();
        QVERIFY_THROWS_EXCEPTION(UsageError, job.rethrowIfFailed());
        QVERIFY(RunStore(*m_workspace).list().isEmpty());
    }

    void cancelledRunResumesToTheSameEnd()
    {
        // Cancel as soon as the first epoch is checkpointed, then resume.
        TrainJob first(m_workspace, {m_datasetId, tinySettings(3), 0});
        connect(&first, &TrainJob::epochFinished, &first, [&first] { first.cancel(); }, Qt::DirectConnection);
        first.runHere();
        QVERIFY_THROWS_EXCEPTION(Cancelled, first.rethrowIfFailed());
        const qint64 runId = first.result().runId;
        RunStore runs(*m_workspace);
        QCOMPARE(runs.require(runId).status, RunStatus::Cancelled);
        QVERIFY(ModelRegistry(*m_workspace).list().isEmpty());

        TrainJob resumed(m_workspace, {{}, {}, runId});
        resumed.runHere();
        resumed.rethrowIfFailed();
        QCOMPARE(resumed.result().runId, runId);
        QCOMPARE(runs.require(runId).status, RunStatus::Finished);
        QCOMPARE(runs.require(runId).epochsDone, 3);
        // The curve has each step once: the part after the checkpoint was not doubled.
        QCOMPARE(qint64(runs.metrics(runId, QStringLiteral("train_loss")).size()), steps(3));

        // The same settings uninterrupted end with the same metrics.
        TrainJob straight(m_workspace, {m_datasetId, tinySettings(3), 0});
        straight.runHere();
        straight.rethrowIfFailed();
        const auto a = runs.metrics(runId, QStringLiteral("val_loss"));
        const auto b = runs.metrics(straight.result().runId, QStringLiteral("val_loss"));
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i)
            QCOMPARE(a[i].value, b[i].value);
    }

    void resumingAFinishedRunIsRefused()
    {
        TrainJob job(m_workspace, {m_datasetId, tinySettings(1), 0});
        job.runHere();
        job.rethrowIfFailed();
        TrainJob again(m_workspace, {{}, {}, job.result().runId});
        again.runHere();
        QVERIFY_THROWS_EXCEPTION(UsageError, again.rethrowIfFailed());
    }
};

QTEST_GUILESS_MAIN(TestTrainJob)
#include "test_train_job.moc"
