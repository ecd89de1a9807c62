// The monitor on a workspace: a tiny trained model in production, its stored evaluation as
// the reference, production samples of held-back images (clean or noisy) through the model.
#include "common/Error.h"
#include "models/ModelFiles.h"
#include "monitoring/Monitor.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "unit/jobs/TinyModel.h"
#include "unit/monitoring/ClassifiedSamples.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace mlwb;

namespace {

const Gates kNoGates{0.0, 1'000'000'000, false};
const QDateTime kStart(QDate(2026, 5, 1), QTime(8, 0), Qt::UTC);

} // namespace

class MonitorTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    WorkspacePtr m_workspace;
    qint64 m_model = 0;
    std::unique_ptr<Classifier> m_classifier;
    DatasetPtr m_heldBack;
    qint64 m_added = 0; // samples added in this test, for their times

    // Images `first`… `first + count − 1` of the held-back shapes (noise σ added), answered by
    // `model` (default: production) and stored as samples one second apart. Returns their ids.
    QList<qint64> addSamples(qsizetype first, qsizetype count, double sigma = 0, qint64 model = 0)
    {
        return SampleStore(*m_workspace).add(testing::classifiedSamples(*m_heldBack, *m_classifier, model > 0 ? model : m_model,
                                                                        first, count, sigma, kStart, m_added));
    }

    MonitorRequest latest(qint64 count) const
    {
        MonitorRequest request;
        request.window.count = count;
        return request;
    }

private Q_SLOTS:
    void initTestCase();
    void init();

    void referenceSpecs();
    void referenceIsTheStoredEvaluation();
    void noAlertInDistributionAlertOnNoiseStoredOnce();
    void driftOrderPutsTheNoisySamplesFirst();
    void windowOfSamplesAsReference();
    void windowIsTheModelsOwnSamples();
    void seriesGrowsIncrementally();
    void seriesOverTimeSpans();
    void needsAModel();
};

void MonitorTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws")));
    m_model = testing::trainTinyModel(m_workspace, m_dir.path(), 250, 2);
    ModelRegistry(*m_workspace).promote(m_model, kNoGates);
    m_classifier = loadClassifier(m_workspace->absolute(ModelRegistry(*m_workspace).require(m_model).path), 1);
    QVERIFY(m_classifier->embeddingSize() > 0);
    m_heldBack = testing::syntheticShapes(250, 28, 11);
}

// Every test starts without samples and alerts (the model and its evaluation stay).
void MonitorTest::init()
{
    const Database &db = m_workspace->database();
    db.exec(QStringLiteral("DELETE FROM monitor_alerts"));
    db.exec(QStringLiteral("DELETE FROM production_samples"));
    m_added = 0;
}

void MonitorTest::referenceSpecs()
{
    QCOMPARE(ReferenceSpec::parse(QStringLiteral("training")).kind, ReferenceSpec::Kind::Evaluation);
    QVERIFY(ReferenceSpec::parse(QString()).datasetRef.isEmpty());
    QCOMPARE(ReferenceSpec::parse(QStringLiteral("data:mnist")).datasetRef, QStringLiteral("mnist"));
    const ReferenceSpec ids = ReferenceSpec::parse(QStringLiteral("samples:10-500"));
    QCOMPARE(ids.kind, ReferenceSpec::Kind::Samples);
    QCOMPARE(ids.firstSampleId, 10);
    QCOMPARE(ids.lastSampleId, 500);
    const ReferenceSpec span = ReferenceSpec::parse(QStringLiteral("time:2026-05-01/2026-05-02T06:00:00Z"));
    QCOMPARE(span.from, QDate(2026, 5, 1).startOfDay()); // a day alone: local midnight, as the CLI reads --from
    QCOMPARE(span.to, QDateTime(QDate(2026, 5, 2), QTime(6, 0), Qt::UTC));
    for (const char *bad : {"data:", "samples:5-1", "samples:x-9", "samples:0-3", "time:2026-05-02/2026-05-01", "time:soon/later", "yesterday"})
        QVERIFY_THROWS_EXCEPTION(UsageError, ReferenceSpec::parse(QString::fromLatin1(bad)));
}

