// End-to-end tests of the `mlwb` command line: each test drives the real executable on a
// fresh workspace and checks exit codes, the --json documents and what is left on disk.
#include "cli/CliRunner.h"
#include "cli/SyntheticDigits.h"

#include "evaluation/McNemar.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <cmath>
#include <csignal>
#include <sys/types.h>

using namespace mlwb::test;
using namespace Qt::StringLiterals;

namespace {

const QString kDataName = u"digits"_s;

double sum(const QJsonArray &values)
{
    double total = 0;
    for (const QJsonValue &v : values)
        total += v.toDouble();
    return total;
}

int argmax(const QJsonArray &values)
{
    int best = 0;
    for (int i = 1; i < values.size(); ++i)
        if (values[i].toDouble() > values[best].toDouble())
            best = i;
    return best;
}

// Every file under `root` with its size: what a failed command must leave as it was.
QStringList fileTree(const QString &root)
{
    QStringList entries;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        entries << QDir(root).relativeFilePath(it.filePath()) + u' ' + QString::number(it.fileInfo().size());
    }
    entries.sort();
    return entries;
}

} // namespace

class CliTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void ingestTwiceGivesOneVersion();
    void badDataChangesNothing();
    void usageErrorsExitTwo();
    void trainListAndCompare();
    void architecturesHaveParameterCounts();
    void promotionGatesAndRollback();
    void evalWritesCsvAndChecksMinimum();
    void predictImageFiles();
    void exportMatchesPython();
    void resumeAfterKill();
    void twoProcessesShareOneWorkspace();
    void queueGridRunsInOrder();
    void autoTuneBelowTheGate();
    void compareTwoModelsOnOneTestSet();
    void importTorchScriptModel();
    void promotionMustBeatProduction();
    void labelErrorsFlagAndRank();

private:
    CliRunner &cli() { return *m_cli; }
    CliResult ingest(const QString &path) { return cli().run({u"data"_s, u"ingest"_s, path, u"--name"_s, kDataName}); }
    // A small, quick training on the fixture; `extra` adds or overrides options.
    CliResult train(const QStringList &extra)
    {
        return cli().run(QStringList{u"train"_s, u"--data"_s, kDataName, u"--model"_s, u"mlp"_s, u"--batch-size"_s,
                                     u"16"_s, u"--lr"_s, u"0.003"_s, u"--threads"_s, u"1"_s} +
                         extra);
    }
    QJsonObject runById(qint64 id);
    // A well trained model and a barely trained one (worse on the test split); their ids.
    std::pair<qint64, qint64> trainGoodAndPoor();

    QTemporaryDir m_files;        // fixtures, shared by the tests (never written by mlwb)
    QString m_digits;             // the IDX folder
    SyntheticDigits::Part m_test; // its test part
    std::unique_ptr<QTemporaryDir> m_workspace;
    std::unique_ptr<CliRunner> m_cli;
};

void CliTest::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(MLWB_BINARY)).isExecutable(), MLWB_BINARY);
    QVERIFY(m_files.isValid());
    m_digits = m_files.filePath(u"digits"_s);
    m_test = SyntheticDigits::writeIdxFolder(m_digits, 300, 100, 7);
}

void CliTest::init()
{
    m_workspace = std::make_unique<QTemporaryDir>();
    QVERIFY(m_workspace->isValid());
    m_cli = std::make_unique<CliRunner>(m_workspace->filePath(u"ws"_s));
}

QJsonObject CliTest::runById(qint64 id)
{
    const CliResult r = cli().run({u"runs"_s, u"list"_s});
    for (const QJsonValue &v : r.array())
        if (v[u"id"_s].toInteger() == id)
            return v.toObject();
    return {};
}

void CliTest::ingestTwiceGivesOneVersion()
{
    const CliResult first = ingest(m_digits);
    CLI_OK(first);
    const QJsonObject v = first.object();
    QVERIFY(v[u"created"_s].toBool());
    QCOMPARE(v[u"trainCount"_s].toInt(), 300);
    QCOMPARE(v[u"testCount"_s].toInt(), 100);
    QCOMPARE(v[u"width"_s].toInt(), 28);
    QCOMPARE(v[u"classNames"_s].toArray().size(), 10);
    QCOMPARE(v[u"format"_s].toString(), u"idx"_s);

    // The second time through MLWB_WORKSPACE rather than --workspace: the same workspace.
    QProcess process;
    QProcessEnvironment env = CliRunner::environment();
    env.insert(u"MLWB_WORKSPACE"_s, cli().workspace());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(MLWB_BINARY), {u"data"_s, u"ingest"_s, m_digits, u"--name"_s, kDataName, u"--json"_s});
    const CliResult second = CliRunner::finish(process);
    CLI_OK(second);
    QCOMPARE(second.object()[u"id"_s].toString(), v[u"id"_s].toString());
    QCOMPARE(second.object()[u"created"_s].toBool(), false);

    const CliResult list = cli().run({u"data"_s, u"list"_s});
    CLI_OK(list);
    QVERIFY2(list.json().isArray(), list.out.constData());
    QCOMPARE(list.array().size(), 1);
    QCOMPARE(list.array()[0][u"id"_s].toString(), v[u"id"_s].toString());
    QCOMPARE(list.array()[0][u"name"_s].toString(), kDataName);
}

