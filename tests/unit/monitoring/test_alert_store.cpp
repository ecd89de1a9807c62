// The monitor's alerts: stored with their window, not stored twice for the same samples,
// acknowledged by the user.
#include "common/Error.h"
#include "monitoring/AlertStore.h"
#include "monitoring/WindowReport.h"
#include "registry/ModelRegistry.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QtTest>
#include <limits>

using namespace mlwb;

namespace {

MonitorAlert alertFor(qint64 model, const QString &statistic, qint64 first, qint64 last)
{
    MonitorAlert a;
    a.modelId = model;
    a.statistic = statistic;
    a.reference = QStringLiteral("evaluation:abc");
    a.firstSampleId = first;
    a.lastSampleId = last;
    a.sampleCount = last - first + 1;
    a.windowFrom = QDateTime(QDate(2026, 5, 1), QTime(12, 0), Qt::UTC).addSecs(first);
    a.windowTo = QDateTime(QDate(2026, 5, 1), QTime(12, 0), Qt::UTC).addSecs(last + 1);
    a.value = 0.25;
    a.pValue = 1e-9;
    a.threshold = 0.00625;
    return a;
}

} // namespace

class AlertStoreTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    WorkspacePtr m_workspace;
    qint64 m_model = 0, m_other = 0;

    AlertStore store() const { return AlertStore(*m_workspace); }

