// `mlwb monitor` end to end: digits imported through the production model, then compared with
// an earlier window of the same kind of digits (no alert, exit 0) and heavily noised ones
// (alerts stored once, exit 3, acknowledged).
#include "cli/CliRunner.h"
#include "cli/SyntheticDigits.h"

#include <QSet>
#include <QTemporaryDir>
#include <QtTest>
#include <random>

using namespace mlwb::test;
using namespace Qt::StringLiterals;

namespace {

// `count` digit pictures (56×56 PNG) of `seed`; with noise > 0, Gaussian noise of that
// standard deviation (in [0, 1] units) over the whole picture.
void writeDigits(const QString &folder, int count, unsigned seed, double noise = 0)
{
    QVERIFY(QDir().mkpath(folder));
    const SyntheticDigits::Part part = SyntheticDigits::make(count, seed);
    const int side = SyntheticDigits::kSide;
    std::mt19937 rng(seed);
    std::normal_distribution<double> gauss(0.0, 1.0);
    for (int i = 0; i < count; ++i) {
        QByteArray pixels = part.images.mid(i * side * side, side * side);
        if (noise > 0)
            for (char &p : pixels)
                p = char(std::clamp(int(std::lround(double(quint8(p)) + 255.0 * noise * gauss(rng))), 0, 255));
        const QImage image = SyntheticDigits::toImage(pixels).scaled(56, 56);
        QVERIFY(image.save(QDir(folder).filePath(u"digit%1.png"_s.arg(i, 4, 10, QChar(u'0'))), "PNG"));
    }
}

// The smallest and largest sample id of an import.
std::pair<qint64, qint64> idRange(const CliResult &imported)
{
    qint64 first = std::numeric_limits<qint64>::max(), last = 0;
    for (const QJsonValue &s : imported.object()[u"samples"_s].toArray()) {
        first = std::min(first, s[u"id"_s].toInteger());
        last = std::max(last, s[u"id"_s].toInteger());
    }
    return {first, last};
}

} // namespace

class CliMonitorTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void inDistributionPassesNoiseAlerts();
    void againstTheTrainingDataAndUsage();

private:
    CliRunner &cli() { return *m_cli; }
    CliResult import(const QString &folder) { return cli().run({u"samples"_s, u"import"_s, folder}); }

    QTemporaryDir m_files;
    std::unique_ptr<CliRunner> m_cli;
    qint64 m_model = 0;
};

void CliMonitorTest::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(MLWB_BINARY)).isExecutable(), MLWB_BINARY);
    QVERIFY(m_files.isValid());
    const QString digits = m_files.filePath(u"digits"_s);
    SyntheticDigits::writeIdxFolder(digits, 300, 100, 7);
    m_cli = std::make_unique<CliRunner>(m_files.filePath(u"ws"_s));
    CLI_OK(cli().run({u"data"_s, u"ingest"_s, digits, u"--name"_s, u"digits"_s}));
    const CliResult trained = cli().run({u"train"_s, u"--data"_s, u"digits"_s, u"--model"_s, u"mlp"_s, u"--epochs"_s, u"1"_s,
                                         u"--batch-size"_s, u"16"_s, u"--lr"_s, u"0.003"_s, u"--threads"_s, u"1"_s});
    CLI_OK(trained);
    m_model = trained.object()[u"model"_s].toInteger();
    CLI_OK(cli().run({u"promote"_s, QString::number(m_model), u"--min-f1"_s, u"0"_s}));
}