void CliTest::badDataChangesNothing()
{
    CLI_OK(ingest(m_digits));
    const CliResult before = cli().run({u"data"_s, u"list"_s});
    CLI_OK(before);
    QCOMPARE(before.array().size(), 1);
    const QString datasets = cli().workspace() + u"/datasets"_s;
    const QStringList treeBefore = fileTree(datasets);
    QVERIFY(!treeBefore.isEmpty());

    // Changed copies of the fixture (other content: each would be a new version if read).
    // One workspace for all cases: every process costs ~0.5 s of CPU to load libtorch.
    struct Case {
        const char *damage;
        QString namedFile; // what the message must name
    };
    const Case cases[] = {{"truncate", u"train-images-idx3-ubyte"_s},
                          {"magic", u"t10k-labels-idx1-ubyte"_s},
                          {"label", u"train-labels-idx1-ubyte"_s},
                          {"missing", u"no-such-folder"_s}};
    QTemporaryDir badDir;
    for (const Case &c : cases) {
        const QByteArray damage(c.damage);
        QString bad = badDir.filePath(QString::fromLatin1(damage));
        if (damage == "missing") {
            bad = badDir.filePath(c.namedFile);
        } else {
            SyntheticDigits::writeIdxFolder(bad, 300, 100, 99);
            QFile file(QDir(bad).filePath(c.namedFile));
            QVERIFY(file.open(QIODevice::ReadWrite));
            if (damage == "truncate") {
                QVERIFY(file.resize(16 + 28 * 28 * 150 + 100));
            } else if (damage == "magic") {
                QVERIFY(file.seek(3));
                QVERIFY(file.putChar('\x02')); // 0x00000802: not the labels magic 0x00000801
            } else if (damage == "label") {
                QVERIFY(file.seek(8 + 5));
                QVERIFY(file.putChar('\x0c')); // label 12 of 10 classes
            }
        }
        const CliResult r = ingest(bad);
        QVERIFY2(r.exitCode == 1, damage + ": " + r.describe());
        const QString named = damage == "missing" ? bad : QDir(bad).filePath(c.namedFile);
        QVERIFY2(r.errText().contains(named), damage + ": " + r.err);
        QVERIFY2(r.out.trimmed().isEmpty(), damage + ": " + r.out);
        QVERIFY2(fileTree(datasets) == treeBefore, damage + ": the datasets folder changed");
    }
    const CliResult after = cli().run({u"data"_s, u"list"_s});
    CLI_OK(after);
    QCOMPARE(after.array(), before.array());
}

void CliTest::usageErrorsExitTwo()
{
    CLI_OK(ingest(m_digits));
    struct Case {
        QStringList args;
        QString mention; // the value the message must name
    };
    const Case cases[] = {
        {{"frobnicate"}, "frobnicate"},
        {{"data", "shuffle"}, "data shuffle"},
        {{"data", "list", "--colour"}, "colour"},
        {{"train", "--data", "digits", "--model", "nosuch"}, "nosuch"},
        {{"train", "--data", "digits", "--epochs", "0"}, "epochs"},
        {{"train", "--data", "digits", "--epochs", "many"}, "many"},
        {{"train", "--data", "nosuchdata", "--model", "mlp"}, "nosuchdata"},
        {{"runs", "resume", "999"}, "999"},
        {{"runs", "resume", "abc"}, "abc"},
        {{"promote", "42"}, "42"},
        {{"eval"}, "production"},
        {{"rollback"}, "roll back"},
        {{"queue"}, "queue run"}, // a group alone: its commands, as an error
        {{"queue", "add", "--data", "digits", "--lr", "0.1,fast"}, "fast"},
        {{"queue", "move", "1", "sideways"}, "up or down"},
        {{"queue", "hold", "77"}, "77"},
    };
    for (const Case &c : cases) {
        const QByteArray what = c.args.join(u' ').toUtf8();
        const CliResult r = cli().run(c.args);
        QVERIFY2(r.exitCode == 2, what + ": " + r.describe());
        QVERIFY2(r.errText().contains(c.mention), what + ": " + r.err);
        QVERIFY2(r.out.trimmed().isEmpty(), what + ": " + r.out);
    }
    const CliResult groupHelp = cli().run({u"queue"_s, u"--help"_s});
    QCOMPARE(groupHelp.exitCode, 0);
    QVERIFY(groupHelp.out.contains("queue run"));
    // No command above may have left a run, a queue entry or a model behind.
    QVERIFY(cli().run({u"queue"_s, u"list"_s}).object()[u"entries"_s].toArray().isEmpty());
    const CliResult runs = cli().run({u"runs"_s, u"list"_s});
    CLI_OK(runs);
    QVERIFY2(runs.json().isArray() && runs.array().isEmpty(), runs.out.constData());
    const CliResult models = cli().run({u"models"_s, u"list"_s});
    CLI_OK(models);
    QVERIFY2(models.json().isArray() && models.array().isEmpty(), models.out.constData());
    QVERIFY(QDir(cli().workspace() + u"/runs"_s).isEmpty());
}

void CliTest::trainListAndCompare()
{
    CLI_OK(ingest(m_digits));
    const CliResult good = train({u"--epochs"_s, u"2"_s});
    CLI_OK(good);
    const QJsonObject g = good.object();
    QVERIFY(g[u"run"_s].toInteger() > 0);
    QVERIFY(g[u"model"_s].toInteger() > 0);
    QCOMPARE(g[u"parameters"_s].toInteger(), qint64(118282));
    QCOMPARE(g[u"epochs"_s].toArray().size(), 2);
    QCOMPARE(g[u"epochs"_s].toArray()[1][u"epoch"_s].toInt(), 2);
    QVERIFY2(g[u"accuracy"_s].toDouble() >= 0.9, good.out.left(2000).constData());
    QVERIFY2(g[u"macroF1"_s].toDouble() >= 0.9, good.out.left(2000).constData());

    // A barely trained model: worse, and newer, so "compare" and "list" must differ in order.
    const CliResult poor = train({u"--lr"_s, u"0.000001"_s, u"--seed"_s, u"5"_s});
    CLI_OK(poor);
    const QJsonObject p = poor.object();
    QVERIFY2(p[u"macroF1"_s].toDouble() < g[u"macroF1"_s].toDouble(), poor.out.left(2000).constData());

    const CliResult list = cli().run({u"models"_s, u"list"_s});
    CLI_OK(list);
    const QJsonArray models = list.array();
    QCOMPARE(models.size(), 2);
    QCOMPARE(models[0][u"id"_s].toInteger(), p[u"model"_s].toInteger()); // newest first
    QCOMPARE(models[1][u"id"_s].toInteger(), g[u"model"_s].toInteger());
    QCOMPARE(models[1][u"macroF1"_s].toDouble(), g[u"macroF1"_s].toDouble());
    QCOMPARE(models[1][u"runId"_s].toInteger(), g[u"run"_s].toInteger());
    QCOMPARE(models[1][u"architecture"_s].toString(), u"mlp"_s);
    for (const QJsonValue &m : models)
        QCOMPARE(m[u"production"_s].toBool(), false);

    const CliResult compare = cli().run({u"models"_s, u"compare"_s});
    CLI_OK(compare);
    const QJsonArray ranked = compare.array();
    QCOMPARE(ranked.size(), 2);
    QCOMPARE(ranked[0][u"id"_s].toInteger(), g[u"model"_s].toInteger());
    QCOMPARE(ranked[0][u"rank"_s].toInt(), 1);
    QCOMPARE(ranked[1][u"rank"_s].toInt(), 2);
    QVERIFY(ranked[0][u"macroF1"_s].toDouble() >= ranked[1][u"macroF1"_s].toDouble());

    const QJsonObject run = runById(g[u"run"_s].toInteger());
    QCOMPARE(run[u"status"_s].toString(), u"finished"_s);
    QCOMPARE(run[u"epochsDone"_s].toInt(), 2);
    QCOMPARE(run[u"modelId"_s].toInteger(), g[u"model"_s].toInteger());
}

