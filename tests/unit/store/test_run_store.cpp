#include "common/CodeVersion.h"
#include "common/Error.h"
#include "common/Log.h"
#include "store/Database.h"
#include "store/DatasetStore.h"
#include "store/RunLock.h"
#include "store/RunStore.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <cstdio>
#include <cstdlib>

using namespace mlwb;

namespace {

// This executable doubles as the "other process" of the multi-process tests: started with
// MLWB_TEST_CHILD_ROLE set, the test object's constructor plays that role and exits before
// QTest runs anything.
const char *const kRoleVariable = "MLWB_TEST_CHILD_ROLE";
constexpr int kBatches = 300;
constexpr int kPointsPerBatch = 10;

QString storeDataset(const Workspace &ws)
{
    Dataset d;
    d.height = d.width = 2;
    d.classNames = {QStringLiteral("a"), QStringLiteral("b")};
    for (int i = 0; i < 8; ++i) {
        for (int p = 0; p < 4; ++p)
            d.pixels.push_back(std::uint8_t(i + p));
        d.labels.push_back(std::uint8_t(i % 2));
        d.subsets.push_back(std::uint8_t(Subset::Train));
    }
    return DatasetStore(ws).save(d, QStringLiteral("tiny"), QStringLiteral("test"), {}, 0.25, 1).version.id;
}

std::vector<MetricPoint> batch(int index)
{
    std::vector<MetricPoint> points;
    for (int i = 0; i < kPointsPerBatch; ++i)
        points.push_back({i % 2 ? QStringLiteral("train_loss") : QStringLiteral("lr"), qint64(index * kPointsPerBatch + i),
                          index / 10, 1.0 / (1 + index)});
    return points;
}

bool waitForFile(const QString &path, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!QFileInfo::exists(path)) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(2);
    }
    return true;
}

// Creates runs and appends metric batches: what a trainer does, twice a second, here as
// fast as it can. Returns the number of errors.
int writeRunsAndMetrics(const Workspace &ws, const QString &datasetId, const QString &who)
{
    const RunStore runs(ws);
    for (int i = 0; i < kBatches; ++i) {
        const qint64 id = runs.createRun(datasetId, who, QJsonObject{{QStringLiteral("i"), i}});
        runs.markRunning(id);
        runs.appendMetrics(id, batch(i));
        runs.setEpochsDone(id, 1);
        runs.setStatus(id, RunStatus::Finished);
        (void)runs.list().size(); // a reader, as the GUI's run table
    }
    return 0;
}

int playChildRole(const QByteArray &role)
{
    try {
        initLogging(LogMode::Test);
        const WorkspacePtr ws = Workspace::open(qEnvironmentVariable("MLWB_TEST_WORKSPACE"));
        if (role == "hold-run-lock") {
            const qint64 runId = qEnvironmentVariable("MLWB_TEST_RUN").toLongLong();
            RunLock lock(*ws, runId);
            lock.lock();
            RunStore(*ws).markRunning(runId);
            std::printf("locked\n");
            std::fflush(stdout);
            QThread::sleep(120); // until killed
            return 3;
        }
        if (role == "writer") {
            const QString datasetId = qEnvironmentVariable("MLWB_TEST_DATASET");
            QFile(ws->root() + QStringLiteral("/child-ready")).open(QIODevice::WriteOnly);
            if (!waitForFile(ws->root() + QStringLiteral("/go"), 30000))
                return 4;
            return writeRunsAndMetrics(*ws, datasetId, QStringLiteral("child"));
        }
        std::fprintf(stderr, "unknown role %s\n", role.constData());
        return 5;
    } catch (const Error &e) {
        std::fprintf(stderr, "child failed: %s\n", qPrintable(e.message()));
        return 1;
    }
}

QProcess *startChild(const QByteArray &role, const QProcessEnvironment &extra, QObject *parent)
{
    auto *child = new QProcess(parent);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kRoleVariable), QString::fromLatin1(role));
    for (const QString &key : extra.keys())
        env.insert(key, extra.value(key));
    child->setProcessEnvironment(env);
    child->setProcessChannelMode(QProcess::SeparateChannels);
    child->start(QCoreApplication::applicationFilePath(), {});
    return child;
}

} // namespace

class TestRunStore : public QObject {
    Q_OBJECT
public:
    TestRunStore()
    {
        if (qEnvironmentVariableIsSet(kRoleVariable))
            std::exit(playChildRole(qgetenv(kRoleVariable)));
    }

private Q_SLOTS:
    void initTestCase() { initLogging(LogMode::Test); }

