// `mlwb samples ...` end to end: a folder imported through the production model, the samples
// listed, shown and labelled.
#include "cli/CliRunner.h"
#include "cli/SyntheticDigits.h"

#include <QDirIterator>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb::test;
using namespace Qt::StringLiterals;

namespace {

int pngFiles(const QString &dir)
{
    int n = 0;
    QDirIterator it(dir, {u"*.png"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

} // namespace

class CliSamplesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void importListShowLabel();
    void importWithoutProductionIsAUsageError();

private:
    CliRunner &cli() { return *m_cli; }
    // Four digit pictures (three PNG, one JPEG), a broken PNG and a text file.
    void writeFolder(const QString &folder);

    QTemporaryDir m_files;
    QString m_digits;
    SyntheticDigits::Part m_test;
    std::unique_ptr<QTemporaryDir> m_workspace;
    std::unique_ptr<CliRunner> m_cli;
};

void CliSamplesTest::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(MLWB_BINARY)).isExecutable(), MLWB_BINARY);
    QVERIFY(m_files.isValid());
    m_digits = m_files.filePath(u"digits"_s);
    m_test = SyntheticDigits::writeIdxFolder(m_digits, 300, 100, 7);
}

void CliSamplesTest::init()
{
    m_workspace = std::make_unique<QTemporaryDir>();
    QVERIFY(m_workspace->isValid());
    m_cli = std::make_unique<CliRunner>(m_workspace->filePath(u"ws"_s));
}

void CliSamplesTest::writeFolder(const QString &folder)
{
    QVERIFY(QDir().mkpath(folder));
    const QDir dir(folder);
    const int side = SyntheticDigits::kSide;
    for (int i = 0; i < 4; ++i) {
        const QImage image = SyntheticDigits::toImage(m_test.images.mid(i * side * side, side * side)).scaled(56, 56);
        const QString name = i == 3 ? u"digit3.jpg"_s : u"digit%1.png"_s.arg(i);
        QVERIFY(image.save(dir.filePath(name), i == 3 ? "JPEG" : "PNG"));
    }
    QVERIFY(SyntheticDigits::writeFile(dir.filePath(u"broken.png"_s), "not really a PNG\n"));
    QVERIFY(SyntheticDigits::writeFile(dir.filePath(u"notes.txt"_s), "left alone\n"));
}