void CliTest::architecturesHaveParameterCounts()
{
    const CliResult r = cli().run({u"models"_s, u"architectures"_s});
    CLI_OK(r);
    QHash<QString, qint64> parameters;
    for (const QJsonValue &a : r.array())
        parameters.insert(a[u"name"_s].toString(), a[u"parameters"_s].toInteger());
    QCOMPARE(parameters.value(u"mlp"_s), qint64(118282));
    QCOMPARE(parameters.value(u"cnn"_s), qint64(34826));
    QVERIFY(parameters.contains(u"lite"_s));
}

void CliTest::promotionGatesAndRollback()
{
    CLI_OK(ingest(m_digits));
    const CliResult first = train({});
    CLI_OK(first);
    const qint64 a = first.object()[u"model"_s].toInteger();
    const double f1 = first.object()[u"macroF1"_s].toDouble();
    const QString id = QString::number(a);

    // Unreachable gates: exit 3, the message names the gate and the shortfall, nothing moves.
    const CliResult tooHigh = cli().run({u"promote"_s, id, u"--min-f1"_s, u"1.01"_s});
    CLI_EXIT(tooHigh, 3);
    QVERIFY2(tooHigh.errText().contains(u"macro-F1"_s), tooHigh.err.constData());
    QVERIFY2(tooHigh.errText().contains(u"by "_s + QString::number(1.01 - f1, 'f', 4)), tooHigh.err.constData());
    const CliResult tooBig = cli().run({u"promote"_s, id, u"--min-f1"_s, u"0"_s, u"--max-params"_s, u"1000"_s});
    CLI_EXIT(tooBig, 3);
    QVERIFY2(tooBig.errText().contains(u"parameters exceed the maximum 1000 by 117282"_s), tooBig.err.constData());
    const CliResult gates = cli().run({u"gates"_s, u"--history"_s});
    CLI_OK(gates);
    QVERIFY2(gates.object()[u"history"_s].toArray().isEmpty(), gates.out.constData());
    CLI_EXIT(cli().run({u"eval"_s, u"production"_s}), 2);

    const CliResult promoted = cli().run({u"promote"_s, id, u"--min-f1"_s, u"0.5"_s});
    CLI_OK(promoted);
    QCOMPARE(promoted.object()[u"changed"_s].toBool(), true);
    QVERIFY(promoted.object()[u"previous"_s].isNull());

    const CliResult second = train({u"--seed"_s, u"3"_s});
    CLI_OK(second);
    const qint64 b = second.object()[u"model"_s].toInteger();
    QVERIFY(b != a);
    const CliResult promotedB = cli().run({u"promote"_s, QString::number(b), u"--min-f1"_s, u"0.5"_s, u"--no-beat-production"_s});
    CLI_OK(promotedB);
    QCOMPARE(promotedB.object()[u"previous"_s].toInteger(), a);

    const auto productionId = [this]() -> qint64 {
        const CliResult list = cli().run({u"models"_s, u"list"_s});
        qint64 found = 0;
        for (const QJsonValue &m : list.array())
            if (m[u"production"_s].toBool())
                found = found ? -1 : m[u"id"_s].toInteger(); // -1: two in production
        return found;
    };
    QCOMPARE(productionId(), b);

    const CliResult back = cli().run({u"rollback"_s});
    CLI_OK(back);
    QCOMPARE(back.object()[u"model"_s].toInteger(), a);
    QCOMPARE(productionId(), a);

    // Before the first model there was nothing: a clear refusal, production stays.
    const CliResult nothing = cli().run({u"rollback"_s});
    QVERIFY2(nothing.exitCode != 0 && nothing.exitCode != -1, nothing.describe().constData());
    QVERIFY2(nothing.errText().contains(u"no earlier production model"_s), nothing.err.constData());
    QCOMPARE(productionId(), a);

    const CliResult history = cli().run({u"gates"_s, u"--history"_s});
    CLI_OK(history);
    QCOMPARE(history.object()[u"history"_s].toArray().size(), 3);
}

void CliTest::evalWritesCsvAndChecksMinimum()
{
    CLI_OK(ingest(m_digits));
    const CliResult trained = train({});
    CLI_OK(trained);
    const QString id = QString::number(trained.object()[u"model"_s].toInteger());
    const QString csvPath = m_workspace->filePath(u"predictions.csv"_s);

    const CliResult r = cli().run({u"eval"_s, id, u"--csv"_s, csvPath});
    CLI_OK(r);
    QCOMPARE(r.object()[u"model"_s].toInteger(), id.toLongLong());

    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 1 + m_test.labels.size()); // header + one row per test image
    QCOMPARE(lines[0], QByteArray("index,true,predicted,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9"));
    int correct = 0;
    QSet<int> indices;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines[i].split(',');
        QCOMPARE(fields.size(), 13);
        // Indices count the whole data set: the 300 training images come first.
        const int index = fields[0].toInt();
        QVERIFY2(index >= 300 && index < 400, lines[i].constData());
        indices.insert(index);
        QCOMPARE(fields[1].toInt(), int(m_test.labels[index - 300]));
        QJsonArray probabilities;
        for (int c = 3; c < 13; ++c)
            probabilities.append(fields[c].toDouble());
        QVERIFY2(std::abs(sum(probabilities) - 1.0) < 1e-4, lines[i].constData());
        QCOMPARE(fields[2].toInt(), argmax(probabilities));
        correct += fields[1] == fields[2];
    }
    QCOMPARE(indices.size(), qsizetype(100));
    QVERIFY(correct >= 90);

    const CliResult gate = cli().run({u"eval"_s, id, u"--min-f1"_s, u"1.01"_s});
    CLI_EXIT(gate, 3);
    QVERIFY2(gate.errText().contains(u"below --min-f1"_s), gate.err.constData());
    QVERIFY2(gate.json().isObject(), gate.out.constData()); // the report is still printed
}