    void statusNamesRoundTrip()
    {
        for (RunStatus s : {RunStatus::Queued, RunStatus::Running, RunStatus::Finished, RunStatus::Failed,
                            RunStatus::Cancelled, RunStatus::Interrupted})
            QCOMPARE(runStatusFromString(runStatusName(s)), s);
        QCOMPARE(runStatusName(RunStatus::Interrupted), QStringLiteral("interrupted"));
        QVERIFY(!runStatusFromString(QStringLiteral("done")));
        QVERIFY(!isTerminal(RunStatus::Running));
        QVERIFY(isTerminal(RunStatus::Cancelled));
    }

    void runLifecycle()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const RunStore runs(*ws);
        const QString datasetId = storeDataset(*ws);
        const QJsonObject settings{{QStringLiteral("epochs"), 3}, {QStringLiteral("lr"), 0.01}};

        const qint64 id = runs.createRun(datasetId, QStringLiteral("cnn"), settings, QStringLiteral("v1"));
        QVERIFY(QFileInfo(ws->runDir(id)).isDir());
        RunRecord r = runs.require(id);
        QCOMPARE(r.status, RunStatus::Queued);
        QCOMPARE(r.datasetId, datasetId);
        QCOMPARE(r.settings, settings);
        QCOMPARE(r.codeVersion, QStringLiteral("v1"));
        QVERIFY(r.created.isValid());
        QVERIFY(!r.started.isValid());
        QVERIFY(!r.modelId);

        runs.markRunning(id);
        r = runs.require(id);
        QCOMPARE(r.status, RunStatus::Running);
        QCOMPARE(r.pid, QCoreApplication::applicationPid());
        QVERIFY(r.started.isValid());
        QVERIFY(!r.finished.isValid());

        runs.setEpochsDone(id, 2);
        runs.setStatus(id, RunStatus::Failed, QStringLiteral("loss became NaN at epoch 3"));
        r = runs.require(id);
        QCOMPARE(r.epochsDone, 2);
        QCOMPARE(r.status, RunStatus::Failed);
        QCOMPARE(r.error, QStringLiteral("loss became NaN at epoch 3"));
        QVERIFY(r.finished.isValid());
        QCOMPARE(r.toJson().value(QStringLiteral("status")).toString(), QStringLiteral("failed"));

        const qint64 second = runs.createRun(datasetId, QStringLiteral("mlp"), {});
        QCOMPARE(runs.list().size(), 2);
        QCOMPARE(runs.list().first().id, second); // newest first
        QCOMPARE(runs.require(second).codeVersion, mlwb::codeVersion());

