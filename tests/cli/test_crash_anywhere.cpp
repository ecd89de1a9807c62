// Crash anywhere: the real `mlwb` is killed (SIGKILL: no handler, no destructor, no flush) at a
// random moment while it ingests, trains, evaluates, imports (registers), promotes and works
// through the queue, several times each, on one workspace. After every kill: the database
// passes `PRAGMA integrity_check`, everything listed (data sets, models) loads completely, no
// half-written folder is visible, a killed run resumes, and the next command succeeds.
//
// The delays are drawn from a seeded generator (MLWB_CRASH_SEED, default below) over the time
// the command's work took when it ran to its end once: from its first progress line (before
// it, every command only loads libraries), or over the second half of a command that prints
// none. MLWB_CRASH_ROUNDS sets the kills per kind of work (default 3).
#include "cli/CliRunner.h"
#include "cli/SyntheticDigits.h"

#include "common/AtomicFolder.h"
#include "models/ModelFiles.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/RunStore.h"
#include "store/Workspace.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <random>

using namespace mlwb;
using namespace mlwb::test;
using namespace Qt::StringLiterals;

// A check helper that failed: stop the test function here.
#define CHECKED(call)                                                                                                  \
    do {                                                                                                               \
        call;                                                                                                          \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

namespace {

const QString kDataName = u"digits"_s;
constexpr unsigned kDefaultSeed = 20261201;

int environmentInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

// Names in `dir` (hidden ones too) that are AtomicFolder temporaries.
QStringList temporaryFolders(const QString &dir)
{
    QStringList found;
    for (const QString &name : QDir(dir).entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot))
        if (isTemporaryFolderName(name))
            found << name;
    return found;
}

} // namespace

class CrashAnywhereTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void killDuringIngest();
    void killDuringTraining();
    void killDuringEvaluation();
    void killDuringImport();
    void killDuringPromotion();
    void killDuringQueueRun();

private:
    CliRunner &cli() { return *m_cli; }
    QString ws(const QString &relative) const { return m_cli->workspace() + u'/' + relative; }
    QStringList trainArgs(int seed) const
    {
        return {u"train"_s, u"--data"_s, kDataName, u"--model"_s, u"mlp"_s, u"--epochs"_s, u"4"_s, u"--batch-size"_s,
                u"16"_s, u"--lr"_s, u"0.003"_s, u"--threads"_s, u"1"_s, u"--seed"_s, QString::number(seed)};
    }

    // When a command's work starts and how long it lasts, from one run to its end.
    struct Timing {
        bool anchored = false; // the work starts with the first progress line on stderr
        qint64 startMs = 0;    // else this long after the start
        qint64 workMs = 1;
    };
    static qint64 waitUntilWorking(QProcess &process, const QElapsedTimer &since);
    static CliResult collect(QProcess &process);
    // Runs `args` to its end (`result`: how it ended) and times its work.
    Timing calibrate(const QStringList &args, CliResult &result);
    // Starts `args` and kills it at a random moment within its work (up to 10 % past its end
    // as calibrated). True when it was killed; false when it had finished before (then it
    // must have succeeded, and `timing` takes its shorter time).
    bool runAndKill(const QStringList &args, Timing &timing, int round);

    // What must hold after any kill, whatever it interrupted.
    void checkDatabase();
    void checkDatasets(const QJsonArray &listed);
    void checkModels(const QJsonArray &listed);
    void checkModels(const QList<ModelVersion> &models);
    void checkNoHalfWrittenFolders();
    QJsonArray listed(const QStringList &args, const QString &key = {});

    QTemporaryDir m_files; // fixtures and the workspace
    std::unique_ptr<CliRunner> m_cli;
    std::mt19937 m_rng;
    qint64 m_firstModel = 0;  // trained in initTestCase
    qint64 m_secondModel = 0;
    QString m_exported;       // a TorchScript file of the first model, for imports
    int m_rounds = 3;
    int m_kills = 0, m_finishedFirst = 0;
    QElapsedTimer m_clock;
};