void CliTest::predictImageFiles()
{
    CLI_OK(ingest(m_digits));
    const CliResult trained = train({});
    CLI_OK(trained);
    const QString id = QString::number(trained.object()[u"model"_s].toInteger());
    CLI_OK(cli().run({u"promote"_s, id, u"--min-f1"_s, u"0.5"_s}));

    const QString png = m_workspace->filePath(u"seven.png"_s);
    QVERIFY(SyntheticDigits::handDrawnSeven(120, 80).save(png));
    const CliResult r = cli().run({u"predict"_s, png}); // production by default
    CLI_OK(r);
    QCOMPARE(r.object()[u"model"_s].toInteger(), id.toLongLong());
    const QJsonArray predictions = r.object()[u"predictions"_s].toArray();
    QCOMPARE(predictions.size(), 1);
    const QJsonObject p = predictions[0].toObject();
    QCOMPARE(p[u"file"_s].toString(), png);
    const QJsonArray probabilities = p[u"probabilities"_s].toArray();
    QCOMPARE(probabilities.size(), 10);
    QVERIFY2(std::abs(sum(probabilities) - 1.0) < 1e-4, r.out.constData());
    QCOMPARE(p[u"label"_s].toInt(), argmax(probabilities));
    QCOMPARE(p[u"empty"_s].toBool(), false);

    const QString notImage = m_workspace->filePath(u"notes.png"_s);
    QVERIFY(SyntheticDigits::writeFile(notImage, "this is not an image\n"));
    const CliResult bad = cli().run({u"predict"_s, u"--model"_s, id, notImage});
    CLI_EXIT(bad, 1);
    QVERIFY2(bad.errText().contains(notImage), bad.err.constData());
    const CliResult missing = cli().run({u"predict"_s, u"--model"_s, id, png + u".gone"_s});
    CLI_EXIT(missing, 1);
    QVERIFY2(missing.errText().contains(png + u".gone"_s), missing.err.constData());
}

void CliTest::exportMatchesPython()
{
    CLI_OK(ingest(m_digits));
    const CliResult trained = train({});
    CLI_OK(trained);
    const QString id = QString::number(trained.object()[u"model"_s].toInteger());
    const QString pt = m_workspace->filePath(u"out.pt"_s);
    const CliResult exported = cli().run({u"export"_s, pt, u"--model"_s, id});
    CLI_OK(exported);
    QCOMPARE(exported.object()[u"file"_s].toString(), pt);
    QVERIFY(QFileInfo(pt).size() > 400000); // the MLP's 118,282 float weights alone are 473 kB

    // A 28×28 image, given as is (--raw) to mlwb and as floats in [0, 1] to Python: two test
    // images (classes 3 and 8) on top of each other, so that no probability is trivially 0 or 1.
    QByteArray pixels = m_test.images.mid(3 * 28 * 28, 28 * 28);
    const QByteArray other = m_test.images.mid(8 * 28 * 28, 28 * 28);
    for (int i = 0; i < pixels.size(); ++i)
        pixels[i] = char(std::max(quint8(pixels[i]), quint8(other[i])));
    const QString png = m_workspace->filePath(u"three-and-eight.png"_s);
    const QString raw = m_workspace->filePath(u"three-and-eight.u8"_s);
    QVERIFY(SyntheticDigits::toImage(pixels).save(png));
    QVERIFY(SyntheticDigits::writeFile(raw, pixels));
    const CliResult predicted = cli().run({u"predict"_s, u"--raw"_s, u"--model"_s, id, png});
    CLI_OK(predicted);
    const QJsonArray expected = predicted.object()[u"predictions"_s].toArray()[0][u"probabilities"_s].toArray();
    QCOMPARE(expected.size(), 10);
    QVERIFY2(std::abs(sum(expected) - 1.0) < 1e-4, predicted.out.constData());

    const QString script =
        QStringLiteral("import json, sys\n"
                       "try:\n"
                       "    import torch\n"
                       "except ImportError:\n"
                       "    sys.exit(77)\n"
                       "m = torch.jit.load(sys.argv[1])\n"
                       "data = open(sys.argv[2], 'rb').read()\n"
                       "x = torch.tensor(list(data), dtype=torch.float32).reshape(1, 1, 28, 28) / 255.0\n"
                       "with torch.no_grad():\n"
                       "    p = m(x)\n"
                       "print(json.dumps(p[0].tolist()))\n");
    QProcess python;
    python.start(u"/usr/bin/python3"_s, {u"-c"_s, script, pt, raw});
    if (!python.waitForStarted(30000))
        QSKIP("no /usr/bin/python3: the export is not checked in Python");
    QVERIFY(python.waitForFinished(120000));
    if (python.exitStatus() == QProcess::NormalExit && python.exitCode() == 77)
        QSKIP("/usr/bin/python3 cannot import torch: the export is not checked in Python");
    QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
             python.readAllStandardError().constData());
    const QJsonArray fromPython = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    QCOMPARE(fromPython.size(), 10);
    QCOMPARE(argmax(fromPython), argmax(expected));
    for (int c = 0; c < 10; ++c) // relative: small probabilities must agree too (same logits)
        QVERIFY2(
            std::abs(fromPython[c].toDouble() - expected[c].toDouble()) <=
                1e-6 + 1e-3 * std::max(fromPython[c].toDouble(), expected[c].toDouble()),
            qPrintable(
                u"class %1: python %2, mlwb %3"_s.arg(c).arg(fromPython[c].toDouble()).arg(expected[c].toDouble())));
}