void CliSamplesTest::importListShowLabel()
{
    CLI_OK(cli().run({u"data"_s, u"ingest"_s, m_digits, u"--name"_s, u"digits"_s}));
    const CliResult trained = cli().run({u"train"_s, u"--data"_s, u"digits"_s, u"--model"_s, u"mlp"_s, u"--epochs"_s,
                                         u"1"_s, u"--batch-size"_s, u"16"_s, u"--lr"_s, u"0.003"_s, u"--threads"_s, u"1"_s});
    CLI_OK(trained);
    const qint64 model = trained.object()[u"model"_s].toInteger();
    CLI_OK(cli().run({u"promote"_s, QString::number(model), u"--min-f1"_s, u"0"_s}));

    const QString folder = m_workspace->filePath(u"incoming"_s);
    writeFolder(folder);
    const CliResult imported = cli().run({u"samples"_s, u"import"_s, folder});
    CLI_EXIT(imported, 1); // the broken file
    QVERIFY2(imported.errText().contains(u"broken.png"_s), imported.err.constData());
    const QJsonObject report = imported.object();
    QCOMPARE(report[u"model"_s].toInteger(), model);
    QCOMPARE(report[u"imported"_s].toInt(), 4);
    QCOMPARE(report[u"failed"_s].toInt(), 1);
    QCOMPARE(report[u"failures"_s].toArray().first()[u"file"_s].toString(), QDir(folder).filePath(u"broken.png"_s));
    const QJsonArray samples = report[u"samples"_s].toArray();
    QCOMPARE(samples.size(), 4);
    QSet<qint64> ids;
    QStringList files;
    for (const QJsonValue &s : samples) {
        QVERIFY(s[u"id"_s].toInteger() > 0);
        ids.insert(s[u"id"_s].toInteger());
        files << QFileInfo(s[u"file"_s].toString()).fileName();
        QVERIFY(s[u"predicted"_s].toInt() >= 0 && s[u"predicted"_s].toInt() < 10);
    }
    QCOMPARE(files, (QStringList{u"digit0.png"_s, u"digit1.png"_s, u"digit2.png"_s, u"digit3.jpg"_s}));
    QCOMPARE(ids.size(), 4);

    const CliResult listed = cli().run({u"samples"_s, u"list"_s, u"--source"_s, u"folder"_s});
    CLI_OK(listed);
    QCOMPARE(listed.object()[u"total"_s].toInteger(), 4);
    QSet<qint64> listedIds;
    for (const QJsonValue &s : listed.object()[u"samples"_s].toArray()) {
        listedIds.insert(s[u"id"_s].toInteger());
        QCOMPARE(s[u"source"_s].toString(), u"folder"_s);
        QCOMPARE(s[u"model"_s].toInteger(), model);
    }
    QCOMPARE(listedIds, ids);
    const CliResult api = cli().run({u"samples"_s, u"list"_s, u"--source"_s, u"api"_s});
    CLI_OK(api);
    QCOMPARE(api.object()[u"total"_s].toInteger(), 0);
    const CliResult limited = cli().run({u"samples"_s, u"list"_s, u"--limit"_s, u"2"_s});
    CLI_OK(limited);
    QCOMPARE(limited.object()[u"total"_s].toInteger(), 4);
    QCOMPARE(limited.object()[u"samples"_s].toArray().size(), 2);
    CLI_EXIT(cli().run({u"samples"_s, u"list"_s, u"--source"_s, u"camera"_s}), 2);

    const qint64 id = samples[0][u"id"_s].toInteger();
    const CliResult shown = cli().run({u"samples"_s, u"show"_s, QString::number(id)});
    CLI_OK(shown);
    const QJsonObject s = shown.object();
    QCOMPARE(s[u"id"_s].toInteger(), id);
    QCOMPARE(s[u"file"_s].toString(), u"digit0.png"_s);
    QCOMPARE(s[u"input"_s].toArray().size(), 28 * 28);
    QCOMPARE(s[u"geometry"_s].toArray(), (QJsonArray{1, 28, 28}));
    QCOMPARE(s[u"probabilities"_s].toArray().size(), 10);
    QCOMPARE(s[u"predicted"_s].toInt(), samples[0][u"predicted"_s].toInt());
    QVERIFY(s[u"history"_s].toArray().isEmpty());
    QVERIFY(QFileInfo::exists(s[u"imageFile"_s].toString()));
    CLI_EXIT(cli().run({u"samples"_s, u"show"_s, u"99999"_s}), 2);

    const CliResult labeled = cli().run({u"samples"_s, u"label"_s, QString::number(id), u"3"_s, u"--by"_s, u"tester"_s});
    CLI_OK(labeled);
    QCOMPARE(labeled.object()[u"label"_s].toInt(), 3);
    QCOMPARE(labeled.object()[u"labeledBy"_s].toString(), u"tester"_s);
    CLI_EXIT(cli().run({u"samples"_s, u"label"_s, QString::number(id), u"10"_s}), 2);
    const CliResult discarded = cli().run({u"samples"_s, u"label"_s, QString::number(id), u"--discard"_s, u"--by"_s, u"tester"_s});
    CLI_OK(discarded);
    QCOMPARE(discarded.object()[u"discarded"_s].toBool(), true);
    QVERIFY(discarded.object()[u"label"_s].isNull());
    const QJsonArray history = discarded.object()[u"history"_s].toArray();
    QCOMPARE(history.size(), 2);
    QCOMPARE(history[0][u"label"_s].toInt(), 3);
    QCOMPARE(history[1][u"discarded"_s].toBool(), true);

    const CliResult onlyDiscarded = cli().run({u"samples"_s, u"list"_s, u"--discarded"_s});
    CLI_OK(onlyDiscarded);
    QCOMPARE(onlyDiscarded.object()[u"total"_s].toInteger(), 1);
    QCOMPARE(onlyDiscarded.object()[u"samples"_s].toArray().first()[u"id"_s].toInteger(), id);
    const CliResult unlabeled = cli().run({u"samples"_s, u"list"_s, u"--unlabeled"_s});
    CLI_OK(unlabeled);
    QCOMPARE(unlabeled.object()[u"total"_s].toInteger(), 3);

    // Importing the same files again: new samples, the same image files.
    const QString samplesDir = m_workspace->filePath(u"ws/production/samples"_s);
    QCOMPARE(pngFiles(samplesDir), 4);
    const CliResult again = cli().run({u"samples"_s, u"import"_s, folder, u"--model"_s, QString::number(model)});
    CLI_EXIT(again, 1);
    QCOMPARE(again.object()[u"imported"_s].toInt(), 4);
    const CliResult all = cli().run({u"samples"_s, u"list"_s, u"--source"_s, u"folder"_s, u"--limit"_s, u"0"_s});
    CLI_OK(all);
    QVERIFY2(all.object()[u"total"_s].toInteger() == 8, all.out.constData());
    QCOMPARE(pngFiles(samplesDir), 4);
}

void CliSamplesTest::importWithoutProductionIsAUsageError()
{
    const QString folder = m_workspace->filePath(u"incoming"_s);
    writeFolder(folder);
    const CliResult r = cli().run({u"samples"_s, u"import"_s, folder});
    CLI_EXIT(r, 2);
    QVERIFY2(r.errText().contains(u"no model is in production"_s), r.err.constData());
    const CliResult listed = cli().run({u"samples"_s, u"list"_s});
    CLI_OK(listed);
    QCOMPARE(listed.object()[u"total"_s].toInteger(), 0);
}

QTEST_GUILESS_MAIN(CliSamplesTest)
#include "test_cli_samples.moc"
