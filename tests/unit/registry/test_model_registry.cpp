#include "common/Error.h"
#include "common/Log.h"
#include "registry/ModelRegistry.h"
#include "common/AtomicFolder.h"
#include "store/Database.h"
#include "store/DatasetStore.h"
#include "store/RunStore.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

using namespace mlwb;

namespace {

QString storeDataset(const Workspace &ws)
{
    Dataset d;
    d.height = d.width = 2;
    d.classNames = {QStringLiteral("a"), QStringLiteral("b")};
    for (int i = 0; i < 6; ++i) {
        for (int p = 0; p < 4; ++p)
            d.pixels.push_back(std::uint8_t(i * p));
        d.labels.push_back(std::uint8_t(i % 2));
        d.subsets.push_back(std::uint8_t(Subset::Train));
    }
    return DatasetStore(ws).save(d, QStringLiteral("tiny"), QStringLiteral("test"), {}, 0.2, 1).version.id;
}

NewModel candidate(double macroF1, qint64 parameters = 50000)
{
    NewModel m;
    m.architecture = QStringLiteral("cnn");
    m.parameterCount = parameters;
    m.accuracy = macroF1 + 0.001;
    m.macroF1 = macroF1;
    m.weightedF1 = macroF1 + 0.0005;
    return m;
}

ModelVersion withScores(double macroF1, qint64 parameters)
{
    ModelVersion m;
    m.id = 1;
    m.macroF1 = macroF1;
    m.parameterCount = parameters;
    return m;
}

int rows(const Workspace &ws, const QString &table)
{
    return ws.database().scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)).toInt();
}

} // namespace