void CliTest::resumeAfterKill()
{
    CLI_OK(ingest(m_digits));
    auto process = cli().start({u"train"_s, u"--data"_s, kDataName, u"--model"_s, u"cnn"_s, u"--epochs"_s, u"4"_s,
                                u"--batch-size"_s, u"16"_s, u"--threads"_s, u"1"_s});
    QVERIFY(process->waitForStarted(30000));

    // Wait until an epoch is checkpointed, then kill the trainer without warning. Looking at
    // the file system is cheap; `runs list` takes seconds on a busy machine, long enough for
    // the run to finish meanwhile, so the trainer is frozen (SIGSTOP) while it is asked.
    const QString runs = cli().workspace() + u"/runs"_s;
    const auto pid = pid_t(process->processId());
    qint64 runId = 0;
    QElapsedTimer waited;
    waited.start();
    while (runId == 0) {
        QVERIFY2(process->state() == QProcess::Running,
                 ("the training ended before an epoch was seen: " + process->readAllStandardError()).constData());
        QVERIFY2(waited.elapsed() < 90000, "no epoch finished within 90 s");
        const QStringList runDirs = QDir(runs).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        if (runDirs.size() != 1 || !QFileInfo::exists(runs + u'/' + runDirs[0] + u"/checkpoint.pt"_s)) {
            QThread::msleep(20);
            continue;
        }
        QCOMPARE(::kill(pid, SIGSTOP), 0);
        const CliResult list = cli().run({u"runs"_s, u"list"_s});
        CLI_OK(list);
        QCOMPARE(list.array().size(), 1);
        const QJsonObject run = list.array()[0].toObject();
        // A live (if frozen) trainer holds the run's lock: its run is not interrupted.
        QCOMPARE(run[u"status"_s].toString(), u"running"_s);
        if (run[u"epochsDone"_s].toInt() >= 1)
            runId = run[u"id"_s].toInteger();
        else // caught between the checkpoint and the row's update
            QCOMPARE(::kill(pid, SIGCONT), 0);
    }
    process->kill(); // SIGKILL: it dies without running any of its own code, frozen or not
    QVERIFY(process->waitForFinished(30000));
    QCOMPARE(process->exitStatus(), QProcess::CrashExit);

    const QJsonObject killed = runById(runId);
    QCOMPARE(killed[u"status"_s].toString(), u"interrupted"_s);
    const int epochsBefore = killed[u"epochsDone"_s].toInt();
    QVERIFY(epochsBefore >= 1);
    QVERIFY2(epochsBefore < 4, "the run finished its epochs before it was killed");
    QVERIFY(killed[u"modelId"_s].isNull());

    const CliResult resumed = cli().run({u"runs"_s, u"resume"_s, QString::number(runId)});
    CLI_OK(resumed);
    QCOMPARE(resumed.object()[u"run"_s].toInteger(), runId);
    const qint64 modelId = resumed.object()[u"model"_s].toInteger();
    QVERIFY(modelId > 0);
    QCOMPARE(resumed.object()[u"epochs"_s].toArray().size(), 4);
    QVERIFY2(resumed.object()[u"macroF1"_s].toDouble() >= 0.9, resumed.out.left(2000).constData());

    const QJsonObject finished = runById(runId);
    QCOMPARE(finished[u"status"_s].toString(), u"finished"_s);
    QCOMPARE(finished[u"epochsDone"_s].toInt(), 4);
    QCOMPARE(finished[u"modelId"_s].toInteger(), modelId);
    // Resuming a finished run is refused.
    CLI_EXIT(cli().run({u"runs"_s, u"resume"_s, QString::number(runId)}), 2);
}

void CliTest::twoProcessesShareOneWorkspace()
{
    CLI_OK(ingest(m_digits));
    const QStringList common{u"train"_s, u"--data"_s, kDataName, u"--model"_s, u"mlp"_s,
                             u"--batch-size"_s, u"16"_s, u"--threads"_s, u"1"_s};
    auto one = cli().start(common + QStringList{u"--seed"_s, u"1"_s});
    auto two = cli().start(common + QStringList{u"--seed"_s, u"2"_s});
    const CliResult r1 = CliRunner::finish(*one);
    const CliResult r2 = CliRunner::finish(*two);
    CLI_OK(r1);
    CLI_OK(r2);
    for (const CliResult *r : {&r1, &r2})
        QVERIFY2(!r->errText().contains(u"locked"_s, Qt::CaseInsensitive), r->err.constData());
    QVERIFY(r1.object()[u"run"_s].toInteger() != r2.object()[u"run"_s].toInteger());

    const CliResult runs = cli().run({u"runs"_s, u"list"_s});
    CLI_OK(runs);
    QCOMPARE(runs.array().size(), 2);
    for (const QJsonValue &run : runs.array())
        QCOMPARE(run[u"status"_s].toString(), u"finished"_s);
    const CliResult models = cli().run({u"models"_s, u"list"_s});
    CLI_OK(models);
    QCOMPARE(models.array().size(), 2);
}

// A grid queued from the command line: 1 data set × 2 models × 2 learning rates, listed in
// running order, rearranged, then trained one at a time by `queue run`.
void CliTest::queueGridRunsInOrder()
{
    CLI_OK(ingest(m_digits));
    const CliResult bad = cli().run({u"queue"_s, u"add"_s, u"--data"_s, kDataName, u"--model"_s, u"mlp,nosuchnet"_s});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.errText().contains(u"nosuchnet"_s), bad.describe().constData());

    const CliResult added = cli().run({u"queue"_s, u"add"_s, u"--data"_s, kDataName, u"--model"_s, u"mlp,lite"_s, u"--lr"_s,
                                       u"0.003,0.001"_s, u"--batch-size"_s, u"32"_s, u"--threads"_s, u"1"_s});
    CLI_OK(added);
    const QJsonArray ids = added.object()[u"added"_s].toArray();
    QCOMPARE(ids.size(), 4);
    const qint64 last = ids[3].toInteger();
    CLI_OK(cli().run({u"queue"_s, u"priority"_s, QString::number(last), u"2"_s}));
    CLI_OK(cli().run({u"queue"_s, u"hold"_s, QString::number(ids[0].toInteger())}));

    const CliResult list = cli().run({u"queue"_s, u"list"_s});
    CLI_OK(list);
    const QJsonArray entries = list.object()[u"entries"_s].toArray();
    QCOMPARE(entries.size(), 4);
    QCOMPARE(entries[0][u"id"_s].toInteger(), last); // priority 2 first
    QCOMPARE(entries[1][u"state"_s].toString(), u"held"_s);
    QCOMPARE(entries[0][u"settings"_s][u"architecture"_s].toString(), u"lite"_s);
    QCOMPARE(entries[0][u"settings"_s][u"learningRate"_s].toDouble(), 0.001);

    const CliResult ran = cli().run({u"queue"_s, u"run"_s, u"--max"_s, u"2"_s}, 300000);
    CLI_OK(ran);
    const QJsonArray runs = ran.object()[u"runs"_s].toArray();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0][u"entry"_s].toInteger(), last);
    QCOMPARE(runs[1][u"entry"_s].toInteger(), ids[1].toInteger()); // the held one was skipped
    for (const QJsonValue &r : runs) {
        QVERIFY(r[u"model"_s].toInteger() > 0);
        QCOMPARE(runById(r[u"run"_s].toInteger())[u"status"_s].toString(), u"finished"_s);
    }
    const QJsonArray after = cli().run({u"queue"_s, u"list"_s}).object()[u"entries"_s].toArray();
    int done = 0;
    for (const QJsonValue &e : after)
        done += e[u"state"_s].toString() == u"done"_s;
    QCOMPARE(done, 2);
}