void CrashAnywhereTest::initTestCase()
{
    m_clock.start();
    QVERIFY2(QFileInfo(QStringLiteral(MLWB_BINARY)).isExecutable(), MLWB_BINARY);
    QVERIFY(m_files.isValid());
    const unsigned seed = unsigned(environmentInt("MLWB_CRASH_SEED", int(kDefaultSeed)));
    m_rounds = environmentInt("MLWB_CRASH_ROUNDS", 3);
    m_rng.seed(seed);
    qInfo("seed %u (MLWB_CRASH_SEED), %d kills per kind (MLWB_CRASH_ROUNDS)", seed, m_rounds);
    m_cli = std::make_unique<CliRunner>(m_files.filePath(u"ws"_s));

    SyntheticDigits::writeIdxFolder(m_files.filePath(u"digits"_s), 300, 100, 7);
    CLI_OK(cli().run({u"data"_s, u"ingest"_s, m_files.filePath(u"digits"_s), u"--name"_s, kDataName}));

    const CliResult first = cli().run(trainArgs(1));
    CLI_OK(first);
    m_firstModel = first.object()[u"model"_s].toInteger();
    const CliResult second = cli().run(trainArgs(2));
    CLI_OK(second);
    m_secondModel = second.object()[u"model"_s].toInteger();
    QVERIFY(m_firstModel > 0 && m_secondModel > m_firstModel);
    m_exported = m_files.filePath(u"exported.pt"_s);
    CLI_OK(cli().run({u"export"_s, m_exported, u"--model"_s, QString::number(m_firstModel)}));
}

void CrashAnywhereTest::cleanupTestCase()
{
    qInfo("%d kills, %d commands finished before their kill, %lld s in all", m_kills, m_finishedFirst,
          m_clock.elapsed() / 1000);
}

// Waits for the first line on stderr (the job's first progress line: libraries are loaded and
// the workspace is open) or for the end; returns when that came, -1 when it did not.
qint64 CrashAnywhereTest::waitUntilWorking(QProcess &process, const QElapsedTimer &since)
{
    process.setReadChannel(QProcess::StandardError);
    while (process.state() != QProcess::NotRunning && since.elapsed() < 120000) {
        if (process.bytesAvailable() > 0 || process.waitForReadyRead(50))
            return since.elapsed();
    }
    return -1;
}

CrashAnywhereTest::Timing CrashAnywhereTest::calibrate(const QStringList &args, CliResult &result)
{
    Timing timing;
    QElapsedTimer timer;
    timer.start();
    auto process = cli().start(args);
    if (process->waitForStarted(30000)) {
        const qint64 working = waitUntilWorking(*process, timer);
        process->waitForFinished(300000);
        const qint64 end = timer.elapsed();
        // Without progress output, the work is at the end of the start-up that every command
        // spends loading libraries: kills then fall within the second half of its time.
        timing.anchored = working >= 0 && working < end;
        timing.startMs = timing.anchored ? working : end / 2;
        timing.workMs = std::max<qint64>(1, end - timing.startMs);
    }
    result = collect(*process);
    return timing;
}

CliResult CrashAnywhereTest::collect(QProcess &process)
{
    CliResult r;
    if (process.state() != QProcess::NotRunning && !process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished(10000);
        r.error = u"still running after 300 s: killed"_s;
    } else if (process.exitStatus() == QProcess::CrashExit) {
        r.error = u"crashed: "_s + process.errorString();
    } else {
        r.exitCode = process.exitCode();
    }
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

bool CrashAnywhereTest::runAndKill(const QStringList &args, Timing &timing, int round)
{
    const qint64 delay = std::uniform_int_distribution<qint64>(0, timing.workMs * 11 / 10)(m_rng);
    QElapsedTimer timer;
    timer.start();
    auto process = cli().start(args);
    if (!process->waitForStarted(30000)) {
        QTest::qFail(qPrintable(u"did not start: "_s + process->errorString()), __FILE__, __LINE__);
        return false;
    }
    qint64 from = timing.startMs;
    if (timing.anchored) {
        from = waitUntilWorking(*process, timer);
        if (from < 0)
            from = timer.elapsed();
    }
    const qint64 left = from + delay - timer.elapsed();
    if (process->state() == QProcess::NotRunning || (left > 0 && process->waitForFinished(int(left)))) {
        ++m_finishedFirst;
        qInfo("round %d: `%s` finished %lld ms into its work, before its kill at %lld (of about %lld)", round,
              qPrintable(args.first()), timer.elapsed() - from, delay, timing.workMs);
        timing.workMs = std::max<qint64>(1, timer.elapsed() - from); // faster than calibrated: aim within
        const CliResult r = collect(*process);
        if (r.exitCode != 0)
            QTest::qFail(r.describe().constData(), __FILE__, __LINE__);
        return false;
    }
    ::kill(pid_t(process->processId()), SIGKILL);
    process->waitForFinished(30000);
    ++m_kills;
    qInfo("round %d: `%s` killed %lld ms into its work (of about %lld)", round, qPrintable(args.first()),
          timer.elapsed() - from, timing.workMs);
    return process->exitStatus() == QProcess::CrashExit;
}

void CrashAnywhereTest::checkDatabase()
{
    const QString path = ws(u"mlwb.sqlite"_s);
    QVERIFY(QFileInfo::exists(path));
    const QString connection = u"crash-check"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery integrity(db);
        QVERIFY2(integrity.exec(u"PRAGMA integrity_check"_s), qPrintable(integrity.lastError().text()));
        QVERIFY(integrity.next());
        QCOMPARE(integrity.value(0).toString(), u"ok"_s);
        QSqlQuery keys(db);
        QVERIFY(keys.exec(u"PRAGMA foreign_key_check"_s));
        if (keys.next())
            QFAIL(qPrintable(u"a row refers to a missing one in "_s + keys.value(0).toString()));
    }
    QSqlDatabase::removeDatabase(connection);
}