        QVERIFY(!runs.run(999));
        QVERIFY_THROWS_EXCEPTION(UsageError, runs.setStatus(999, RunStatus::Finished));
        QVERIFY_THROWS_EXCEPTION(UsageError, runs.createRun(QStringLiteral("no-such-dataset"), QStringLiteral("cnn"), {}));
    }

    void metricsAreStoredInBatches()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const RunStore runs(*ws);
        const qint64 id = runs.createRun(storeDataset(*ws), QStringLiteral("cnn"), {});
        runs.appendMetrics(id, {{QStringLiteral("train_loss"), 2, 0, 0.5}, {QStringLiteral("train_loss"), 1, 0, 0.9},
                                {QStringLiteral("val_accuracy"), 2, 0, 0.8}});
        runs.appendMetrics(id, {{QStringLiteral("train_loss"), 3, 1, 0.25}});
        runs.appendMetrics(id, {});

        const std::vector<MetricPoint> loss = runs.metrics(id, QStringLiteral("train_loss"));
        QCOMPARE(loss.size(), size_t(3));
        QCOMPARE(loss[0], (MetricPoint{QStringLiteral("train_loss"), 1, 0, 0.9}));
        QCOMPARE(loss[2], (MetricPoint{QStringLiteral("train_loss"), 3, 1, 0.25}));
        QCOMPARE(runs.metricNames(id), (QStringList{QStringLiteral("train_loss"), QStringLiteral("val_accuracy")}));
        QCOMPARE(runs.metricsSince(id, QStringLiteral("train_loss"), 1).size(), size_t(2));
        // The last point of a curve for every run at once (the run list's final metrics).
        const qint64 other = runs.createRun(storeDataset(*ws), QStringLiteral("mlp"), {});
        runs.appendMetrics(other, {{QStringLiteral("train_loss"), 7, 0, 0.4}});
        runs.appendMetrics(other, {{QStringLiteral("train_loss"), 5, 0, 0.6}}); // stored later, earlier step
        const QHash<qint64, double> lastLoss = runs.lastValues(QStringLiteral("train_loss"));
        QCOMPARE(lastLoss.size(), 2);
        QCOMPARE(lastLoss.value(id), 0.25);
        QCOMPARE(lastLoss.value(other), 0.4); // the highest step's, not the last stored
        QVERIFY(runs.lastValues(QStringLiteral("lr")).isEmpty());
        runs.truncateMetrics(id, 2);
        QCOMPARE(runs.metrics(id, QStringLiteral("train_loss")).size(), size_t(2));

        // A batch is one transaction: a refused point drops the whole batch.
        ws->database().exec(QStringLiteral("CREATE TEMP TRIGGER no_negative BEFORE INSERT ON metrics WHEN NEW.value < 0 "
                                           "BEGIN SELECT RAISE(ABORT, 'negative value'); END"));
        QVERIFY_THROWS_EXCEPTION(Error, runs.appendMetrics(id, {{QStringLiteral("lr"), 10, 2, 0.1},
                                                               {QStringLiteral("lr"), 11, 2, -1.0}}));
        QVERIFY(runs.metrics(id, QStringLiteral("lr")).empty());
        // Unknown run: the foreign key refuses.
        QVERIFY_THROWS_EXCEPTION(Error, runs.appendMetrics(12345, {{QStringLiteral("lr"), 1, 0, 0.1}}));
    }

    void recoversARunWhoseProcessWasKilled()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const RunStore runs(*ws);
        const qint64 id = runs.createRun(storeDataset(*ws), QStringLiteral("cnn"), {});

        QProcessEnvironment env;
        env.insert(QStringLiteral("MLWB_TEST_WORKSPACE"), dir.path());
        env.insert(QStringLiteral("MLWB_TEST_RUN"), QString::number(id));
        QProcess *child = startChild("hold-run-lock", env, this);
        QVERIFY(child->waitForStarted(10000));
        QByteArray out;
        QDeadlineTimer deadline(30000);
        while (!out.contains("locked") && !deadline.hasExpired() && child->state() == QProcess::Running) {
            child->waitForReadyRead(100);
            out += child->readAllStandardOutput();
        }
        QVERIFY2(out.contains("locked"), child->readAllStandardError().constData());
        QCOMPARE(runs.require(id).status, RunStatus::Running);
        const qint64 childPid = child->processId();
        QCOMPARE(runs.require(id).pid, childPid);

        // Alive: left alone, and its lock cannot be taken.
        QCOMPARE(runs.recoverInterruptedRuns(), 0);
        QCOMPARE(runs.require(id).status, RunStatus::Running);
        RunLock mine(*ws, id);
        QVERIFY(!mine.tryLock());

        child->kill(); // SIGKILL: no clean-up runs in the child
        QVERIFY(child->waitForFinished(10000));
        QVERIFY(QFileInfo::exists(RunLock::lockPath(*ws, id))); // the stale lock stays behind

        QCOMPARE(runs.recoverInterruptedRuns(), 1);
        const RunRecord r = runs.require(id);
        QCOMPARE(r.status, RunStatus::Interrupted);
        QVERIFY2(r.error.contains(QStringLiteral("pid %1").arg(childPid)), qPrintable(r.error));
        QVERIFY(r.finished.isValid());
        QCOMPARE(runs.recoverInterruptedRuns(), 0);
        // The run can be resumed: its lock is free now.
        QVERIFY(mine.tryLock());
    }

    void recoversRunsWithStaleOrMissingLocks()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const RunStore runs(*ws);
        const QString datasetId = storeDataset(*ws);

        // A lock file written by a process that no longer exists.
        QProcess finished;
        finished.start(QStringLiteral("/bin/true"), {});
        QVERIFY(finished.waitForStarted(10000));
        const qint64 deadPid = finished.processId(); // 0 once it finished
        QVERIFY(finished.waitForFinished(10000));
        QVERIFY(deadPid > 0);
        const qint64 stale = runs.createRun(datasetId, QStringLiteral("cnn"), {});
        runs.markRunning(stale);
        QFile lockFile(RunLock::lockPath(*ws, stale));
        QVERIFY(lockFile.open(QIODevice::WriteOnly));
        lockFile.write(QByteArray::number(deadPid) + '\n' + QCoreApplication::applicationName().toUtf8() + '\n' +
                       QSysInfo::machineHostName().toUtf8() + '\n');
        lockFile.close();

        // No lock file at all (a run marked running by a process that never locked).
        const qint64 unlocked = runs.createRun(datasetId, QStringLiteral("cnn"), {});
        runs.markRunning(unlocked);

        // Held by a live process (this one).
        const qint64 live = runs.createRun(datasetId, QStringLiteral("cnn"), {});
        RunLock liveLock(*ws, live);
        liveLock.lock();
        runs.markRunning(live);

        // Not running: untouched.
        const qint64 queued = runs.createRun(datasetId, QStringLiteral("cnn"), {});

        QCOMPARE(runs.recoverInterruptedRuns(), 2);
        QCOMPARE(runs.require(stale).status, RunStatus::Interrupted);
        QCOMPARE(runs.require(unlocked).status, RunStatus::Interrupted);
        QCOMPARE(runs.require(live).status, RunStatus::Running);
        QCOMPARE(runs.require(queued).status, RunStatus::Queued);

        // Another process asking to train the live run is told who holds it.
        RunLock other(*ws, live);
        try {
            other.lock();
            QFAIL("took a lock that a live process holds");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("run %1 is already being trained by").arg(live)),
                     qPrintable(e.message()));
            QVERIFY(e.message().contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())));
        }
        QVERIFY(!other.isLocked());
        liveLock.unlock();
        QVERIFY(other.tryLock());
    }

    void twoProcessesShareOneWorkspace()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const QString datasetId = storeDataset(*ws);

        QProcessEnvironment env;
        env.insert(QStringLiteral("MLWB_TEST_WORKSPACE"), dir.path());
        env.insert(QStringLiteral("MLWB_TEST_DATASET"), datasetId);
        QProcess *child = startChild("writer", env, this);
        QVERIFY(child->waitForStarted(10000));
        QVERIFY2(waitForFile(dir.filePath(QStringLiteral("child-ready")), 30000), child->readAllStandardError().constData());
        QFile(dir.filePath(QStringLiteral("go"))).open(QIODevice::WriteOnly);

        // This process writes at the same time, from two threads (a GUI and its trainer).
        int threadErrors = 0;
        QString threadError;
        QThread *trainer = QThread::create([&] {
            try {
                writeRunsAndMetrics(*ws, datasetId, QStringLiteral("thread"));
            } catch (const Error &e) {
                ++threadErrors;
                threadError = e.message();
            }
        });
        trainer->start();
        try {
            writeRunsAndMetrics(*ws, datasetId, QStringLiteral("parent"));
        } catch (const Error &e) {
            QFAIL(qPrintable(e.message()));
        }
        QVERIFY(trainer->wait(120000));
        delete trainer;
        QVERIFY2(threadErrors == 0, qPrintable(threadError));

        QVERIFY(child->waitForFinished(120000));
        const QByteArray childErrors = child->readAllStandardError();
        QVERIFY2(child->exitStatus() == QProcess::NormalExit && child->exitCode() == 0, childErrors.constData());
        QVERIFY2(!childErrors.contains("locked"), childErrors.constData());

        const Database &db = ws->database();
        for (const char *who : {"child", "parent", "thread"}) {
            QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM runs WHERE architecture = ? AND status = 'finished'"),
                               {QString::fromLatin1(who)}).toInt(), kBatches);
            QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM metrics JOIN runs ON runs.id = metrics.run_id "
                                              "WHERE architecture = ?"),
                               {QString::fromLatin1(who)}).toInt(), kBatches * kPointsPerBatch);
        }
        // The writers really ran at the same time: their run ids interleave.
        auto idRange = [&](const char *who) {
            QSqlQuery q = db.exec(QStringLiteral("SELECT min(id), max(id) FROM runs WHERE architecture = ?"),
                                  {QString::fromLatin1(who)});
            q.next();
            return std::pair{q.value(0).toLongLong(), q.value(1).toLongLong()};
        };
        const auto [childFirst, childLast] = idRange("child");
        const auto [parentFirst, parentLast] = idRange("parent");
        QVERIFY(childFirst < parentLast && parentFirst < childLast);
    }
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "test_run_store.moc"