// `train --auto-tune`: a run below the gate is followed by a bounded search of queued
// trials; a run that passes needs none.
void CliTest::autoTuneBelowTheGate()
{
    CLI_OK(ingest(m_digits));
    // Bad search settings are refused before anything is trained.
    CLI_EXIT(train({u"--budget-trials"_s, u"2"_s}), 2); // without --auto-tune
    const CliResult badRate = train({u"--auto-tune"_s, u"--tune-lr"_s, u"0.01,-1"_s});
    CLI_EXIT(badRate, 2);
    QVERIFY2(badRate.errText().contains(u"learningRate"_s), badRate.describe().constData());
    QVERIFY(cli().run({u"runs"_s, u"list"_s}).array().isEmpty());

    // Barely trained runs cannot reach macro-F1 1: the whole trial budget is spent, exit 3.
    const QStringList slow{u"--lr"_s, u"0.000001"_s, u"--auto-tune"_s, u"--tune-lr"_s, u"0.000001,0.000002,0.000003"_s,
                           u"--tune-optimizer"_s, u"adam"_s, u"--tune-batch-size"_s, u"16"_s, u"--tune-epochs"_s, u"1"_s};
    const CliResult below = train(slow + QStringList{u"--min-f1"_s, u"1.0"_s, u"--budget-trials"_s, u"2"_s});
    CLI_EXIT(below, 3);
    const QJsonObject result = below.object();
    QVERIFY2(result[u"run"_s][u"model"_s].toInteger() > 0, below.out.constData());
    QCOMPARE(result[u"passed"_s].toBool(), false);
    QCOMPARE(result[u"stopReason"_s].toString(), u"trial budget"_s);
    const QJsonArray trials = result[u"trials"_s].toArray();
    QCOMPARE(trials.size(), 2);
    for (const QJsonValue &t : trials) {
        QVERIFY(t[u"model"_s].toInteger() > 0);
        QCOMPARE(t[u"passed"_s].toBool(), false);
        QCOMPARE(runById(t[u"run"_s].toInteger())[u"status"_s].toString(), u"finished"_s);
    }
    QVERIFY(result[u"best"_s].toInt() == 1 || result[u"best"_s].toInt() == 2);
    QVERIFY2(below.errText().contains(u"no trial reached the gate"_s), below.err.constData());
    // Both trials went through the queue, and nothing of the search waits there.
    const QJsonArray entries = cli().run({u"queue"_s, u"list"_s}).object()[u"entries"_s].toArray();
    QCOMPARE(entries.size(), 2);
    for (const QJsonValue &e : entries)
        QCOMPARE(e[u"state"_s].toString(), u"done"_s);

    // A run that passes the gate is the answer: no search, exit 0.
    const CliResult passes = train(slow + QStringList{u"--min-f1"_s, u"0.0"_s});
    CLI_OK(passes);
    QCOMPARE(passes.object()[u"passed"_s].toBool(), true);
    QVERIFY(passes.object()[u"trials"_s].toArray().isEmpty());
    QCOMPARE(cli().run({u"queue"_s, u"list"_s}).object()[u"entries"_s].toArray().size(), 2);
    QVERIFY(!cli().run({u"models"_s, u"list"_s}).array().isEmpty());
}

std::pair<qint64, qint64> CliTest::trainGoodAndPoor()
{
    const CliResult good = train({u"--epochs"_s, u"2"_s});
    const CliResult poor = train({u"--lr"_s, u"0.000001"_s, u"--seed"_s, u"5"_s});
    if (good.exitCode != 0 || poor.exitCode != 0)
        return {0, 0};
    if (!(poor.object()[u"macroF1"_s].toDouble() < good.object()[u"macroF1"_s].toDouble()))
        return {0, 0};
    return {good.object()[u"model"_s].toInteger(), poor.object()[u"model"_s].toInteger()};
}

void CliTest::compareTwoModelsOnOneTestSet()
{
    CLI_OK(ingest(m_digits));
    const auto [good, poor] = trainGoodAndPoor();
    QVERIFY2(good > 0 && poor > 0, "training the two models failed");

    const CliResult r = cli().run({u"models"_s, u"compare"_s, QString::number(good), QString::number(poor)});
    CLI_OK(r);
    const QJsonObject c = r.object();
    const QJsonArray models = c[u"models"_s].toArray();
    QCOMPARE(models.size(), 2);
    QCOMPARE(models[0][u"model"_s].toInteger(), good);
    QCOMPARE(models[1][u"model"_s].toInteger(), poor);
    QCOMPARE(models[0][u"perClassF1"_s].toArray().size(), 10);
    QCOMPARE(c[u"classes"_s].toArray().size(), 10);
    QVERIFY(c[u"notes"_s].toArray().isEmpty()); // both were trained on this data set
    // The numbers of the stored evaluation: what `models list` says too.
    for (const QJsonValue &listed : cli().run({u"models"_s, u"list"_s}).array()) {
        const QJsonObject &m = listed[u"id"_s].toInteger() == good ? models[0].toObject() : models[1].toObject();
        QCOMPARE(m[u"macroF1"_s].toDouble(), listed[u"macroF1"_s].toDouble());
    }

    const QJsonArray pairs = c[u"pairs"_s].toArray();
    QCOMPARE(pairs.size(), 1);
    const QJsonObject pair = pairs[0].toObject();
    QCOMPARE(pair[u"a"_s].toInteger(), good);
    QCOMPARE(pair[u"b"_s].toInteger(), poor);
    const qint64 onlyA = pair[u"onlyA"_s].toInteger(), onlyB = pair[u"onlyB"_s].toInteger();
    QCOMPARE(pair[u"bothRight"_s].toInteger() + onlyA + onlyB + pair[u"bothWrong"_s].toInteger(), qint64(m_test.labels.size()));
    QVERIFY(pair[u"disagreements"_s].toInteger() >= onlyA + onlyB);
    const double p = pair[u"pValue"_s].toDouble();
    QVERIFY2(p >= 0.0 && p <= 1.0, r.out.constData());
    QCOMPARE(p, mlwb::mcnemarExactP(onlyA, onlyB));
    QVERIFY2(onlyA > onlyB && p < 0.05, r.out.constData()); // a barely trained model is clearly worse

    // The table for a person says so.
    QProcess text;
    text.setProcessEnvironment(CliRunner::environment());
    text.start(QStringLiteral(MLWB_BINARY), {u"--workspace"_s, cli().workspace(), u"models"_s, u"compare"_s,
                                               QString::number(good), QString::number(poor)});
    QVERIFY(text.waitForFinished(120000));
    const QString table = QString::fromUtf8(text.readAllStandardOutput());
    QVERIFY2(table.contains(u"model %1 is better (p = "_s.arg(good)), qPrintable(table));

    CLI_EXIT(cli().run({u"models"_s, u"compare"_s, QString::number(good)}), 2);
    CLI_EXIT(cli().run({u"models"_s, u"compare"_s, u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s}), 2);
    const CliResult ranked = cli().run({u"models"_s, u"compare"_s}); // no ids: the ranked list as before
    CLI_OK(ranked);
    QCOMPARE(ranked.array().size(), 2);
}

