// Continuous training: a data set version built from a base and labeled production samples
// (lineage, held-back test split, weight, corrections), fine-tuning from production weights,
// and a retrained model compared with production on the same test sets.
#include "common/Error.h"
#include "continuous/ProductionDataset.h"
#include "continuous/Retrain.h"
#include "models/ModelFiles.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/LabelCorrectionStore.h"
#include "training/Trainer.h"
#include "unit/jobs/TinyModel.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

namespace {

const Gates kNoGates{0.0, 1'000'000'000, false};

} // namespace

class TestRetrain : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    WorkspacePtr m_workspace;
    qint64 m_production = 0;
    QString m_baseId;
    QList<qint64> m_labeled;  // labeled with their true class
    qint64 m_discarded = 0, m_unlabeled = 0, m_otherShape = 0;
    DatasetPtr m_shapes;      // the samples' images and true labels

    SampleStore samples() const { return SampleStore(*m_workspace); }

    // Production saw `count` shapes drawn with another seed; all but two get their true label.
    void addProductionSamples(int count)
    {
        m_shapes = testing::syntheticShapes(count / 4 + 1, 28, 99);
        std::vector<NewSample> batch;
        for (int i = 0; i < count; ++i) {
            NewSample n;
            n.sample.source = SampleSource::Api;
            n.sample.input.assign(m_shapes->image(i), m_shapes->image(i) + m_shapes->imageBytes());
            n.sample.modelId = m_production;
            n.sample.predicted = 0;
            n.sample.probabilities = {0.4f, 0.3f, 0.2f, 0.1f};
            batch.push_back(std::move(n));
        }
        NewSample small; // 14×14: does not fit the base
        small.sample.input.assign(14 * 14, 100);
        small.sample.height = small.sample.width = 14;
        small.sample.modelId = m_production;
        small.sample.predicted = 1;
        small.sample.probabilities = {0.1f, 0.6f, 0.2f, 0.1f};
        batch.push_back(std::move(small));
        const QList<qint64> ids = samples().add(std::move(batch));
        for (int i = 0; i < count; ++i) {
            if (i == 0) {
                m_discarded = ids[i];
                samples().setLabel(ids[i], std::nullopt, true, QStringLiteral("test"));
            } else if (i == 1) {
                m_unlabeled = ids[i];
            } else {
                samples().setLabel(ids[i], int(m_shapes->labels[size_t(i)]), false, QStringLiteral("test"));
                m_labeled << ids[i];
            }
        }
        m_otherShape = ids.last();
        samples().setLabel(m_otherShape, 1, false, QStringLiteral("test"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws")));
        m_production = testing::trainTinyModel(m_workspace, m_dir.path(), 24, 2);
        ModelRegistry(*m_workspace).promote(m_production, kNoGates);
        m_baseId = ModelRegistry(*m_workspace).require(m_production).datasetId;
        addProductionSamples(60);
    }

    void heldBackIsStableAndNearTheFraction()
    {
        int held = 0;
        for (qint64 id = 1; id <= 10000; ++id) {
            const bool h = heldBackForTest(id, 0.2, 7);
            QCOMPARE(heldBackForTest(id, 0.2, 7), h);
            held += h;
            if (!heldBackForTest(id, 0.1, 7))
                continue;
            QVERIFY2(h, "a sample held back at 10% is held back at 20% too");
        }
        QVERIFY2(held > 1800 && held < 2200, qPrintable(QString::number(held)));
        QVERIFY(!heldBackForTest(5, 0.0, 7));
    }

    void buildAddsTheLabeledSamplesWithLineage()
    {
        ProductionBuildOptions options;
        options.testFraction = 0.25;
        const ProductionBuild build = buildProductionDataset(*m_workspace, options);
        QVERIFY(build.created);
        QCOMPARE(build.base.id, m_baseId);
        QCOMPARE(build.dataset.name, build.base.name + QStringLiteral("+production"));
        QCOMPARE(build.discarded, 1);
        QCOMPARE(build.incompatible, 1);

        // Every labeled sample of the base's shape went to exactly one side, as heldBackForTest says.
        QList<qint64> all = build.lineage.trainSamples + build.lineage.testSamples;
        std::sort(all.begin(), all.end());
        QCOMPARE(all, m_labeled);
        for (qint64 id : build.lineage.testSamples)
            QVERIFY(heldBackForTest(id, 0.25, 0));
        for (qint64 id : build.lineage.trainSamples)
            QVERIFY(!heldBackForTest(id, 0.25, 0));
        QVERIFY(!build.lineage.testSamples.isEmpty());

        // Automatic weight: production makes about a tenth of the training images.
        const qint64 trainSamples = build.lineage.trainSamples.size();
        const int expectedWeight =
            int(std::clamp<double>(std::round(double(build.base.trainCount) / (9.0 * double(trainSamples))), 1, 50));
        QCOMPARE(build.lineage.weight, expectedWeight);
        QCOMPARE(build.dataset.trainCount, build.base.trainCount + trainSamples * expectedWeight);
        QCOMPARE(build.dataset.testCount, build.base.testCount + build.lineage.testSamples.size());
        QVERIFY(build.productionTest);
        QCOMPARE(build.productionTest->testCount, build.lineage.testSamples.size());
        QCOMPARE(build.productionTest->trainCount, 0);

        // The stored images and labels are the samples', in the documented order.
        const DatasetPtr built = DatasetStore(*m_workspace).load(build.dataset.id);
        const DatasetPtr base = DatasetStore(*m_workspace).load(m_baseId);
        const qsizetype firstHeldBack = built->size() - build.lineage.testSamples.size();
        for (qsizetype i = 0; i < build.lineage.testSamples.size(); ++i) {
            const ProductionSample s = *samples().sample(build.lineage.testSamples[i]);
            QCOMPARE(built->subset(firstHeldBack + i), Subset::Test);
            QCOMPARE(int(built->labels[size_t(firstHeldBack + i)]), *s.label);
            QVERIFY(std::equal(s.input.begin(), s.input.end(), built->image(firstHeldBack + i)));
        }
        const ProductionSample firstTrain = *samples().sample(build.lineage.trainSamples.first());
        QVERIFY(std::equal(firstTrain.input.begin(), firstTrain.input.end(), built->image(base->size())));
        QCOMPARE(built->subset(base->size()), Subset::Train);

        // The lineage is kept with the version.
        const std::optional<DatasetLineage> lineage = datasetLineage(*m_workspace, build.dataset.id);
        QVERIFY(lineage);
        QCOMPARE(lineage->baseId, m_baseId);
        QCOMPARE(lineage->productionTestId, build.productionTest->id);
        QCOMPARE(lineage->trainSamples, build.lineage.trainSamples);
        QCOMPARE(lineage->testSamples, build.lineage.testSamples);
        QVERIFY(!datasetLineage(*m_workspace, m_baseId));
    }

    void rebuildingChangesNothingAndNeverStacks()
    {
        ProductionBuildOptions options;
        options.testFraction = 0.25;
        const ProductionBuild first = buildProductionDataset(*m_workspace, options);
        QVERIFY(!first.created); // built by the previous test already
        // A built version as the base stands for its own base.
        options.baseRef = first.dataset.id;
        const ProductionBuild again = buildProductionDataset(*m_workspace, options);
        QCOMPARE(again.base.id, m_baseId);
        QCOMPARE(again.dataset.id, first.dataset.id);
    }

    void explicitWeightAndCorrections()
    {
        LabelCorrectionStore(*m_workspace).correct(m_baseId, 0, 3, QStringLiteral("test"));
        const DatasetPtr base = DatasetStore(*m_workspace).load(m_baseId);
        ProductionBuildOptions options;
        options.weight = 3;
        options.testFraction = 0;
        options.name = QStringLiteral("shapes-corrected");
        const ProductionBuild build = buildProductionDataset(*m_workspace, options);
        QCOMPARE(build.lineage.weight, 3);
        QVERIFY(!build.productionTest);
        QVERIFY(build.lineage.testSamples.isEmpty());
        QCOMPARE(build.dataset.trainCount, build.base.trainCount + 3 * qint64(m_labeled.size()));
        const DatasetPtr built = DatasetStore(*m_workspace).load(build.dataset.id);
        QCOMPARE(int(built->labels[0]), 3);
        QCOMPARE(build.lineage.corrections, base->labels[0] == 3 ? 0 : 1);
        LabelCorrectionStore(*m_workspace).correct(m_baseId, 0, std::nullopt, QStringLiteral("test"));
    }

    void buildRefusals()
    {
        ProductionBuildOptions bad;
        bad.testFraction = 1.0;
        QVERIFY_THROWS_EXCEPTION(UsageError, buildProductionDataset(*m_workspace, bad));
        bad = {};
        bad.weight = -1;
        QVERIFY_THROWS_EXCEPTION(UsageError, buildProductionDataset(*m_workspace, bad));
        bad = {};
        bad.baseRef = QStringLiteral("no-such-data-set");
        QVERIFY_THROWS_EXCEPTION(UsageError, buildProductionDataset(*m_workspace, bad));

        // Without labels there is nothing to build.
        QTemporaryDir other;
        WorkspacePtr empty = Workspace::open(other.filePath(QStringLiteral("ws")));
        const qint64 model = testing::trainTinyModel(empty, other.path(), 8, 1);
        ModelRegistry(*empty).promote(model, kNoGates);
        QVERIFY_THROWS_EXCEPTION(UsageError, buildProductionDataset(*empty, {}));
    }

    void fineTuningStartsFromTheGivenWeights()
    {
        // A network without batch normalisation: its running statistics would move even when
        // the weights do not.
        const DatasetPtr data = DatasetStore(*m_workspace).load(m_baseId);
        TrainSettings settings = testing::tinyTrainSettings(m_dir.path(), 2);
        settings.architecture = testing::writeReplicableSpec(m_dir.path(), 0);
        Trainer first(data, settings, m_dir.filePath(QStringLiteral("start")));
        const QString startDir = first.run(CancelFlag(), {}, false).modelDir;
        QVERIFY(!startDir.isEmpty());

        settings.epochs = 1;
        settings.seed = 7;
        settings.learningRate = 1e-9; // the weights barely move: the model must answer like the one it started from
        Trainer trainer(data, settings, m_dir.filePath(QStringLiteral("finetune")));
        trainer.setInitialModel(startDir);
        const TrainResult result = trainer.run(CancelFlag(), {}, false);
        QVERIFY(!result.modelDir.isEmpty());

        const ModelInfo before = readModelInfo(startDir), after = readModelInfo(result.modelDir);
        QCOMPARE(after.mean, before.mean);
        QCOMPARE(after.std, before.std);
        std::vector<float> x(size_t(data->size() * data->imageBytes()));
        for (size_t i = 0; i < x.size(); ++i)
            x[i] = float(data->pixels[i]) / 255.0f;
        std::vector<float> p(size_t(data->size() * 4)), q(p.size()), fresh(p.size());
        loadClassifier(startDir)->predict(x.data(), data->size(), p.data());
        loadClassifier(result.modelDir)->predict(x.data(), data->size(), q.data());
        for (size_t i = 0; i < p.size(); ++i)
            QVERIFY2(std::abs(p[i] - q[i]) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(p[i]).arg(q[i])));
        // Without the starting model the same settings give another network.
        Trainer scratch(data, settings, m_dir.filePath(QStringLiteral("scratch")));
        loadClassifier(scratch.run(CancelFlag(), {}, false).modelDir)->predict(x.data(), data->size(), fresh.data());
        double difference = 0;
        for (size_t i = 0; i < p.size(); ++i)
            difference = std::max(difference, double(std::abs(p[i] - fresh[i])));
        QVERIFY(difference > 1e-2);
        const QString productionDir = m_workspace->absolute(ModelRegistry(*m_workspace).require(m_production).path);

        // Another architecture cannot start from these weights.
        TrainSettings other = testing::tinyTrainSettings(m_dir.path(), 1);
        other.architecture = QStringLiteral("lite");
        Trainer mismatched(data, other, m_dir.filePath(QStringLiteral("mismatch")));
        mismatched.setInitialModel(productionDir);
        QVERIFY_THROWS_EXCEPTION(UsageError, mismatched.run(CancelFlag(), {}, false));
    }

    void retrainComparesWithProductionOnBothTestSets()
    {
        for (const bool fineTune : {false, true}) {
            RetrainOptions options;
            options.fineTune = fineTune;
            options.epochs = 1;
            options.threads = 1;
            options.build.testFraction = 0.25;
            RetrainJob job(m_workspace, options);
            qint64 announcedRun = 0;
            connect(&job, &RetrainJob::runCreated, this, [&](qint64 run) { announcedRun = run; });
            job.runHere();
            job.rethrowIfFailed();
            const RetrainResult &r = job.result();
            QCOMPARE(r.productionModelId, m_production);
            QVERIFY(r.modelId > m_production);
            QCOMPARE(announcedRun, r.runId);
            const ModelVersion trained = ModelRegistry(*m_workspace).require(r.modelId);
            QCOMPARE(trained.datasetId, r.datasetId);
            QVERIFY(r.build);
            QCOMPARE(r.build->dataset.id, r.datasetId);
            const TrainSettings used = TrainSettings::fromJson(trained.settings);
            QCOMPARE(used.fineTuneFrom, fineTune ? m_production : 0);
            QCOMPARE(used.epochs, 1);

            QVERIFY(r.onBase && r.onProduction);
            QCOMPARE(r.onBase->datasetId, m_baseId);
            QCOMPARE(r.onProduction->datasetId, r.build->productionTest->id);
            for (const ModelComparison *c : {&*r.onBase, &*r.onProduction}) {
                QCOMPARE(c->models.size(), 2);
                QCOMPARE(c->models[0].model.id, m_production);
                QCOMPARE(c->models[1].model.id, r.modelId);
            }
            QCOMPARE(r.onProduction->models[0].samples->size(), qint64(r.build->lineage.testSamples.size()));
            QVERIFY(r.toJson().contains(QStringLiteral("productionTest")));
            // Production itself is unchanged: promotion is the caller's decision.
            QCOMPARE(ModelRegistry(*m_workspace).production()->id, m_production);
        }
    }

    void retrainWithoutProductionIsRefused()
    {
        QTemporaryDir other;
        RetrainJob job(Workspace::open(other.filePath(QStringLiteral("ws"))), {});
        job.runHere();
        QVERIFY(!job.succeededFlag());
        QVERIFY_THROWS_EXCEPTION(UsageError, job.rethrowIfFailed());
    }
};

QTEST_GUILESS_MAIN(TestRetrain)
#include "test_retrain.moc"