QJsonArray CrashAnywhereTest::listed(const QStringList &args, const QString &key)
{
    const CliResult r = cli().run(args);
    if (r.exitCode != 0) {
        QTest::qFail(r.describe().constData(), __FILE__, __LINE__);
        return {};
    }
    return key.isEmpty() ? r.array() : r.object()[key].toArray();
}

// Every listed data set version reads back whole, and its bytes hash to its id.
void CrashAnywhereTest::checkDatasets(const QJsonArray &listed)
{
    const WorkspacePtr workspace = Workspace::open(m_cli->workspace());
    const DatasetStore store(*workspace);
    for (const QJsonValue &v : listed) {
        const QString id = v[u"id"_s].toString();
        try {
            const DatasetPtr data = store.load(id, /*verifyContent=*/true);
            QCOMPARE(qint64(data->size()), v[u"trainCount"_s].toInteger() + v[u"testCount"_s].toInteger());
        } catch (const Error &e) {
            QFAIL(qPrintable(u"listed data set %1 does not load: %2"_s.arg(id, e.message())));
        }
    }
}

// Every listed model version loads as a classifier from the folder it names.
void CrashAnywhereTest::checkModels(const QJsonArray &listed)
{
    for (const QJsonValue &v : listed) {
        const QString path = v[u"path"_s].toString();
        QVERIFY2(!isTemporaryFolderName(QFileInfo(path).fileName()), qPrintable(path));
        try {
            QVERIFY(loadClassifier(ws(path), 1) != nullptr);
        } catch (const Error &e) {
            QFAIL(qPrintable(u"listed model %1 does not load: %2"_s.arg(v[u"id"_s].toInteger()).arg(e.message())));
        }
    }
}

// The same, for the models the registry lists in this process.
void CrashAnywhereTest::checkModels(const QList<ModelVersion> &models)
{
    QJsonArray json;
    for (const ModelVersion &m : models)
        json.append(m.toJson());
    checkModels(json);
}

// What a reader could take for a data set, a model or a run's model: only whole ones. The
// writers' temporaries are hidden (".<name>.partial-…"), so only the names that readers use
// are looked at.
void CrashAnywhereTest::checkNoHalfWrittenFolders()
{
    static const QRegularExpression datasetName(u"^[0-9a-f]{64}$"_s), modelName(u"^[0-9]+$"_s);
    for (const QString &name : QDir(ws(u"datasets"_s)).entryList(QDir::AllEntries | QDir::NoDotAndDotDot))
        QVERIFY2(datasetName.match(name).hasMatch(), qPrintable(u"datasets/"_s + name));
    for (const QString &name : QDir(ws(u"models"_s)).entryList(QDir::AllEntries | QDir::NoDotAndDotDot)) {
        QVERIFY2(modelName.match(name).hasMatch(), qPrintable(u"models/"_s + name));
        try {
            readModelInfo(ws(u"models/"_s + name)); // even one not registered (yet) is whole
        } catch (const Error &e) {
            QFAIL(qPrintable(e.message()));
        }
    }
    for (const QString &run : QDir(ws(u"runs"_s)).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString model = ws(u"runs/%1/model"_s.arg(run));
        if (QFileInfo::exists(model)) {
            try {
                loadClassifier(model, 1);
            } catch (const Error &e) {
                QFAIL(qPrintable(u"run %1's model folder is half written: %2"_s.arg(run, e.message())));
            }
        }
    }
}