void CliTest::importTorchScriptModel()
{
    // A linear classifier whose weights are the fixture's class templates (a block per class),
    // so that it classifies the synthetic digits well when it gets them as N×1×28×28 in [0, 1].
    const QString script = QStringLiteral(
        "import sys\n"
        "try:\n"
        "    import torch\n"
        "except ImportError:\n"
        "    sys.exit(77)\n"
        "class Templates(torch.nn.Module):\n"
        "    def __init__(self, k):\n"
        "        super().__init__()\n"
        "        self.fc = torch.nn.Linear(784, k)\n"
        "        with torch.no_grad():\n"
        "            self.fc.weight.zero_()\n"
        "            self.fc.bias.zero_()\n"
        "            for c in range(min(k, 10)):\n"
        "                x0, y0 = 2 + (c % 5) * 5, 5 + (c // 5) * 11\n"
        "                for y in range(y0, y0 + 7):\n"
        "                    self.fc.weight[c, y * 28 + x0:y * 28 + x0 + 4] = 1.0\n"
        "    def forward(self, x):\n"
        "        return self.fc(x.flatten(1))\n"
        "torch.jit.script(Templates(int(sys.argv[2]))).save(sys.argv[1])\n");
    // torch.jit.script reads the class's source: the script must be a file, not `-c`.
    const QString scriptFile = m_workspace->filePath(u"templates.py"_s);
    QVERIFY(SyntheticDigits::writeFile(scriptFile, script.toUtf8()));
    const auto writeModel = [&scriptFile](const QString &path, int classes) {
        QProcess python;
        python.start(u"/usr/bin/python3"_s, {scriptFile, path, QString::number(classes)});
        if (!python.waitForStarted(30000) || !python.waitForFinished(120000))
            return -1;
        return python.exitStatus() == QProcess::NormalExit ? python.exitCode() : -1;
    };
    const QString good = m_workspace->filePath(u"templates.pt"_s);
    const int written = writeModel(good, 10);
    if (written == 77 || written == -1)
        QSKIP("/usr/bin/python3 cannot import torch: no TorchScript file to import");
    QCOMPARE(written, 0);
    const QString wrong = m_workspace->filePath(u"three-classes.pt"_s);
    QCOMPARE(writeModel(wrong, 3), 0);
    const QString text = m_workspace->filePath(u"notes.pt"_s);
    QVERIFY(SyntheticDigits::writeFile(text, "this is not TorchScript\n"));

    CLI_OK(ingest(m_digits));
    const QString models = cli().workspace() + u"/models"_s;
    const QStringList before = fileTree(models);
    const CliResult notScript = cli().run({u"models"_s, u"import"_s, text, u"--data"_s, kDataName});
    CLI_EXIT(notScript, 1);
    QVERIFY2(notScript.errText().contains(text), notScript.err.constData());
    const CliResult wrongShape = cli().run({u"models"_s, u"import"_s, wrong, u"--data"_s, kDataName});
    CLI_EXIT(wrongShape, 1);
    QVERIFY2(wrongShape.errText().contains(u"shape [4, 3]"_s) && wrongShape.errText().contains(wrong),
             wrongShape.err.constData());
    QVERIFY(cli().run({u"models"_s, u"list"_s}).array().isEmpty());
    QCOMPARE(fileTree(models), before);
    CLI_EXIT(cli().run({u"models"_s, u"import"_s, good}), 2); // --data is needed

    const CliResult imported = cli().run({u"models"_s, u"import"_s, good, u"--data"_s, kDataName, u"--name"_s, u"templates"_s});
    CLI_OK(imported);
    const QJsonObject m = imported.object();
    const qint64 id = m[u"model"_s].toInteger();
    QVERIFY(id > 0);
    QCOMPARE(m[u"parameters"_s].toInteger(), qint64(784 * 10 + 10));
    const double accuracy = m[u"accuracy"_s].toDouble();
    QVERIFY2(accuracy >= 0.0 && accuracy <= 1.0, imported.out.constData());
    QVERIFY2(accuracy >= 0.9, imported.out.constData()); // the templates fit the fixture
    const QJsonArray listed = cli().run({u"models"_s, u"list"_s}).array();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed[0][u"id"_s].toInteger(), id);
    QCOMPARE(listed[0][u"architecture"_s].toString(), u"templates"_s);
    QCOMPARE(listed[0][u"macroF1"_s].toDouble(), m[u"macroF1"_s].toDouble());

    // Its evaluation was stored: eval reads it back; predict runs it.
    const CliResult eval = cli().run({u"eval"_s, QString::number(id), u"--no-robustness"_s});
    CLI_OK(eval);
    QCOMPARE(eval.object()[u"stored"_s].toBool(), true);
    QCOMPARE(eval.object()[u"accuracy"_s].toDouble(), accuracy);
    const QString png = m_workspace->filePath(u"test3.png"_s);
    QVERIFY(SyntheticDigits::toImage(m_test.images.mid(3 * 28 * 28, 28 * 28)).save(png));
    const CliResult predicted = cli().run({u"predict"_s, u"--raw"_s, u"--model"_s, QString::number(id), png});
    CLI_OK(predicted);
    QCOMPARE(predicted.object()[u"predictions"_s][0][u"label"_s].toInt(), int(m_test.labels[3]));
}

