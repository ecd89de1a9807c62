// `mlwb queue run` follows the window's rules: Ctrl+C cancels the running entry, which ends
// cancelled (as Cancel in the window ends it), keeps its run, and does not start again by itself.
#include "cli/CliRunner.h"
#include "cli/SyntheticDigits.h"

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace mlwb::test;
using namespace Qt::StringLiterals;

class CliQueueTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CliRunner> m_cli;

    QJsonObject entry(qint64 id) const
    {
        for (const QJsonValue &e : m_cli->run({u"queue"_s, u"list"_s}).object()[u"entries"_s].toArray())
            if (e[u"id"_s].toInteger() == id)
                return e.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(QStringLiteral(MLWB_BINARY)).isExecutable(), MLWB_BINARY);
        QVERIFY(m_dir.isValid());
        m_cli = std::make_unique<CliRunner>(m_dir.filePath(u"ws"_s));
        const QString digits = m_dir.filePath(u"digits"_s);
        SyntheticDigits::writeIdxFolder(digits, 300, 100, 7);
        CLI_OK(m_cli->run({u"data"_s, u"ingest"_s, digits, u"--name"_s, u"digits"_s}));
    }

    void ctrlCCancelsTheRunningEntry()
    {
        const CliResult added = m_cli->run({u"queue"_s, u"add"_s, u"--data"_s, u"digits"_s, u"--model"_s, u"mlp"_s,
                                            u"--epochs"_s, u"5000"_s, u"--batch-size"_s, u"16"_s, u"--threads"_s, u"1"_s});
        CLI_OK(added);
        const qint64 id = added.object()[u"added"_s].toArray().first().toInteger();

        const std::unique_ptr<QProcess> runner = m_cli->start({u"queue"_s, u"run"_s});
        QVERIFY(runner->waitForStarted(30000));
        // Once its run exists the entry is training (the Ctrl+C handler is in place).
        QElapsedTimer waited;
        waited.start();
        while (entry(id)[u"run"_s].isNull() && waited.elapsed() < 60000 && runner->state() == QProcess::Running)
            QTest::qWait(200);
        QCOMPARE(entry(id)[u"state"_s].toString(), u"running"_s);
        const qint64 runId = entry(id)[u"run"_s].toInteger();
        QVERIFY(runId > 0);

        ::kill(pid_t(runner->processId()), SIGINT);
        const CliResult stopped = CliRunner::finish(*runner, 60000);
        QVERIFY2(stopped.exitCode > 0, stopped.describe().constData()); // stopped, not crashed
        QCOMPARE(entry(id)[u"state"_s].toString(), u"cancelled"_s);
        QCOMPARE(entry(id)[u"run"_s].toInteger(), runId);

        // Cancelled: it does not start again, and its run can be resumed by name.
        const CliResult again = m_cli->run({u"queue"_s, u"run"_s});
        CLI_OK(again);
        QVERIFY(again.object()[u"runs"_s].toArray().isEmpty());
        bool listed = false;
        for (const QJsonValue &run : m_cli->run({u"runs"_s, u"list"_s}).array())
            if (run[u"id"_s].toInteger() == runId) {
                listed = true;
                QCOMPARE(run[u"status"_s].toString(), u"cancelled"_s);
            }
        QVERIFY(listed);
    }
};

QTEST_GUILESS_MAIN(CliQueueTest)
#include "test_cli_queue.moc"