void MonitorTest::referenceIsTheStoredEvaluation()
{
    const MonitorReference reference = loadMonitorReference(*m_workspace, m_model, {});
    const QString datasetId = ModelRegistry(*m_workspace).require(m_model).datasetId;
    QCOMPARE(reference.key, QStringLiteral("evaluation:") + datasetId);
    QCOMPARE(reference.profile->size(), 200); // every fifth of 1,000 shapes is a test image
    QCOMPARE(reference.profile->embeddingSize(), m_classifier->embeddingSize());
    QVERIFY(reference.profile->hasProperties());
    QVERIFY(reference.profile->atc());
    QCOMPARE(reference.classNames.size(), 4);
    QVERIFY(reference.description.contains(datasetId.left(12)));
    QCOMPARE(reference.toJson()[QStringLiteral("samples")].toInt(), 200);
}

void MonitorTest::noAlertInDistributionAlertOnNoiseStoredOnce()
{
    const QList<qint64> clean = addSamples(0, 600);
    for (qsizetype i = 0; i < 20; ++i) // labels arrive for a few
        SampleStore(*m_workspace).setLabel(clean[i], int(m_heldBack->labels[size_t(i)]), false, QStringLiteral("test"));
    MonitorCheck check = runMonitorCheck(*m_workspace, latest(600));
    QVERIFY(check.report.tested);
    QCOMPARE(check.report.samples, 600);
    QVERIFY2(!check.report.hasAlert(), qPrintable(QJsonDocument(check.report.toJson()).toJson()));
    QVERIFY(check.alerts.isEmpty());
    QVERIFY(*check.report.estimatedAccuracy > 0.95); // the model gets 0.99 of these right
    QCOMPARE(check.report.labeled.labeled, 20);
    QVERIFY(*check.report.labeled.accuracy() >= 0.9);

    const QList<qint64> noisy = addSamples(600, 300, 0.4);
    check = runMonitorCheck(*m_workspace, latest(300));
    QCOMPARE(check.report.firstSampleId, noisy.first());
    QCOMPARE(check.report.lastSampleId, noisy.last());
    QVERIFY(check.report.hasAlert());
    QVERIFY(check.report.result(DriftStatistic::EmbeddingMmd).alert);
    QVERIFY(check.report.result(DriftStatistic::Sharpness).alert); // noise is all edges
    QVERIFY(!check.alerts.isEmpty());
    QSet<qint64> ids;
    for (const MonitorAlert &a : check.alerts) {
        QVERIFY(a.isNew);
        QCOMPARE(a.modelId, m_model);
        QCOMPARE(a.sampleCount, 300);
        QCOMPARE(a.windowFrom, kStart.addSecs(600));
        QCOMPARE(a.windowTo, kStart.addSecs(899).addMSecs(1));
        QVERIFY(a.pValue < a.threshold);
        ids.insert(a.id);
    }
    QCOMPARE(AlertStore(*m_workspace).unacknowledgedCount(), check.alerts.size());

    // The scheduler runs again before anything new came: the same alerts, none stored twice.
    const MonitorCheck again = runMonitorCheck(*m_workspace, latest(300));
    QCOMPARE(again.alerts.size(), check.alerts.size());
    for (const MonitorAlert &a : again.alerts) {
        QVERIFY(!a.isNew);
        QVERIFY(ids.contains(a.id));
    }
    QCOMPARE(AlertStore(*m_workspace).list().size(), check.alerts.size());

    MonitorRequest dry = latest(300);
    dry.recordAlerts = false;
    const MonitorCheck unrecorded = runMonitorCheck(*m_workspace, dry);
    QCOMPARE(unrecorded.alerts.size(), check.alerts.size());
    QCOMPARE(unrecorded.alerts.first().id, 0);
    const QJsonObject json = check.toJson();
    QCOMPARE(json[QStringLiteral("model")].toInteger(), m_model);
    QVERIFY(json[QStringLiteral("alert")].toBool());
    QCOMPARE(json[QStringLiteral("alerts")].toArray().size(), check.alerts.size());
    QCOMPARE(json[QStringLiteral("report")][QStringLiteral("classes")][QStringLiteral("names")].toArray().first().toString(),
             QStringLiteral("hbar"));
}

