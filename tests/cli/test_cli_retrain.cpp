// The continuous-training loop headless: samples imported through production, labelled with
// `samples label --file`, built into a data set version (`data build --from-production`, `data
// lineage`) and retrained on (`retrain`, `retrain --fine-tune --promote`).
#include "cli/CliRunner.h"
#include "cli/SyntheticDigits.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb::test;
using namespace Qt::StringLiterals;

class CliRetrainTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void buildBeforeLabelsIsRefused();
    void labelBuildRetrain();

private:
    CliRunner &cli() { return *m_cli; }

    QTemporaryDir m_dir;
    std::unique_ptr<CliRunner> m_cli;
    QString m_incoming;
    QList<int> m_truth; // of the incoming files, in name order
};

void CliRetrainTest::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(MLWB_BINARY)).isExecutable(), MLWB_BINARY);
    QVERIFY(m_dir.isValid());
    m_cli = std::make_unique<CliRunner>(m_dir.filePath(u"ws"_s));
    const QString digits = m_dir.filePath(u"digits"_s);
    SyntheticDigits::writeIdxFolder(digits, 300, 100, 7);
    CLI_OK(cli().run({u"data"_s, u"ingest"_s, digits, u"--name"_s, u"digits"_s}));
    const CliResult trained = cli().run({u"train"_s, u"--data"_s, u"digits"_s, u"--model"_s, u"mlp"_s, u"--epochs"_s, u"1"_s,
                                         u"--batch-size"_s, u"16"_s, u"--lr"_s, u"0.003"_s, u"--threads"_s, u"1"_s});
    CLI_OK(trained);
    CLI_OK(cli().run({u"promote"_s, QString::number(trained.object()[u"model"_s].toInteger()), u"--min-f1"_s, u"0"_s}));

    // Production sees 30 digits of another seed, as files in a folder.
    m_incoming = m_dir.filePath(u"incoming"_s);
    QVERIFY(QDir().mkpath(m_incoming));
    const SyntheticDigits::Part part = SyntheticDigits::make(30, 99);
    const int side = SyntheticDigits::kSide;
    for (int i = 0; i < 30; ++i) {
        const QImage image = SyntheticDigits::toImage(part.images.mid(i * side * side, side * side));
        QVERIFY(image.save(QDir(m_incoming).filePath(u"d%1.png"_s.arg(i, 2, 10, QChar(u'0')))));
        m_truth << int(part.labels[i]);
    }
    const CliResult imported = cli().run({u"samples"_s, u"import"_s, m_incoming});
    CLI_OK(imported);
    QCOMPARE(imported.object()[u"imported"_s].toInt(), 30);
}

void CliRetrainTest::buildBeforeLabelsIsRefused()
{
    const CliResult noSource = cli().run({u"data"_s, u"build"_s});
    QVERIFY2(noSource.exitCode != 0 && noSource.errText().contains(u"--from-production"_s), noSource.describe().constData());
    const CliResult nothingLabeled = cli().run({u"data"_s, u"build"_s, u"--from-production"_s});
    QVERIFY2(nothingLabeled.exitCode != 0 && nothingLabeled.errText().contains(u"label samples first"_s),
             nothingLabeled.describe().constData());
    const CliResult listed = cli().run({u"data"_s, u"list"_s});
    CLI_OK(listed);
    QCOMPARE(listed.array().size(), 1); // nothing was stored
}