void CliMonitorTest::inDistributionPassesNoiseAlerts()
{
    // Two batches of the same kind of digits: the first is the reference of the second.
    writeDigits(m_files.filePath(u"first"_s), 200, 11);
    writeDigits(m_files.filePath(u"second"_s), 200, 12);
    writeDigits(m_files.filePath(u"noisy"_s), 200, 13, 0.5);
    const CliResult first = import(m_files.filePath(u"first"_s));
    CLI_OK(first);
    const CliResult second = import(m_files.filePath(u"second"_s));
    CLI_OK(second);
    const auto [from, to] = idRange(first);
    QCOMPARE(to - from, 199);
    const QString reference = u"samples:%1-%2"_s.arg(from).arg(to);

    const CliResult calm = cli().run({u"monitor"_s, u"--window"_s, u"200"_s, u"--reference"_s, reference});
    CLI_OK(calm);
    QJsonObject json = calm.object();
    QCOMPARE(json[u"model"_s].toInteger(), m_model);
    QCOMPARE(json[u"alert"_s].toBool(), false);
    QVERIFY(json[u"alerts"_s].toArray().isEmpty());
    QCOMPARE(json[u"reference"_s][u"key"_s].toString(), reference);
    QCOMPARE(json[u"reference"_s][u"samples"_s].toInt(), 200);
    const QJsonObject report = json[u"report"_s].toObject();
    QVERIFY(report[u"tested"_s].toBool());
    QCOMPARE(report[u"window"_s][u"samples"_s].toInt(), 200);
    QCOMPARE(report[u"window"_s][u"firstSample"_s].toInteger(), idRange(second).first);
    QCOMPARE(report[u"window"_s][u"lastSample"_s].toInteger(), idRange(second).second);
    QCOMPARE(report[u"statistics"_s].toArray().size(), 8);
    for (const QJsonValue &s : report[u"statistics"_s].toArray())
        QVERIFY2(s[u"tested"_s].toBool(), qPrintable(s[u"statistic"_s].toString())); // the mlp gives embeddings

    // Noise over the whole picture: the production inputs drift.
    CLI_OK(import(m_files.filePath(u"noisy"_s)));
    const CliResult alarmed = cli().run({u"monitor"_s, u"--window"_s, u"200"_s, u"--reference"_s, reference});
    CLI_EXIT(alarmed, 3);
    json = alarmed.object();
    QVERIFY(json[u"alert"_s].toBool());
    const QJsonArray alerts = json[u"alerts"_s].toArray();
    QVERIFY(!alerts.isEmpty());
    QSet<qint64> ids;
    for (const QJsonValue &a : alerts) {
        QVERIFY(a[u"new"_s].toBool());
        QVERIFY(a[u"pValue"_s].toDouble() < a[u"threshold"_s].toDouble());
        QCOMPARE(a[u"window"_s][u"samples"_s].toInt(), 200);
        QCOMPARE(a[u"model"_s].toInteger(), m_model);
        ids.insert(a[u"id"_s].toInteger());
    }

    // The scheduler runs it again: still exit 3, the same alerts, none stored twice.
    const CliResult again = cli().run({u"monitor"_s, u"--window"_s, u"200"_s, u"--reference"_s, reference});
    CLI_EXIT(again, 3);
    for (const QJsonValue &a : again.object()[u"alerts"_s].toArray()) {
        QVERIFY(!a[u"new"_s].toBool());
        QVERIFY(ids.contains(a[u"id"_s].toInteger()));
    }
    CliResult listed = cli().run({u"monitor"_s, u"alerts"_s});
    CLI_OK(listed);
    QCOMPARE(listed.object()[u"alerts"_s].toArray().size(), ids.size());
    QCOMPARE(listed.object()[u"unacknowledged"_s].toInt(), ids.size());

    // Acknowledged: the list of open alerts is empty, --all still shows them.
    QStringList ack{u"monitor"_s, u"ack"_s};
    for (qint64 id : ids)
        ack << QString::number(id);
    const CliResult acknowledged = cli().run(ack + QStringList{u"--by"_s, u"ops"_s});
    CLI_OK(acknowledged);
    QCOMPARE(acknowledged.object()[u"unacknowledged"_s].toInt(), 0);
    QCOMPARE(acknowledged.object()[u"acknowledged"_s].toArray().first()[u"acknowledgedBy"_s].toString(), u"ops"_s);
    listed = cli().run({u"monitor"_s, u"alerts"_s});
    CLI_OK(listed);
    QVERIFY(listed.object()[u"alerts"_s].toArray().isEmpty());
    listed = cli().run({u"monitor"_s, u"alerts"_s, u"--all"_s});
    QCOMPARE(listed.object()[u"alerts"_s].toArray().size(), ids.size());
    CLI_EXIT(cli().run({u"monitor"_s, u"ack"_s, u"99999"_s}), 2);

    // --no-record: the report and its alerts, nothing stored.
    const CliResult dry = cli().run({u"monitor"_s, u"--window"_s, u"100"_s, u"--reference"_s, reference, u"--no-record"_s});
    CLI_EXIT(dry, 3);
    QCOMPARE(dry.object()[u"alerts"_s].toArray().first()[u"id"_s].toInteger(), 0);
    listed = cli().run({u"monitor"_s, u"alerts"_s, u"--all"_s});
    QCOMPARE(listed.object()[u"alerts"_s].toArray().size(), ids.size());
}

// The default reference is the model's evaluation on its own data set's test split (its 100
// test images); the report says so whatever it finds.
void CliMonitorTest::againstTheTrainingDataAndUsage()
{
    const CliResult r = cli().run({u"monitor"_s, u"--window"_s, u"100"_s, u"--no-record"_s});
    QVERIFY2(r.exitCode == 0 || r.exitCode == 3, r.describe().constData());
    const QJsonObject json = r.object();
    QVERIFY(json[u"reference"_s][u"key"_s].toString().startsWith(u"evaluation:"_s));
    QCOMPARE(json[u"reference"_s][u"samples"_s].toInt(), 100);
    QVERIFY(json[u"reference"_s][u"accuracy"_s].isDouble());
    QVERIFY(json[u"report"_s][u"accuracy"_s][u"estimated"_s].isDouble());
    QCOMPARE(json[u"alert"_s].toBool(), r.exitCode == 3);

    // Text output names the reference and every statistic.
    QProcess process;
    process.setProcessEnvironment(CliRunner::environment());
    process.start(QStringLiteral(MLWB_BINARY), {u"--workspace"_s, cli().workspace(), u"monitor"_s, u"--window"_s, u"50"_s, u"--no-record"_s});
    const CliResult text = CliRunner::finish(process);
    QVERIFY2(text.exitCode == 0 || text.exitCode == 3, text.describe().constData());
    QVERIFY(text.out.contains("reference: model"));
    QVERIFY(text.out.contains("embedding-mmd"));
    QVERIFY(text.out.contains("confidence-ks"));

    CLI_EXIT(cli().run({u"monitor"_s, u"--window"_s, u"0"_s}), 2);
    CLI_EXIT(cli().run({u"monitor"_s, u"--alpha"_s, u"2"_s}), 2);
    CLI_EXIT(cli().run({u"monitor"_s, u"--reference"_s, u"yesterday"_s}), 2);
    CLI_EXIT(cli().run({u"monitor"_s, u"--window"_s, u"10"_s, u"--from"_s, u"2026-05-01"_s}), 2);
    CLI_EXIT(cli().run({u"monitor"_s, u"sideways"_s}), 2);
    CLI_EXIT(cli().run({u"monitor"_s, u"--model"_s, u"999"_s}), 2);
    const CliResult none = CliRunner(m_files.filePath(u"empty"_s)).run({u"monitor"_s});
    CLI_EXIT(none, 2);
    QVERIFY2(none.errText().contains(u"production"_s), none.err.constData());
}

QTEST_GUILESS_MAIN(CliMonitorTest)
#include "test_cli_monitor.moc"