void MonitorTest::driftOrderPutsTheNoisySamplesFirst()
{
    addSamples(0, 300);
    const QList<qint64> noisy = addSamples(300, 100, 0.3);
    const MonitorCheck check = runMonitorCheck(*m_workspace, latest(400));
    const std::vector<qint64> order = check.report.idsByDrift();
    QCOMPARE(order.size(), size_t(400));
    int noisyFirst = 0;
    for (size_t i = 0; i < 100; ++i)
        noisyFirst += order[i] >= noisy.first();
    QVERIFY2(noisyFirst >= 90, qPrintable(QString::number(noisyFirst)));
}

void MonitorTest::windowOfSamplesAsReference()
{
    const QList<qint64> first = addSamples(0, 400);
    addSamples(400, 400);
    MonitorRequest request = latest(400);
    request.reference = ReferenceSpec::parse(QStringLiteral("samples:%1-%2").arg(first.first()).arg(first.last()));
    MonitorCheck check = runMonitorCheck(*m_workspace, request);
    QCOMPARE(check.reference.key, QStringLiteral("samples:%1-%2").arg(first.first()).arg(first.last()));
    QCOMPARE(check.reference.profile->size(), 400);
    QVERIFY(!check.reference.profile->atc()); // unlabeled samples: no accuracy to estimate from
    QVERIFY(!check.report.estimatedAccuracy);
    QVERIFY(check.report.tested);
    QVERIFY2(!check.report.hasAlert(), qPrintable(QJsonDocument(check.report.toJson()).toJson()));

    // A time span as reference: the first 400 samples, one second apart.
    request.reference = ReferenceSpec::parse(QStringLiteral("time:%1/%2").arg(toSqlTime(kStart), toSqlTime(kStart.addSecs(400))));
    addSamples(800, 200, 0.4);
    request.window.count = 200;
    check = runMonitorCheck(*m_workspace, request);
    QCOMPARE(check.reference.profile->size(), 400);
    QVERIFY(check.report.hasAlert());
    QVERIFY(check.alerts.first().reference.startsWith(QStringLiteral("time:")));

    request.reference = ReferenceSpec::parse(QStringLiteral("samples:900000-900010"));
    QVERIFY_THROWS_EXCEPTION(UsageError, runMonitorCheck(*m_workspace, request));
}

void MonitorTest::windowIsTheModelsOwnSamples()
{
    NewModel other;
    other.architecture = QStringLiteral("other");
    const qint64 otherModel = ModelRegistry(*m_workspace).registerModel(other).id;
    const QList<qint64> a = addSamples(0, 50);
    const QList<qint64> b = addSamples(50, 30, 0, otherModel);
    const QList<qint64> c = addSamples(80, 50);

    QList<ProductionSample> window = windowSamples(*m_workspace, m_model, WindowSpec{70, {}, {}});
    QCOMPARE(window.size(), 70);
    QCOMPARE(window.first().id, a[30]); // oldest first: the last 20 of a, then all of c
    QCOMPARE(window.last().id, c.last());
    for (const ProductionSample &s : window)
        QCOMPARE(s.modelId, m_model);
    QCOMPARE(windowSamples(*m_workspace, m_model, WindowSpec{1000, {}, {}}).size(), 100);
    QCOMPARE(windowSamples(*m_workspace, otherModel, WindowSpec{1000, {}, {}}).size(), 30);

    // A time span: samples 40…89 by time, of which 40–49 and 80–89 are the model's.
    window = windowSamples(*m_workspace, m_model, WindowSpec{0, kStart.addSecs(40), kStart.addSecs(90)});
    QCOMPARE(window.size(), 20);
    QCOMPARE(window.first().id, a[40]);
    QCOMPARE(window.last().id, c[9]);
    QVERIFY_THROWS_EXCEPTION(UsageError, windowSamples(*m_workspace, m_model, WindowSpec{0, {}, {}}));
    Q_UNUSED(b);
}