void CliRetrainTest::labelBuildRetrain()
{
    const CliResult listed = cli().run({u"samples"_s, u"list"_s, u"--limit"_s, u"100"_s});
    CLI_OK(listed);
    QJsonArray samples = listed.object()[u"samples"_s].toArray();
    QVERIFY2(samples.size() == 30, listed.out.right(300).constData());
    // Label every sample with its file's true digit in one file, one discarded; a file with a
    // bad line first, which stores nothing.
    QList<qint64> labeled;
    QByteArray csv = "id,label\n", bad = csv;
    for (const QJsonValue &s : samples) {
        const qint64 id = s[u"id"_s].toInteger();
        const int index = QFileInfo(s[u"file"_s].toString()).baseName().mid(1).toInt();
        if (index == 0) {
            csv += QByteArray::number(id) + ",discard\n";
            continue;
        }
        csv += QByteArray::number(id) + ',' + QByteArray::number(m_truth[index]) + '\n';
        bad += QByteArray::number(id) + ',' + QByteArray::number(m_truth[index]) + '\n';
        labeled << id;
    }
    bad += "999999,3\n";
    const QString badFile = m_dir.filePath(u"bad.csv"_s), goodFile = m_dir.filePath(u"labels.csv"_s);
    QVERIFY(SyntheticDigits::writeFile(badFile, bad));
    QVERIFY(SyntheticDigits::writeFile(goodFile, csv));
    const CliResult refused = cli().run({u"samples"_s, u"label"_s, u"--file"_s, badFile});
    QVERIFY2(refused.exitCode != 0 && refused.errText().contains(badFile + u":31"_s), refused.describe().constData());
    const CliResult none = cli().run({u"samples"_s, u"list"_s, u"--labeled"_s});
    CLI_OK(none);
    QCOMPARE(none.object()[u"total"_s].toInteger(), 0);
    const CliResult given = cli().run({u"samples"_s, u"label"_s, u"--file"_s, goodFile, u"--by"_s, u"tester"_s});
    CLI_OK(given);
    QCOMPARE(given.object()[u"labeled"_s].toInt(), 29);
    QCOMPARE(given.object()[u"discarded"_s].toInt(), 1);

    const CliResult built = cli().run({u"data"_s, u"build"_s, u"--from-production"_s, u"--test-fraction"_s, u"0.3"_s,
                                       u"--weight"_s, u"4"_s, u"--name"_s, u"digits-v2"_s});
    CLI_OK(built);
    const QJsonObject build = built.object();
    const QJsonObject lineage = build[u"lineage"_s].toObject();
    const int train = lineage[u"trainSamples"_s].toInt(), test = lineage[u"testSamples"_s].toInt();
    QCOMPARE(train + test, 29);
    QVERIFY(test > 0 && train > 0);
    QCOMPARE(lineage[u"weight"_s].toInt(), 4);
    QCOMPARE(build[u"discarded"_s].toInt(), 1);
    const QJsonObject dataset = build[u"dataset"_s].toObject();
    const QJsonObject base = build[u"base"_s].toObject();
    QCOMPARE(dataset[u"name"_s].toString(), u"digits-v2"_s);
    QCOMPARE(base[u"name"_s].toString(), u"digits"_s);
    QCOMPARE(dataset[u"trainCount"_s].toInteger(), base[u"trainCount"_s].toInteger() + 4 * train);
    QCOMPARE(dataset[u"testCount"_s].toInteger(), base[u"testCount"_s].toInteger() + test);
    QCOMPARE(build[u"productionTest"_s].toObject()[u"testCount"_s].toInt(), test);

    const CliResult shown = cli().run({u"data"_s, u"lineage"_s, u"digits-v2"_s, u"--samples"_s});
    CLI_OK(shown);
    QList<qint64> recorded;
    for (const char *key : {"trainSampleIds", "testSampleIds"})
        for (const QJsonValue &v : shown.object()[QLatin1String(key)].toArray())
            recorded << v.toInteger();
    std::sort(recorded.begin(), recorded.end());
    std::sort(labeled.begin(), labeled.end());
    QCOMPARE(recorded, labeled);
    QCOMPARE(shown.object()[u"base"_s].toString(), base[u"id"_s].toString());

    // Retrain on that version; production and the new model on both test sets.
    const CliResult retrained = cli().run({u"retrain"_s, u"--data"_s, u"digits-v2"_s, u"--epochs"_s, u"1"_s,
                                           u"--threads"_s, u"1"_s}, 300000);
    CLI_OK(retrained);
    const QJsonObject r = retrained.object();
    const qint64 production = r[u"production"_s].toInteger();
    QVERIFY(r[u"model"_s].toInteger() > production);
    QCOMPARE(r[u"dataset"_s].toString(), dataset[u"id"_s].toString());
    for (const char *key : {"base", "productionTest"}) {
        const QJsonArray models = r[QLatin1String(key)].toObject()[u"models"_s].toArray();
        QCOMPARE(models.size(), 2);
        QCOMPARE(models[0][u"model"_s].toInteger(), production);
        QCOMPARE(models[1][u"model"_s].toInteger(), r[u"model"_s].toInteger());
    }
    QCOMPARE(r[u"base"_s].toObject()[u"dataset"_s].toString(), base[u"id"_s].toString());
    QCOMPARE(r[u"productionTest"_s].toObject()[u"dataset"_s].toString(),
             build[u"productionTest"_s].toObject()[u"id"_s].toString());

    // Fine-tuning, promoted through an unreachable gate: exit 3, production unchanged.
    CLI_OK(cli().run({u"gates"_s, u"--min-f1"_s, u"1.0"_s}));
    const CliResult fineTuned = cli().run({u"retrain"_s, u"--fine-tune"_s, u"--promote"_s, u"--threads"_s, u"1"_s}, 300000);
    CLI_EXIT(fineTuned, 3);
    QCOMPARE(fineTuned.object()[u"promoted"_s].toBool(true), false);
    QVERIFY(!fineTuned.object()[u"gateFailures"_s].toArray().isEmpty());
    QCOMPARE(fineTuned.object()[u"production"_s].toInteger(), production);
    const CliResult models = cli().run({u"models"_s, u"list"_s});
    CLI_OK(models);
    bool stillProduction = false;
    for (const QJsonValue &m : models.array())
        if (m[u"id"_s].toInteger() == production)
            stillProduction = m[u"production"_s].toBool();
    QVERIFY2(stillProduction, models.out.constData());
}

QTEST_GUILESS_MAIN(CliRetrainTest)
#include "test_cli_retrain.moc"