void CliTest::promotionMustBeatProduction()
{
    CLI_OK(ingest(m_digits));
    const auto [good, poor] = trainGoodAndPoor();
    QVERIFY2(good > 0 && poor > 0, "training the two models failed");
    const QString g = QString::number(good), p = QString::number(poor);
    const auto productionId = [this]() -> qint64 {
        for (const QJsonValue &m : cli().run({u"models"_s, u"list"_s}).array())
            if (m[u"production"_s].toBool())
                return m[u"id"_s].toInteger();
        return 0;
    };

    CLI_OK(cli().run({u"promote"_s, g, u"--min-f1"_s, u"0"_s})); // nothing to beat yet
    const CliResult worse = cli().run({u"promote"_s, p, u"--min-f1"_s, u"0"_s});
    CLI_EXIT(worse, 3);
    QVERIFY2(worse.errText().contains(u"does not beat production model %1"_s.arg(good)), worse.err.constData());
    QCOMPARE(productionId(), good);

    // Skipped once: the other gates still apply.
    CLI_EXIT(cli().run({u"promote"_s, p, u"--min-f1"_s, u"0.99"_s, u"--no-beat-production"_s}), 3);
    const CliResult skipped = cli().run({u"promote"_s, p, u"--min-f1"_s, u"0"_s, u"--no-beat-production"_s});
    CLI_OK(skipped);
    QCOMPARE(skipped.object()[u"gates"_s][u"beatProduction"_s].toBool(), false);
    QCOMPARE(productionId(), poor);
    // The better one beats it.
    CLI_OK(cli().run({u"promote"_s, g, u"--min-f1"_s, u"0"_s}));
    QCOMPARE(productionId(), good);

    // Off for the workspace: kept, and shown.
    CLI_EXIT(cli().run({u"gates"_s, u"--beat-production"_s, u"maybe"_s}), 2);
    const CliResult off = cli().run({u"gates"_s, u"--beat-production"_s, u"off"_s});
    CLI_OK(off);
    QCOMPARE(off.object()[u"beatProduction"_s].toBool(), false);
    QCOMPARE(cli().run({u"gates"_s}).object()[u"beatProduction"_s].toBool(), false);
    CLI_OK(cli().run({u"promote"_s, p, u"--min-f1"_s, u"0"_s}));
    QCOMPARE(productionId(), poor);
    CLI_OK(cli().run({u"gates"_s, u"--beat-production"_s, u"on"_s}));
    QCOMPARE(cli().run({u"gates"_s}).object()[u"beatProduction"_s].toBool(), true);
}

void CliTest::labelErrorsFlagAndRank()
{
    CLI_OK(ingest(m_digits));
    const CliResult trained = train({});
    CLI_OK(trained);
    const QString id = QString::number(trained.object()[u"model"_s].toInteger());

    const CliResult all = cli().run({u"label-errors"_s, id, u"--limit"_s, u"0"_s});
    CLI_OK(all);
    QCOMPARE(all.object()[u"model"_s].toInteger(), id.toLongLong());
    QVERIFY(all.object()[u"flagged"_s].toArray().isEmpty());
    const QJsonArray ranked = all.object()[u"ranked"_s].toArray();
    QCOMPARE(ranked.size(), m_test.labels.size());
    for (qsizetype i = 0; i < ranked.size(); ++i) {
        const QJsonObject s = ranked[i].toObject();
        const qint64 index = s[u"index"_s].toInteger();
        QVERIFY2(index >= 300 && index < 400, qPrintable(QString::number(index))); // the test split
        QCOMPARE(s[u"label"_s].toInt(), int(m_test.labels[index - 300]));
        const double p = s[u"pRecorded"_s].toDouble();
        QVERIFY(p >= 0.0 && p <= 1.0);
        if (i > 0)
            QVERIFY2(ranked[i - 1][u"pRecorded"_s].toDouble() <= p, "not ordered by ascending p(recorded)");
    }
    const CliResult five = cli().run({u"label-errors"_s, id, u"--limit"_s, u"5"_s});
    CLI_OK(five);
    const QJsonArray top = five.object()[u"ranked"_s].toArray();
    QCOMPARE(top.size(), 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(top[i], ranked[i]);

    const auto flaggedIndices = [](const CliResult &r) {
        QList<qint64> indices;
        for (const QJsonValue &f : r.object()[u"flagged"_s].toArray())
            indices << f[u"index"_s].toInteger();
        return indices;
    };
    const CliResult flagged = cli().run({u"label-errors"_s, id, u"--flag"_s, u"305,342"_s});
    CLI_OK(flagged);
    QCOMPARE(flaggedIndices(flagged), (QList<qint64>{305, 342}));
    const QJsonObject first = flagged.object()[u"flagged"_s][0].toObject();
    QCOMPARE(first[u"flagged"_s].toBool(), true);
    QCOMPARE(first[u"label"_s].toInt(), int(m_test.labels[5]));
    for (const QJsonValue &s : ranked)
        if (s[u"index"_s].toInteger() == 305)
            QCOMPARE(first[u"pRecorded"_s].toDouble(), s[u"pRecorded"_s].toDouble());
    QSet<qint64> markedInRanking;
    for (const QJsonValue &s : cli().run({u"label-errors"_s, id, u"--limit"_s, u"0"_s}).object()[u"ranked"_s].toArray())
        if (s[u"flagged"_s].toBool())
            markedInRanking.insert(s[u"index"_s].toInteger());
    QCOMPARE(markedInRanking, (QSet<qint64>{305, 342}));

    // A training sample is not in the test split: refused, nothing changes.
    const CliResult notTest = cli().run({u"label-errors"_s, id, u"--flag"_s, u"5"_s});
    CLI_EXIT(notTest, 2);
    QVERIFY2(notTest.errText().contains(u"5 is not a test sample"_s), notTest.err.constData());
    const CliResult unflagged = cli().run({u"label-errors"_s, id, u"--unflag"_s, u"305"_s});
    CLI_OK(unflagged);
    QCOMPARE(flaggedIndices(unflagged), (QList<qint64>{342}));
}

QTEST_GUILESS_MAIN(CliTest)
#include "test_cli.moc"