void CrashAnywhereTest::killDuringIngest()
{
    const auto args = [this](int i) {
        return QStringList{u"data"_s, u"ingest"_s, m_files.filePath(u"ingest-%1"_s.arg(i)), u"--name"_s, u"set-%1"_s.arg(i)};
    };
    for (int i = 0; i <= m_rounds; ++i) // another version each time: every ingest writes
        SyntheticDigits::writeIdxFolder(m_files.filePath(u"ingest-%1"_s.arg(i)), 2000, 400, 100 + unsigned(i));
    CliResult calibration;
    Timing timing = calibrate(args(0), calibration);
    CLI_OK(calibration);

    for (int round = 1; round <= m_rounds; ++round) {
        runAndKill(args(round), timing, round);
        CHECKED(checkDatabase());
        CHECKED(checkDatasets(listed({u"data"_s, u"list"_s})));
        CHECKED(checkNoHalfWrittenFolders());

        // The same ingest again: it completes (or finds the version the killed one stored),
        // and the killed one's temporary folder is gone.
        const CliResult again = cli().run(args(round));
        CLI_OK(again);
        const WorkspacePtr workspace = Workspace::open(m_cli->workspace());
        QVERIFY(DatasetStore(*workspace).find(again.object()[u"id"_s].toString()).has_value());
        QVERIFY2(temporaryFolders(ws(u"datasets"_s)).isEmpty(), qPrintable(temporaryFolders(ws(u"datasets"_s)).join(u' ')));
    }
    CHECKED(checkDatasets(listed({u"data"_s, u"list"_s})));
}

void CrashAnywhereTest::killDuringTraining()
{
    CliResult calibration;
    Timing timing = calibrate(trainArgs(10), calibration);
    CLI_OK(calibration);
    for (int round = 1; round <= m_rounds; ++round) {
        const bool killed = runAndKill(trainArgs(10 + round), timing, round);
        CHECKED(checkDatabase());
        CHECKED(checkModels(listed({u"models"_s, u"list"_s})));
        CHECKED(checkNoHalfWrittenFolders());

        // A killed run is interrupted, never left "running", and resumes to a model.
        int interrupted = 0;
        for (const QJsonValue &run : listed({u"runs"_s, u"list"_s})) {
            const QString status = run[u"status"_s].toString();
            QVERIFY2(status == u"finished"_s || status == u"interrupted"_s, qPrintable(status));
            if (status != u"interrupted"_s)
                continue;
            ++interrupted;
            const qint64 id = run[u"id"_s].toInteger();
            const CliResult resumed = cli().run({u"runs"_s, u"resume"_s, QString::number(id)});
            CLI_OK(resumed);
            QVERIFY(resumed.object()[u"model"_s].toInteger() > 0);
            QVERIFY2(temporaryFolders(ws(u"runs/%1"_s.arg(id))).isEmpty(), qPrintable(u"run %1"_s.arg(id)));
        }
        QVERIFY(interrupted <= 1);
        if (killed && interrupted == 0) // killed before its run existed, or after it finished
            CLI_OK(cli().run(trainArgs(10 + round)));

        const WorkspacePtr workspace = Workspace::open(m_cli->workspace());
        for (const RunRecord &run : RunStore(*workspace).list()) {
            QCOMPARE(runStatusName(run.status), u"finished"_s);
            QVERIFY(run.modelId.has_value());
        }
        // One model per run: a run killed after registering its model is not trained again.
        const QList<ModelVersion> models = ModelRegistry(*workspace).list();
        QSet<qint64> runsWithModels;
        for (const ModelVersion &m : models) {
            if (!m.runId)
                continue;
            QVERIFY2(!runsWithModels.contains(*m.runId), qPrintable(u"run %1 has two model versions"_s.arg(*m.runId)));
            runsWithModels.insert(*m.runId);
        }
        CHECKED(checkModels(models));
    }
}

void CrashAnywhereTest::killDuringEvaluation()
{
    // Computed again each time (corruption curves included) and stored over the last one.
    const QStringList args{u"eval"_s, QString::number(m_secondModel), u"--recompute"_s};
    CliResult reference;
    Timing timing = calibrate(args, reference);
    CLI_OK(reference);
    for (int round = 1; round <= m_rounds; ++round) {
        runAndKill(args, timing, round);
        CHECKED(checkDatabase());
        CHECKED(checkModels(listed({u"models"_s, u"list"_s})));
        // The stored evaluation (the last complete one) opens; a new one can be stored.
        const CliResult stored = cli().run({u"eval"_s, QString::number(m_secondModel)});
        CLI_OK(stored);
        QCOMPARE(stored.object()[u"accuracy"_s].toDouble(), reference.object()[u"accuracy"_s].toDouble());
    }
}