void MonitorTest::seriesGrowsIncrementally()
{
    const MonitorReference reference = loadMonitorReference(*m_workspace, m_model, {});
    MonitorSeries series(reference, {100, 0});
    addSamples(0, 250);
    QCOMPARE(series.update(*m_workspace), 2);
    QCOMPARE(series.windows().size(), size_t(2));
    QVERIFY(series.current());
    QCOMPARE(series.current()->samples, 50);
    QCOMPARE(series.update(*m_workspace), 0); // nothing new

    const QList<qint64> noisy = addSamples(250, 150, 0.4);
    QCOMPARE(series.update(*m_workspace), 2);
    QCOMPARE(series.windows().size(), size_t(4));
    QVERIFY(!series.current()); // 400 samples: four full windows
    for (size_t k = 0; k < 4; ++k) {
        QCOMPARE(series.windows()[k].samples, 100);
        QCOMPARE(series.windows()[k].firstSampleId + 99, series.windows()[k].lastSampleId);
    }
    QVERIFY(!series.windows()[0].hasAlert());
    QVERIFY(!series.windows()[1].hasAlert());
    QVERIFY(series.windows()[3].hasAlert()); // all noisy

    // What the series computed bit by bit is what one comparison of the same samples gives.
    const WindowReport &third = series.windows()[2];
    const MonitorCheck direct = runMonitorCheck(*m_workspace, reference, WindowSpec{0, kStart.addSecs(200), kStart.addSecs(300)},
                                                DriftOptions{}, false);
    QCOMPARE(direct.report.firstSampleId, third.firstSampleId);
    for (size_t s = 0; s < third.statistics.size(); ++s) {
        QCOMPARE(direct.report.statistics[s].value, third.statistics[s].value);
        QCOMPARE(direct.report.statistics[s].pValue, third.statistics[s].pValue);
    }
    QCOMPARE(AlertStore(*m_workspace).list().size(), 0); // the series looks back: it records nothing
    Q_UNUSED(noisy);
}

void MonitorTest::seriesOverTimeSpans()
{
    const MonitorReference reference = loadMonitorReference(*m_workspace, m_model, {});
    // 8:00:00 is a multiple of 100 s since 1970: samples 0–99 are the first window.
    MonitorSeries series(reference, {0, 100'000});
    addSamples(0, 230);
    QCOMPARE(series.update(*m_workspace), 2);
    QCOMPARE(series.windows()[0].samples, 100);
    QCOMPARE(series.windows()[0].from, kStart);
    QCOMPARE(series.windows()[1].samples, 100);
    QCOMPARE(series.current()->samples, 30);
    QVERIFY(series.current()->tested); // 30 samples: just enough
    QVERIFY_THROWS_EXCEPTION(UsageError, MonitorSeries(reference, {0, -1}));
    QVERIFY_THROWS_EXCEPTION(UsageError, MonitorSeries(reference, {0, 0}));
}

void MonitorTest::needsAModel()
{
    QTemporaryDir dir;
    const WorkspacePtr empty = Workspace::open(dir.filePath(QStringLiteral("ws")));
    QVERIFY_THROWS_EXCEPTION(UsageError, monitoredModel(*empty));
    QVERIFY_THROWS_EXCEPTION(UsageError, monitoredModel(*empty, 42));
    QCOMPARE(monitoredModel(*m_workspace), m_model);
    QVERIFY_THROWS_EXCEPTION(UsageError, loadMonitorReference(*m_workspace, 999, {}));
}

QTEST_GUILESS_MAIN(MonitorTest)
#include "test_monitor.moc"
