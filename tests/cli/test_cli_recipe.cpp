// `--recipe NAME` starts `mlwb train` and `mlwb queue add` from ready-made settings; options given
// as well override the recipe's, and a recipe that does not exist is a usage error that changes nothing.
#include "cli/CliRunner.h"
#include "cli/SyntheticDigits.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb::test;
using namespace Qt::StringLiterals;

class CliRecipeTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CliRunner> m_cli;

    QJsonArray entries() const { return m_cli->run({u"queue"_s, u"list"_s}).object()[u"entries"_s].toArray(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(QStringLiteral(MLWB_BINARY)).isExecutable(), MLWB_BINARY);
        QVERIFY(m_dir.isValid());
        m_cli = std::make_unique<CliRunner>(m_dir.filePath(u"ws"_s));
        const QString digits = m_dir.filePath(u"digits"_s);
        SyntheticDigits::writeIdxFolder(digits, 300, 100, 7);
        const CliResult ingested = m_cli->run({u"data"_s, u"ingest"_s, digits, u"--name"_s, u"digits"_s});
        CLI_OK(ingested);
    }

    void recipeSettingsWithOverrides()
    {
        const CliResult asGiven = m_cli->run({u"queue"_s, u"add"_s, u"--data"_s, u"digits"_s, u"--recipe"_s, u"fast-99"_s});
        CLI_OK(asGiven);
        const CliResult withOverrides = m_cli->run({u"queue"_s, u"add"_s, u"--data"_s, u"digits"_s, u"--recipe"_s, u"fast-99"_s,
                                                    u"--epochs"_s, u"3"_s, u"--model"_s, u"mlp"_s});
        CLI_OK(withOverrides);
        const QJsonArray queued = entries();
        QCOMPARE(queued.size(), 2);
        const QJsonObject asIs = queued[0][u"settings"_s].toObject();
        QCOMPARE(asIs[u"architecture"_s].toString(), u"lite"_s);
        QCOMPARE(asIs[u"epochs"_s].toInt(), 1);
        QCOMPARE(asIs[u"batchSize"_s].toInt(), 128);
        QCOMPARE(asIs[u"learningRate"_s].toDouble(), 0.02);
        QCOMPARE(asIs[u"schedule"_s].toString(), u"onecycle"_s);
        QCOMPARE(asIs[u"precision"_s].toString(), u"auto"_s);
        const QJsonObject overridden = queued[1][u"settings"_s].toObject();
        QCOMPARE(overridden[u"architecture"_s].toString(), u"mlp"_s);
        QCOMPARE(overridden[u"epochs"_s].toInt(), 3);
        QCOMPARE(overridden[u"schedule"_s].toString(), u"onecycle"_s); // the rest stays the recipe's
    }

    void unknownRecipeIsAUsageError()
    {
        const int before = int(entries().size());
        for (const QString &command : {u"train"_s, u"queue add"_s}) {
            const CliResult r = m_cli->run(command.split(u' ') + QStringList{u"--data"_s, u"digits"_s, u"--recipe"_s, u"fastest"_s});
            CLI_EXIT(r, 2);
            QVERIFY2(r.errText().contains(u"fastest"_s) && r.errText().contains(u"fast-99"_s), r.describe().constData());
        }
        QCOMPARE(int(entries().size()), before);
        QVERIFY(m_cli->run({u"runs"_s, u"list"_s}).array().isEmpty());
    }
};

QTEST_GUILESS_MAIN(CliRecipeTest)
#include "test_cli_recipe.moc"
