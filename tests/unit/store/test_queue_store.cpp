#include "common/Error.h"
#include "store/DatasetStore.h"
#include "store/QueueStore.h"
#include "store/RunLock.h"
#include "store/RunStore.h"
#include "store/Workspace.h"
#include "unit/store/StoreFixtures.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstdio>

using namespace mlwb;
using mlwb::testing::storeTinyDataset;

namespace {

QJsonObject settingsFor(const QString &architecture)
{
    return {{QStringLiteral("architecture"), architecture}};
}

QList<qint64> pendingIds(const QueueStore &queue)
{
    QList<qint64> ids;
    for (const QueueEntry &e : queue.list())
        if (isPending(e.state))
            ids << e.id;
    return ids;
}

} // namespace

class TestQueueStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    WorkspacePtr m_ws;
    QString m_dataset;

    QList<qint64> addThree(const QueueStore &queue, QList<int> priorities)
    {
        std::vector<NewQueueEntry> entries;
        for (int i = 0; i < priorities.size(); ++i)
            entries.push_back({m_dataset, settingsFor(QStringLiteral("m%1").arg(i)), priorities[i]});
        return queue.add(entries);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_ws = Workspace::open(m_dir.path() + QStringLiteral("/ws") + QString::number(QRandomGenerator::global()->generate()));
        m_dataset = storeTinyDataset(*m_ws, QStringLiteral("tiny"), 0);
    }

    void runsByPriorityThenAge()
    {
        const QueueStore queue(*m_ws);
        const QList<qint64> ids = addThree(queue, {0, 5, 0});
        const QList<qint64> later = addThree(queue, {5});
        // Priority 5 first (oldest first), then priority 0 in the order they were added.
        QCOMPARE(pendingIds(queue), (QList<qint64>{ids[1], later[0], ids[0], ids[2]}));
        QCOMPARE(queue.claimNext()->id, ids[1]);
        QCOMPARE(queue.claimNext()->id, later[0]);
        QCOMPARE(queue.require(ids[1]).state, QueueState::Running);
        QCOMPARE(queue.claimNext()->id, ids[0]);
    }

    void aBadDataSetAddsNothing()
    {
        const QueueStore queue(*m_ws);
        std::vector<NewQueueEntry> entries{{m_dataset, settingsFor(QStringLiteral("cnn")), 0},
                                           {QStringLiteral("no-such-version"), settingsFor(QStringLiteral("cnn")), 0}};
        try {
            queue.add(entries);
            QFAIL("a missing data set was queued");
        } catch (const UsageError &e) {
            QVERIFY2(e.message().contains(u"no-such-version"), qPrintable(e.message()));
        }
        QVERIFY(queue.list().isEmpty());
    }

    void moveReordersAndTakesTheNeighboursPriority()
    {
        const QueueStore queue(*m_ws);
        const QList<qint64> ids = addThree(queue, {1, 0, 0});
        QVERIFY(queue.move(ids[2], -1)); // past an equal priority: swap
        QCOMPARE(pendingIds(queue), (QList<qint64>{ids[0], ids[2], ids[1]}));
        QVERIFY(queue.move(ids[2], -1)); // past priority 1: takes priority 1
        QCOMPARE(pendingIds(queue), (QList<qint64>{ids[2], ids[0], ids[1]}));
        QCOMPARE(queue.require(ids[2]).priority, 1);
        QVERIFY(!queue.move(ids[2], -1)); // already first
        QVERIFY(queue.move(ids[0], +1));
        QCOMPARE(pendingIds(queue), (QList<qint64>{ids[2], ids[1], ids[0]}));
        QCOMPARE(queue.require(ids[0]).priority, 0);
        QVERIFY(!queue.move(ids[0], +1)); // already last
        // A new entry still goes after the others of its priority.
        const QList<qint64> added = addThree(queue, {0});
        QCOMPARE(pendingIds(queue).last(), added[0]);
    }

    void heldEntriesAreSkippedAndPauseStopsClaims()
    {
        const QueueStore queue(*m_ws);
        const QList<qint64> ids = addThree(queue, {0, 0});
        queue.setHeld(ids[0], true);
        QCOMPARE(queue.require(ids[0]).state, QueueState::Held);
        queue.setPaused(true);
        QVERIFY(queue.isPaused());
        QVERIFY(!queue.claimNext());
        queue.setPaused(false);
        QCOMPARE(queue.claimNext()->id, ids[1]);
        QVERIFY(!queue.claimNext()); // the held one waits for its release
        queue.setHeld(ids[0], false);
        QCOMPARE(queue.claimNext()->id, ids[0]);
    }

    // claim(id) takes exactly that entry, once, and only while it waits: an auto-tune search
    // runs its own trials even when others are queued first, and never one that someone
    // else took.
    void claimTakesThatEntryOnlyWhileItWaits()
    {
        const QueueStore queue(*m_ws);
        const QList<qint64> ids = addThree(queue, {5, 0, 0});
        const std::optional<QueueEntry> claimed = queue.claim(ids[2]);
        QVERIFY(claimed);
        QCOMPARE(claimed->id, ids[2]);
        QCOMPARE(claimed->state, QueueState::Running);
        QCOMPARE(queue.require(ids[0]).state, QueueState::Waiting); // the first in order stays
        QVERIFY(!queue.claim(ids[2]));                                // already running
        QCOMPARE(queue.claimNext()->id, ids[0]);
        QVERIFY(!queue.claim(ids[0]));                                // claimed by claimNext

        queue.setHeld(ids[1], true);
        QVERIFY(!queue.claim(ids[1]));
        QCOMPARE(queue.require(ids[1]).state, QueueState::Held);
        queue.setHeld(ids[1], false);
        queue.setPaused(true);
        QVERIFY(!queue.claimNext());
        QCOMPARE(queue.claim(ids[1])->id, ids[1]); // asked for by id: the pause does not apply

        queue.finish(ids[2], QueueState::Done);
        QVERIFY(!queue.claim(ids[2]));
        QCOMPARE(queue.require(ids[2]).state, QueueState::Done);
        QVERIFY(!queue.claim(ids[2] + 100)); // no such entry
    }

    void onlyPendingEntriesCanBeEditedOrRemoved()
    {
        const QueueStore queue(*m_ws);
        const QString other = storeTinyDataset(*m_ws, QStringLiteral("other"), 50);
        const QList<qint64> ids = addThree(queue, {0, 0});
        queue.edit(ids[1], other, settingsFor(QStringLiteral("lite")), 7);
        const QueueEntry edited = queue.require(ids[1]);
        QCOMPARE(edited.datasetId, other);
        QCOMPARE(edited.architecture(), QStringLiteral("lite"));
        QCOMPARE(edited.priority, 7);

        QCOMPARE(queue.claimNext()->id, ids[1]);
        QVERIFY_THROWS_EXCEPTION(UsageError, queue.edit(ids[1], other, settingsFor(QStringLiteral("cnn")), 0));
        QVERIFY_THROWS_EXCEPTION(UsageError, queue.remove({ids[0], ids[1]}));
        QVERIFY(queue.entry(ids[0])); // all or nothing: the pending one is still there
        queue.finish(ids[1], QueueState::Done);
        QCOMPARE(queue.require(ids[1]).state, QueueState::Done);
        QVERIFY_THROWS_EXCEPTION(UsageError, queue.setPriority(ids[1], 3));
        QCOMPARE(queue.removeFinished(), 1);
        queue.remove({ids[0]});
        QVERIFY(queue.list().isEmpty());
        QVERIFY_THROWS_EXCEPTION(UsageError, queue.require(ids[0]));
    }

    void survivesReopening()
    {
        const QString root = m_ws->root();
        QList<qint64> ids;
        {
            const QueueStore queue(*m_ws);
            ids = addThree(queue, {0, 2});
            queue.setPaused(true);
        }
        m_ws.reset();
        m_ws = Workspace::open(root);
        const QueueStore queue(*m_ws);
        QCOMPARE(pendingIds(queue), (QList<qint64>{ids[1], ids[0]}));
        QCOMPARE(queue.require(ids[1]).architecture(), QStringLiteral("m1"));
        QVERIFY(queue.isPaused());
    }

    // An entry left running by a runner that died goes back to waiting with its run (to be
    // resumed), or to done when its run had finished. Entries whose runner lives stay — told
    // by the entry's lock, not by the process id in the row, which may have been reused.
    void staleEntriesOfDeadRunnersAreRecovered()
    {
        const QueueStore queue(*m_ws);
        const RunStore runs(*m_ws);
        const QList<qint64> ids = addThree(queue, {2, 1, 0});
        // Another process claims the first two and is killed while it runs them.
        for (int i = 0; i < 2; ++i) {
            QProcess claimer;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("MLWB_TEST_CLAIM_AND_DIE"), m_ws->root());
            claimer.setProcessEnvironment(env);
            claimer.start(QCoreApplication::applicationFilePath(), {});
            QVERIFY(claimer.waitForFinished(30000));
            QCOMPARE(claimer.exitStatus(), QProcess::CrashExit);
            QCOMPARE(claimer.readAllStandardOutput().trimmed().toLongLong(), ids[i]);
        }
        QVERIFY(queue.claimNext()); // the third is ours
        const qint64 interruptedRun = runs.createRun(m_dataset, QStringLiteral("cnn"), {});
        runs.setStatus(interruptedRun, RunStatus::Interrupted);
        const qint64 finishedRun = runs.createRun(m_dataset, QStringLiteral("cnn"), {});
        runs.setStatus(finishedRun, RunStatus::Finished);
        queue.attachRun(ids[0], interruptedRun);
        queue.attachRun(ids[1], finishedRun);
        // The dead runners' process id now names a live process: this one.
        m_ws->database().exec(QStringLiteral("UPDATE queue SET pid = ? WHERE id IN (?, ?)"),
                              {QCoreApplication::applicationPid(), ids[0], ids[1]});

        QCOMPARE(queue.recoverStale(), 2);
        QCOMPARE(queue.require(ids[0]).state, QueueState::Waiting);
        QCOMPARE(queue.require(ids[0]).runId, std::optional<qint64>(interruptedRun));
        QCOMPARE(queue.require(ids[1]).state, QueueState::Done);
        QCOMPARE(queue.require(ids[2]).state, QueueState::Running);
        QCOMPARE(queue.recoverStale(), 0);

        // A recovered entry can be claimed again; an ended one's lock is free for the next.
        const std::optional<QueueEntry> again = queue.claimNext();
        QVERIFY(again);
        QCOMPARE(again->id, ids[0]);
        queue.finish(ids[0], QueueState::Cancelled);
        queue.finish(ids[2], QueueState::Done);
        QVERIFY(!QFileInfo::exists(RunLock::queueEntryLockPath(*m_ws, ids[0])));
    }
};

// Helper mode for the test above: claim the next entry, say which, and die holding it.
static int claimAndDie(const QString &workspaceRoot)
{
    const WorkspacePtr ws = Workspace::open(workspaceRoot);
    const std::optional<QueueEntry> entry = QueueStore(*ws).claimNext();
    std::printf("%lld\n", entry ? static_cast<long long>(entry->id) : 0LL);
    std::fflush(stdout);
    ::raise(SIGKILL);
    return 1;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("MLWB_TEST_CLAIM_AND_DIE"))
        return claimAndDie(qEnvironmentVariable("MLWB_TEST_CLAIM_AND_DIE"));
    TestQueueStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "test_queue_store.moc"