private Q_SLOTS:
    void init()
    {
        static int n = 0;
        m_workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws%1").arg(++n)));
        NewModel model;
        model.architecture = QStringLiteral("mlp");
        m_model = ModelRegistry(*m_workspace).registerModel(model).id;
        m_other = ModelRegistry(*m_workspace).registerModel(model).id;
    }

    void storedWithTheirWindow()
    {
        const QList<MonitorAlert> stored = store().record({alertFor(m_model, QStringLiteral("embedding-mmd"), 1, 100)});
        QCOMPARE(stored.size(), 1);
        QVERIFY(stored[0].isNew);
        QVERIFY(stored[0].id > 0);
        const std::optional<MonitorAlert> read = store().alert(stored[0].id);
        QVERIFY(read);
        QCOMPARE(read->modelId, m_model);
        QCOMPARE(read->statistic, QStringLiteral("embedding-mmd"));
        QCOMPARE(read->reference, QStringLiteral("evaluation:abc"));
        QCOMPARE(read->firstSampleId, 1);
        QCOMPARE(read->lastSampleId, 100);
        QCOMPARE(read->sampleCount, 100);
        QCOMPARE(read->windowFrom, alertFor(m_model, {}, 1, 100).windowFrom);
        QCOMPARE(read->windowTo, alertFor(m_model, {}, 1, 100).windowTo);
        QCOMPARE(read->value, 0.25);
        QCOMPARE(read->pValue, 1e-9);
        QCOMPARE(read->threshold, 0.00625);
        QVERIFY(read->created.isValid());
        QVERIFY(!read->acknowledged());
        QVERIFY(!read->isNew);
        QCOMPARE(read->toJson()[QStringLiteral("window")][QStringLiteral("samples")].toInt(), 100);
        QVERIFY(!store().alert(9999));
    }

    void notDuplicatedForOverlappingWindows()
    {
        const qint64 first = store().record({alertFor(m_model, QStringLiteral("brightness-ks"), 1, 100)})[0].id;
        // The same window checked again, one that overlaps it, one that contains it: the first alert.
        const QList<MonitorAlert> again = store().record({alertFor(m_model, QStringLiteral("brightness-ks"), 1, 100),
                                                          alertFor(m_model, QStringLiteral("brightness-ks"), 51, 150),
                                                          alertFor(m_model, QStringLiteral("brightness-ks"), 1, 1000)});
        for (const MonitorAlert &a : again) {
            QCOMPARE(a.id, first);
            QVERIFY(!a.isNew);
        }
        QCOMPARE(store().list().size(), 1);
        // The next window, another statistic, another model: alerts of their own.
        const QList<MonitorAlert> others = store().record({alertFor(m_model, QStringLiteral("brightness-ks"), 101, 200),
                                                           alertFor(m_model, QStringLiteral("contrast-ks"), 1, 100),
                                                           alertFor(m_other, QStringLiteral("brightness-ks"), 1, 100)});
        for (const MonitorAlert &a : others)
            QVERIFY(a.isNew);
        QCOMPARE(store().list().size(), 4);
        // Within one batch too: the second of two overlapping ones is the first.
        const QList<MonitorAlert> batch = store().record({alertFor(m_model, QStringLiteral("ink-ks"), 1, 10),
                                                          alertFor(m_model, QStringLiteral("ink-ks"), 5, 20)});
        QVERIFY(batch[0].isNew);
        QCOMPARE(batch[1].id, batch[0].id);
        QVERIFY(store().record({}).isEmpty());
    }

    void acknowledged()
    {
        const QList<MonitorAlert> stored = store().record({alertFor(m_model, QStringLiteral("class-chi2"), 1, 100),
                                                           alertFor(m_model, QStringLiteral("confidence-ks"), 1, 100)});
        QCOMPARE(store().unacknowledgedCount(), 2);
        const MonitorAlert seen = store().acknowledge(stored[0].id, QStringLiteral("ana"));
        QVERIFY(seen.acknowledged());
        QCOMPARE(seen.acknowledgedBy, QStringLiteral("ana"));
        QCOMPARE(store().unacknowledgedCount(), 1);
        const QList<MonitorAlert> open = store().list(true);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open[0].id, stored[1].id);
        // Twice: the first acknowledgement stays.
        const MonitorAlert twice = store().acknowledge(stored[0].id, QStringLiteral("bo"));
        QCOMPARE(twice.acknowledgedBy, QStringLiteral("ana"));
        QCOMPARE(twice.acknowledgedAt, seen.acknowledgedAt);
        QVERIFY_THROWS_EXCEPTION(UsageError, store().acknowledge(9999, QStringLiteral("ana")));
        // An acknowledged alert still covers its samples: checking them again raises nothing new.
        QVERIFY(!store().record({alertFor(m_model, QStringLiteral("class-chi2"), 1, 100)})[0].isNew);
        // Newest first, with a limit.
        const QList<MonitorAlert> all = store().list(false, 1);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].id, stored[1].id);
        QVERIFY(all[0].toJson()[QStringLiteral("acknowledgedAt")].isNull());
    }

    void fromAWindowReport()
    {
        WindowReport report;
        report.samples = 30;
        report.firstSampleId = 11;
        report.lastSampleId = 40;
        report.from = QDateTime(QDate(2026, 5, 2), QTime(8, 0), Qt::UTC);
        report.to = report.from.addSecs(60);
        for (DriftStatistic s : allDriftStatistics())
            report.statistics.push_back({s, true, 0.1, 0.5, 0.00625, false});
        report.statistics[1] = {DriftStatistic::SoftmaxKs, true, 0.4, 0.0, 0.00625, true};
        report.statistics[4] = {DriftStatistic::InkArea, true, std::numeric_limits<double>::infinity(), 1e-300, 0.00625, true};
        const QList<MonitorAlert> alerts = alertsOf(report, m_model, QStringLiteral("samples:1-10"));
        QCOMPARE(alerts.size(), 2);
        QCOMPARE(alerts[0].statistic, QStringLiteral("softmax-ks"));
        QCOMPARE(alerts[1].statistic, QStringLiteral("ink-ks"));
        QCOMPARE(alerts[0].firstSampleId, 11);
        QCOMPARE(alerts[0].sampleCount, 30);
        QCOMPARE(alerts[0].windowTo, report.to);
        // A p-value of 0 and an infinite statistic are stored as numbers.
        const QList<MonitorAlert> stored = store().record(alerts);
        QCOMPARE(store().alert(stored[0].id)->pValue, 0.0);
        QCOMPARE(store().alert(stored[1].id)->value, std::numeric_limits<double>::max());
        QCOMPARE(store().alert(stored[1].id)->reference, QStringLiteral("samples:1-10"));
    }
};

QTEST_GUILESS_MAIN(AlertStoreTest)
#include "test_alert_store.moc"
