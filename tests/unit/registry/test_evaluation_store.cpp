// Stored evaluations and suspected label errors: what the Evaluate page opens without running
// the model, and the flags it keeps.
#include "registry/EvaluationStore.h"
#include "registry/ModelRegistry.h"
#include "store/LabelFlagStore.h"
#include "store/Workspace.h"
#include "unit/store/StoreFixtures.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

namespace {

EvaluationResult twoSamples(float firstProbability)
{
    EvaluationResult r;
    r.indices = {0, 3};
    r.truth = {0, 1};
    r.probabilities = {firstProbability, 1 - firstProbability, 0.3f, 0.7f};
    r.predicted = {firstProbability >= 0.5f ? 0 : 1, 1};
    r.report = classificationReport(r.truth, r.predicted, 2);
    return r;
}

} // namespace

class TestEvaluationStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    WorkspacePtr m_workspace;
    QString m_dataset;
    qint64 m_model = 0;

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = Workspace::open(m_dir.path());
        m_dataset = testing::storeTinyDataset(*m_workspace, QStringLiteral("tiny"), 1);
        NewModel m;
        m.architecture = QStringLiteral("cnn");
        m.parameterCount = 10;
        m.datasetId = m_dataset;
        m_model = ModelRegistry(*m_workspace).registerModel(m).id;
    }

    void savedEvaluationOpensAgainWithItsSamples()
    {
        const EvaluationStore store(*m_workspace);
        QVERIFY(!store.find(m_model, m_dataset));
        const EvaluationRecord saved = store.save(m_model, m_dataset, twoSamples(0.9f), {QStringLiteral("a"), QStringLiteral("b")},
                                                  QJsonObject{{QStringLiteral("parameters"), 10}});
        QCOMPARE(saved.samples, qint64(2));
        QCOMPARE(saved.accuracy, 1.0);
        QCOMPARE(saved.summary.value(QStringLiteral("parameters")).toInt(), 10);
        QCOMPARE(saved.summary.value(QStringLiteral("classes")).toArray().size(), 2);
        QVERIFY(saved.summary.contains(QStringLiteral("report")));
        QVERIFY(QFile::exists(m_workspace->absolute(saved.path)));

        const auto found = store.find(m_model, m_dataset);
        QVERIFY(found);
        QCOMPARE(found->id, saved.id);
        const EvaluationResult samples = store.loadSamples(*found);
        QCOMPARE(samples.indices, (std::vector<qint64>{0, 3}));
        QCOMPARE(samples.probabilities, twoSamples(0.9f).probabilities);
        QCOMPARE(store.forModel(m_model).size(), 1);
    }

    void savingAgainReplacesTheEvaluation()
    {
        const EvaluationStore store(*m_workspace);
        store.save(m_model, m_dataset, twoSamples(0.2f), {QStringLiteral("a"), QStringLiteral("b")});
        QCOMPARE(store.forModel(m_model).size(), 1);
        const auto found = store.find(m_model, m_dataset);
        QCOMPARE(found->accuracy, 0.5);
        QCOMPARE(store.loadSamples(*found).predicted, (std::vector<int>{1, 1}));
    }

    void summaryValuesAreAddedLater()
    {
        const EvaluationStore store(*m_workspace);
        const qint64 id = store.find(m_model, m_dataset)->id;
        store.setSummaryValue(id, QStringLiteral("robustness"), QJsonArray{1, 2});
        const auto found = store.find(m_model, m_dataset);
        QCOMPARE(found->summary.value(QStringLiteral("robustness")).toArray().size(), 2);
        QVERIFY(found->summary.contains(QStringLiteral("report")));
        QVERIFY_THROWS_EXCEPTION(UsageError, store.setSummaryValue(id + 100, QStringLiteral("x"), 1));
    }

    void aDamagedFileIsReportedByName()
    {
        const EvaluationStore store(*m_workspace);
        const auto found = store.find(m_model, m_dataset);
        QFile file(m_workspace->absolute(found->path));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("garbage");
        file.close();
        try {
            store.loadSamples(*found);
            QFAIL("a damaged evaluation file was read");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(found->path), qPrintable(e.message()));
        }
    }

    void labelFlagsAreKeptListedAndReversible()
    {
        const LabelFlagStore flags(*m_workspace);
        QVERIFY(flags.flaggedIndices(m_dataset).isEmpty());
        flags.flag(m_dataset, {3, 1}, m_model, QStringLiteral("looks like a b"));
        QCOMPARE(flags.flaggedIndices(m_dataset), (QSet<qint64>{1, 3}));
        const QList<LabelFlag> listed = flags.list(m_dataset);
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed[0].sampleIndex, qint64(1));
        QCOMPARE(listed[0].modelId, std::optional<qint64>(m_model));
        QCOMPARE(listed[0].note, QStringLiteral("looks like a b"));
        QVERIFY(listed[0].flagged.isValid());

        // Toggling flags the new one and takes back the flagged one.
        QCOMPARE(flags.toggle(m_dataset, {1, 2}), 2);
        QCOMPARE(flags.flaggedIndices(m_dataset), (QSet<qint64>{2, 3}));
        flags.unflag(m_dataset, {2, 3});
        QVERIFY(flags.list(m_dataset).isEmpty());
        // Flagging twice keeps one row.
        flags.flag(m_dataset, {0});
        flags.flag(m_dataset, {0});
        QCOMPARE(flags.list(m_dataset).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEvaluationStore)
#include "test_evaluation_store.moc"
