// Models side by side on one test set: the comparison, an imported TorchScript model and the
// promotion gate "must beat production", on tiny models trained once for all tests.
#include "unit/learning/SyntheticData.h"

#include "common/Error.h"
#include "jobs/ModelComparison.h"
#include "jobs/ModelImport.h"
#include "jobs/Promotion.h"
#include "jobs/TrainJob.h"
#include "models/ModelFiles.h"
#include "registry/EvaluationStore.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

class TestModelComparison : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    WorkspacePtr m_workspace;
    QString m_datasetId;
    qint64 m_good = 0, m_weak = 0;

    QString saveDataset(const DatasetPtr &data, const QString &name) const
    {
        return DatasetStore(*m_workspace).save(*data, name, QStringLiteral("test"), QStringLiteral("memory"), 0.1, 42).version.id;
    }

    qint64 train(const QString &datasetId, int epochs, double learningRate, quint64 seed) const
    {
        TrainSettings s = testing::tinyTrainSettings(m_dir.path(), epochs, 16, 2);
        s.learningRate = learningRate;
        s.seed = seed;
        TrainJob job(m_workspace, {datasetId, s, 0});
        job.runHere();
        job.rethrowIfFailed();
        return *job.result().modelId;
    }

    ModelVersion model(qint64 id) const { return ModelRegistry(*m_workspace).require(id); }

    QStringList folderEntries(const QString &dir) const
    {
        return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws")));
        m_datasetId = saveDataset(testing::syntheticShapes(40), QStringLiteral("shapes"));
        m_good = train(m_datasetId, 3, 0.01, 1);
        m_weak = train(m_datasetId, 1, 1e-6, 2);
        QVERIFY2(model(m_good).macroF1 > model(m_weak).macroF1, "the weak model must be worse for these tests");
    }

    void comparesOnOneTestSet()
    {
        const ModelComparison c = compareModels(*m_workspace, {m_good, m_weak});
        QCOMPARE(c.datasetId, m_datasetId);
        QCOMPARE(c.classNames.size(), 4);
        QCOMPARE(c.models.size(), 2);
        QCOMPARE(c.models[0].model.id, m_good);
        QCOMPARE(c.models[1].model.id, m_weak);
        QVERIFY(c.notes.isEmpty()); // both were trained on this data set
        // The stored evaluations from training: the same numbers the models were registered with.
        QCOMPARE(c.models[0].samples->report.macroF1, model(m_good).macroF1);
        QVERIFY(!c.models[0].computed);
        QCOMPARE(c.models[0].samples->report.perClass.size(), size_t(4));

        QCOMPARE(c.pairs.size(), 1);
        const PairedOutcome &o = c.pairs[0].outcome;
        QCOMPARE(c.pairs[0].a, 0);
        QCOMPARE(c.pairs[0].b, 1);
        const auto &good = *c.models[0].samples, &weak = *c.models[1].samples;
        qint64 onlyGood = 0, onlyWeak = 0;
        for (qsizetype i = 0; i < good.size(); ++i) {
            const bool g = good.predicted[size_t(i)] == good.truth[size_t(i)];
            const bool w = weak.predicted[size_t(i)] == weak.truth[size_t(i)];
            onlyGood += g && !w;
            onlyWeak += w && !g;
        }
        QCOMPARE(o.onlyA, onlyGood);
        QCOMPARE(o.onlyB, onlyWeak);
        QCOMPARE(o.bothRight + o.onlyA + o.onlyB + o.bothWrong, good.size());
        QCOMPARE(o.pValue, mcnemarExactP(o.onlyA, o.onlyB));

        const QJsonObject json = c.toJson();
        QCOMPARE(json[QStringLiteral("models")].toArray().size(), 2);
        QCOMPARE(json[QStringLiteral("models")][0][QStringLiteral("perClassF1")].toArray().size(), 4);
        QCOMPARE(json[QStringLiteral("pairs")][0][QStringLiteral("b")].toInteger(), m_weak);
        QCOMPARE(json[QStringLiteral("pairs")][0][QStringLiteral("onlyA")].toInteger(), o.onlyA);
    }

    void anotherDataSetIsNamedInTheNotes()
    {
        const QString other = saveDataset(testing::syntheticShapes(20, 28, 5), QStringLiteral("shapes-again"));
        const ModelComparison c = compareModels(*m_workspace, {m_weak, m_good}, QStringLiteral("shapes-again"));
        QCOMPARE(c.datasetId, other);
        QCOMPARE(c.models[0].model.id, m_weak);
        QVERIFY(c.models[0].computed); // not evaluated there before
        QCOMPARE(c.models[0].samples->size(), qint64(16));
        QCOMPARE(c.notes.size(), 2);
        for (const QString &note : c.notes) {
            QVERIFY2(note.contains(QStringLiteral("trained on data set ") + m_datasetId.left(12)), qPrintable(note));
            QVERIFY2(note.contains(other.left(12)), qPrintable(note));
        }
    }

    void refusesWhatCannotBeCompared()
    {
        QVERIFY_THROWS_EXCEPTION(UsageError, compareModels(*m_workspace, {m_good}));
        QVERIFY_THROWS_EXCEPTION(UsageError, compareModels(*m_workspace, {m_good, m_weak, m_good, m_weak, m_good}));
        QVERIFY_THROWS_EXCEPTION(UsageError, compareModels(*m_workspace, {m_good, m_good}));
        QVERIFY_THROWS_EXCEPTION(UsageError, compareModels(*m_workspace, {m_good, 999}));
        QVERIFY_THROWS_EXCEPTION(UsageError, compareModels(*m_workspace, {m_good, m_weak}, QStringLiteral("nosuchdata")));
        saveDataset(testing::syntheticShapes(10, 16), QStringLiteral("small-shapes"));
        QVERIFY_THROWS_EXCEPTION(UsageError, compareModels(*m_workspace, {m_good, m_weak}, QStringLiteral("small-shapes")));
    }

    // An export of the good model, imported: evaluated and registered with the same numbers.
    void importedExportMatchesTheOriginal()
    {
        const QString file = m_dir.filePath(QStringLiteral("good.pt"));
        exportTorchScript(m_workspace->absolute(model(m_good).path), file);
        const ModelVersion imported = importModel(*m_workspace, file, m_datasetId, QStringLiteral("exported"), 2);
        QCOMPARE(imported.architecture, QStringLiteral("exported"));
        QCOMPARE(imported.datasetId, m_datasetId);
        QCOMPARE(imported.accuracy, model(m_good).accuracy);
        QCOMPARE(imported.parameterCount, model(m_good).parameterCount);
        const QString dir = m_workspace->absolute(imported.path);
        QVERIFY(QFileInfo::exists(importedModelPath(dir)));
        QCOMPARE(readModelInfo(dir).training.value(QStringLiteral("name")).toString(), QStringLiteral("exported"));
        QVERIFY(EvaluationStore(*m_workspace).find(imported.id, m_datasetId).has_value());

        // Three models: pairs (0,1), (0,2), (1,2); the export agrees with its original everywhere.
        const ModelComparison c = compareModels(*m_workspace, {m_good, m_weak, imported.id});
        QVERIFY(!c.models[2].computed); // stored by the import
        QCOMPARE(c.pairs.size(), 3);
        QCOMPARE((std::pair{c.pairs[1].a, c.pairs[1].b}), (std::pair{0, 2}));
        QCOMPARE((std::pair{c.pairs[2].a, c.pairs[2].b}), (std::pair{1, 2}));
        QCOMPARE(c.pairs[1].outcome.disagreements, qint64(0));
    }

    void badImportStoresNothing()
    {
        const QString notScript = m_dir.filePath(QStringLiteral("notes.pt"));
        QVERIFY(QFile(notScript).open(QIODevice::WriteOnly));
        const int models = int(ModelRegistry(*m_workspace).list().size());
        const QStringList folders = folderEntries(m_workspace->modelsDir());
        try {
            importModel(*m_workspace, notScript, m_datasetId);
            QFAIL("a file that is not TorchScript was imported");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(notScript), qPrintable(e.message()));
        }
        QCOMPARE(int(ModelRegistry(*m_workspace).list().size()), models);
        QCOMPARE(folderEntries(m_workspace->modelsDir()), folders);
    }

    void promotionMustBeatProduction()
    {
        const ModelRegistry registry(*m_workspace);
        Gates gates{0.0, 1000000};
        registry.promote(m_weak, gates);
        QCOMPARE(promoteThroughGates(*m_workspace, m_good, gates).previousModelId, std::optional<qint64>(m_weak));
        try {
            promoteThroughGates(*m_workspace, m_weak, gates);
            QFAIL("a worse model was promoted over production");
        } catch (const GateError &e) {
            QCOMPARE(e.failures().size(), 1);
            QVERIFY2(e.failures().first().contains(QStringLiteral("does not beat production model %1").arg(m_good)),
                     qPrintable(e.failures().first()));
            QVERIFY2(e.failures().first().contains(m_datasetId.left(12)), qPrintable(e.failures().first()));
        }
        QCOMPARE(registry.production()->id, m_good);
        // The other gates are reported with it.
        Gates strict = gates;
        strict.maxParameters = 1;
        try {
            promoteThroughGates(*m_workspace, m_weak, strict);
            QFAIL("a model over the parameter maximum was promoted");
        } catch (const GateError &e) {
            QCOMPARE(e.failures().size(), 2);
        }
        gates.mustBeatProduction = false;
        QVERIFY(promoteThroughGates(*m_workspace, m_weak, gates).changed);
        QCOMPARE(registry.production()->id, m_weak);
    }

    // A production model of another image size cannot be evaluated on the candidate's test
    // set: the gate fails and says so.
    void productionOfAnotherGeometryFailsTheGate()
    {
        const ModelRegistry registry(*m_workspace);
        const QString small = saveDataset(testing::syntheticShapes(10, 16, 3), QStringLiteral("small-shapes-2"));
        const qint64 smallModel = train(small, 1, 0.01, 1);
        registry.promote(smallModel, Gates{0.0, 1000000});
        try {
            promoteThroughGates(*m_workspace, m_good, Gates{0.0, 1000000});
            QFAIL("promoted past a production model it was not compared with");
        } catch (const GateError &e) {
            QVERIFY2(e.failures().join(u' ').contains(QStringLiteral("production model %1 cannot be evaluated").arg(smallModel)),
                     qPrintable(e.failures().join(u' ')));
        }
        QCOMPARE(registry.production()->id, smallModel);
    }
};

QTEST_GUILESS_MAIN(TestModelComparison)
#include "test_model_comparison.moc"