void CrashAnywhereTest::killDuringImport()
{
    const auto args = [this](int round) {
        return QStringList{u"models"_s, u"import"_s, m_exported, u"--data"_s, kDataName,
                           u"--name"_s, u"imported-%1"_s.arg(round)};
    };
    CliResult calibration;
    Timing timing = calibrate(args(0), calibration);
    CLI_OK(calibration);
    qint64 modelsBefore = ModelRegistry(*Workspace::open(m_cli->workspace())).list().size();
    for (int round = 1; round <= m_rounds; ++round) {
        runAndKill(args(round), timing, round);
        CHECKED(checkDatabase());
        const QJsonArray models = listed({u"models"_s, u"list"_s});
        QVERIFY(models.size() == modelsBefore || models.size() == modelsBefore + 1);
        CHECKED(checkModels(models));
        CHECKED(checkNoHalfWrittenFolders());

        // The next import works, and the killed one's staging folder is gone: removed by it.
        CLI_OK(cli().run(args(round)));
        QVERIFY2(temporaryFolders(ws(u"models"_s)).isEmpty(), qPrintable(temporaryFolders(ws(u"models"_s)).join(u' ')));
        const WorkspacePtr workspace = Workspace::open(m_cli->workspace());
        const QList<ModelVersion> after = ModelRegistry(*workspace).list();
        QVERIFY(after.size() > models.size());
        CHECKED(checkModels(after));
        modelsBefore = after.size();
    }
}

void CrashAnywhereTest::killDuringPromotion()
{
    const auto promote = [](qint64 id) {
        return QStringList{u"promote"_s, QString::number(id), u"--no-beat-production"_s};
    };
    CliResult calibration;
    Timing timing = calibrate(promote(m_firstModel), calibration);
    CLI_OK(calibration);
    for (int round = 1; round <= m_rounds; ++round) {
        const qint64 target = round % 2 ? m_secondModel : m_firstModel;
        runAndKill(promote(target), timing, round);
        CHECKED(checkDatabase());
        // Production is one model: the one before or the one promoted, never none or two.
        const QJsonArray models = listed({u"models"_s, u"list"_s});
        CHECKED(checkModels(models));
        int production = 0;
        for (const QJsonValue &m : models)
            production += m[u"production"_s].toBool();
        QCOMPARE(production, 1);

        CLI_OK(cli().run(promote(target)));
        const auto now = ModelRegistry(*Workspace::open(m_cli->workspace())).production();
        QVERIFY(now.has_value());
        QCOMPARE(now->id, target);
    }
}

void CrashAnywhereTest::killDuringQueueRun()
{
    const QStringList add{u"queue"_s, u"add"_s, u"--data"_s, kDataName, u"--model"_s, u"mlp"_s, u"--lr"_s,
                          u"0.003,0.001"_s, u"--epochs"_s, u"2"_s, u"--batch-size"_s, u"16"_s, u"--threads"_s, u"1"_s};
    const QStringList run{u"queue"_s, u"run"_s};
    CLI_OK(cli().run(add));
    CliResult calibration;
    Timing timing = calibrate(run, calibration);
    CLI_OK(calibration);
    for (int round = 1; round <= m_rounds; ++round) {
        CLI_OK(cli().run(add));
        runAndKill(run, timing, round);
        CHECKED(checkDatabase());
        CHECKED(checkModels(listed({u"models"_s, u"list"_s})));
        CHECKED(checkNoHalfWrittenFolders());

        // The next `queue run` finishes what the killed one left, its interrupted run included.
        CLI_OK(cli().run(run, 300000));
        for (const QJsonValue &entry : listed({u"queue"_s, u"list"_s}, u"entries"_s))
            QVERIFY2(entry[u"state"_s].toString() == u"done"_s,
                     QJsonDocument(entry.toObject()).toJson(QJsonDocument::Compact).constData());
        const WorkspacePtr workspace = Workspace::open(m_cli->workspace());
        for (const RunRecord &r : RunStore(*workspace).list())
            QVERIFY2(r.status == RunStatus::Finished,
                     QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact).constData());
    }
}

QTEST_GUILESS_MAIN(CrashAnywhereTest)
#include "test_crash_anywhere.moc"