class TestModelRegistry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { initLogging(LogMode::Test); }

    void registersAModelWithItsFiles()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const ModelRegistry registry(*ws);
        const RunStore runs(*ws);
        const QString datasetId = storeDataset(*ws);
        const qint64 runId = runs.createRun(datasetId, QStringLiteral("cnn"), {});

        const QString staged = ws->modelsDir() + QStringLiteral("/staging-1");
        writeFileAtomically(staged + QStringLiteral("/model.pt"), QByteArray("weights"));

        NewModel m = candidate(0.97, 12345);
        m.runId = runId;
        m.datasetId = datasetId;
        m.evaluation = QJsonObject{{QStringLiteral("perClassF1"), QJsonArray{0.96, 0.98}}};
        m.settings = QJsonObject{{QStringLiteral("epochs"), 5}};
        m.codeVersion = QStringLiteral("v9");
        const ModelVersion v = registry.registerModel(m, staged);

        QVERIFY(v.id > 0);
        QCOMPARE(v.path, QStringLiteral("models/%1").arg(v.id));
        QCOMPARE(v.runId, std::optional<qint64>(runId));
        QCOMPARE(v.datasetId, datasetId);
        QCOMPARE(v.parameterCount, qint64(12345));
        QCOMPARE(v.macroF1, 0.97);
        QCOMPARE(v.evaluation, m.evaluation);
        QCOMPARE(v.settings, m.settings);
        QCOMPARE(v.codeVersion, QStringLiteral("v9"));
        QVERIFY(v.created.isValid());
        QVERIFY(!QFileInfo::exists(staged));
        QFile weights(ws->absolute(v.path) + QStringLiteral("/model.pt"));
        QVERIFY(weights.open(QIODevice::ReadOnly));
        QCOMPARE(weights.readAll(), QByteArray("weights"));
        QCOMPARE(runs.require(runId).modelId, std::optional<qint64>(v.id));
        QCOMPARE(registry.require(v.id).toJson(), v.toJson());

        // Without files, without a run, without a data set.
        const ModelVersion bare = registry.registerModel(candidate(0.5));
        QVERIFY(!bare.runId);
        QVERIFY(bare.datasetId.isEmpty());
        QCOMPARE(registry.list().size(), 2);
        QCOMPARE(registry.list().first().id, bare.id); // newest first
        QVERIFY(!registry.model(999));
        QVERIFY_THROWS_EXCEPTION(UsageError, registry.require(999));
    }

    void failedRegistrationChangesNothing()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const ModelRegistry registry(*ws);
        const QString staged = dir.filePath(QStringLiteral("staged"));
        writeFileAtomically(staged + QStringLiteral("/model.pt"), QByteArray("w"));

        NewModel unknownRun = candidate(0.9);
        unknownRun.runId = 4242; // the foreign key refuses it, after the folder would have moved
        QVERIFY_THROWS_EXCEPTION(Error, registry.registerModel(unknownRun, staged));
        QVERIFY(QFileInfo::exists(staged + QStringLiteral("/model.pt"))); // given back
        QCOMPARE(rows(*ws, QStringLiteral("models")), 0);
        QVERIFY(QDir(ws->modelsDir()).isEmpty());

        // A failure after the folder moved into models/<id>: it moves back.
        const qint64 runId = RunStore(*ws).createRun(storeDataset(*ws), QStringLiteral("cnn"), {});
        ws->database().exec(QStringLiteral("CREATE TEMP TRIGGER refuse BEFORE UPDATE OF model_id ON runs "
                                           "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"));
        NewModel late = candidate(0.9);
        late.runId = runId;
        try {
            registry.registerModel(late, staged);
            QFAIL("registered despite the trigger");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("refused by the test")), qPrintable(e.message()));
        }
        QVERIFY(QFileInfo::exists(staged + QStringLiteral("/model.pt")));
        QCOMPARE(rows(*ws, QStringLiteral("models")), 0);
        QVERIFY(QDir(ws->modelsDir()).isEmpty());
        QVERIFY(!RunStore(*ws).require(runId).modelId);
        ws->database().exec(QStringLiteral("DROP TRIGGER temp.refuse"));

        NewModel notANumber = candidate(std::numeric_limits<double>::quiet_NaN());
        QVERIFY_THROWS_EXCEPTION(UsageError, registry.registerModel(notANumber));
        QVERIFY_THROWS_EXCEPTION(UsageError, registry.registerModel(candidate(0.9, -1)));
        QVERIFY_THROWS_EXCEPTION(Error, registry.registerModel(candidate(0.9), dir.filePath(QStringLiteral("nowhere"))));
        QCOMPARE(rows(*ws, QStringLiteral("models")), 0);
    }

    void comparesByMacroF1ThenNewest()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const ModelRegistry registry(*ws);
        const qint64 weak = registry.registerModel(candidate(0.90)).id;
        const qint64 strongOld = registry.registerModel(candidate(0.97)).id;
        const qint64 middle = registry.registerModel(candidate(0.95)).id;
        const qint64 strongNew = registry.registerModel(candidate(0.97)).id;
        QList<qint64> order;
        for (const ModelVersion &m : registry.compare())
            order << m.id;
        QCOMPARE(order, (QList<qint64>{strongNew, strongOld, middle, weak}));
    }

    void gateFailuresSayByHowMuch_data()
    {
        QTest::addColumn<double>("macroF1");
        QTest::addColumn<qint64>("parameters");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("passes") << 0.96 << qint64(100000) << QStringList{};
        QTest::newRow("exactly at both limits") << 0.95 << qint64(100000) << QStringList{};
        QTest::newRow("macro-F1 too low") << 0.9312 << qint64(1000)
                                          << QStringList{QStringLiteral("macro-F1 0.9312 is below the minimum 0.9500 by 0.0188")};
        QTest::newRow("too many parameters")
            << 0.99 << qint64(120000)
            << QStringList{QStringLiteral("120000 parameters exceed the maximum 100000 by 20000")};
        QTest::newRow("both") << 0.5 << qint64(100001)
                              << QStringList{QStringLiteral("macro-F1 0.5000 is below the minimum 0.9500 by 0.4500"),
                                             QStringLiteral("100001 parameters exceed the maximum 100000 by 1")};
        QTest::newRow("tiny shortfall is not printed as zero")
            << 0.94999 << qint64(10)
            << QStringList{QStringLiteral("macro-F1 0.94999 is below the minimum 0.95000 by 0.00001")};
        QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << qint64(10)
                                      << QStringList{QStringLiteral("macro-F1 is not a number, so it cannot reach the minimum 0.9500")};
    }
    void gateFailuresSayByHowMuch()
    {
        QFETCH(double, macroF1);
        QFETCH(qint64, parameters);
        QFETCH(QStringList, expected);
        const Gates gates{0.95, 100000};
        QCOMPARE(gateFailures(withScores(macroF1, parameters), gates), expected);
    }

    void gatesAreWorkspaceSettings()
    {
        QTemporaryDir dir;
        {
            const WorkspacePtr ws = Workspace::open(dir.path());
            const ModelRegistry registry(*ws);
            QCOMPARE(registry.gates(), Gates{});
            QCOMPARE(Gates{}.minMacroF1, 0.95);
            QCOMPARE(Gates{}.maxParameters, qint64(200000));
            registry.setGates(Gates{0.9, 5000});
            QVERIFY_THROWS_EXCEPTION(UsageError, registry.setGates(Gates{1.5, 5000}));
            QVERIFY_THROWS_EXCEPTION(UsageError, registry.setGates(Gates{0.5, 0}));
        }
        const WorkspacePtr again = Workspace::open(dir.path());
        QCOMPARE(ModelRegistry(*again).gates(), (Gates{0.9, 5000}));
    }

    void promotesOnlyThroughTheGates()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const ModelRegistry registry(*ws);
        const Gates gates{0.95, 100000};
        const qint64 weak = registry.registerModel(candidate(0.9312, 120000)).id;
        const qint64 good = registry.registerModel(candidate(0.97)).id;

        try {
            registry.promote(weak, gates);
            QFAIL("a model below the gates was promoted");
        } catch (const GateError &e) {
            QCOMPARE(e.modelId(), weak);
            QCOMPARE(e.failures().size(), 2);
            QVERIFY(e.message().contains(QStringLiteral("by 0.0188")));
            QVERIFY(e.message().contains(QStringLiteral("by 20000")));
        }
        QVERIFY_THROWS_EXCEPTION(GateNotMet, registry.promote(weak, gates)); // the CLI's gate exit code
        QVERIFY(!registry.production());
        QVERIFY(registry.history().isEmpty());
        QVERIFY_THROWS_EXCEPTION(UsageError, registry.promote(999, gates));

        const auto promoted = registry.promote(good, gates, QStringLiteral("best so far"));
        QVERIFY(promoted.changed);
        QVERIFY(!promoted.previousModelId);
        QCOMPARE(registry.production()->id, good);

        const auto again = registry.promote(good, gates);
        QVERIFY(!again.changed);
        QVERIFY2(again.message.contains(QStringLiteral("already is production")), qPrintable(again.message));
        QCOMPARE(registry.history().size(), 1);

        const AliasEvent e = registry.history().first();
        QCOMPARE(e.alias, QStringLiteral("production"));
        QCOMPARE(e.modelId, good);
        QVERIFY(!e.previousModelId);
        QCOMPARE(e.action, QStringLiteral("promote"));
        QCOMPARE(e.note, QStringLiteral("best so far"));
        QVERIFY(e.at.isValid());

        // Looser gates let the weak model through; the history records what it replaced.
        registry.promote(weak, Gates{0.9, 200000});
        QCOMPARE(registry.production()->id, weak);
        QCOMPARE(registry.history().first().previousModelId, std::optional<qint64>(good));
    }

    void rollsBackStepByStep()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const ModelRegistry registry(*ws);
        const Gates gates{0.5, 1000000};

        try {
            registry.rollback();
            QFAIL("rolled back with no history");
        } catch (const UsageError &e) {
            QCOMPARE(e.message(), QStringLiteral("no earlier production model to roll back to"));
        }

        const qint64 a = registry.registerModel(candidate(0.96)).id;
        const qint64 b = registry.registerModel(candidate(0.97)).id;
        const qint64 c = registry.registerModel(candidate(0.98)).id;
        registry.promote(a, gates);
        QVERIFY_THROWS_EXCEPTION(UsageError, registry.rollback()); // only one production so far
        registry.promote(b, gates);
        registry.promote(c, gates);

        QCOMPARE(registry.rollback(kProductionAlias, QStringLiteral("c misbehaves")).id, b);
        QCOMPARE(registry.production()->id, b);
        QCOMPARE(registry.rollback().id, a); // two steps back, not back to c
        QCOMPARE(registry.production()->id, a);
        QVERIFY_THROWS_EXCEPTION(UsageError, registry.rollback());
        QCOMPARE(registry.production()->id, a);

        const QList<AliasEvent> history = registry.history();
        QCOMPARE(history.size(), 5);
        QCOMPARE(history[0].action, QStringLiteral("rollback"));
        QCOMPARE(history[0].modelId, a);
        QCOMPARE(history[0].previousModelId, std::optional<qint64>(b));
        QCOMPARE(history[1].action, QStringLiteral("rollback"));
        QCOMPARE(history[1].modelId, b);
        QCOMPARE(history[1].previousModelId, std::optional<qint64>(c));
        QCOMPARE(history[1].note, QStringLiteral("c misbehaves"));
        QCOMPARE(history[4].modelId, a);

        // A new promotion after rollbacks stacks on what is production now.
        registry.promote(c, gates);
        QCOMPARE(registry.rollback().id, a);

        // Other aliases are independent.
        QVERIFY(!registry.aliasTarget(QStringLiteral("staging")));
        registry.promote(b, gates, {}, QStringLiteral("staging"));
        QCOMPARE(registry.aliasTarget(QStringLiteral("staging"))->id, b);
        QCOMPARE(registry.production()->id, a);
    }
};

QTEST_GUILESS_MAIN(TestModelRegistry)
#include "test_model_registry.moc"
