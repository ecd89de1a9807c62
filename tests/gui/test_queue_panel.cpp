// The run queue from the Train page: grids of runs are added through the dialog, ordered
// by priority then age, reordered, held, kept across a restart, and run one at a time.
#include "unit/learning/SyntheticData.h"

#include "jobs/JobManager.h"
#include "store/DatasetStore.h"
#include "store/QueueStore.h"
#include "store/RunStore.h"
#include "training/QueueEntryDialog.h"
#include "training/QueueGridDialog.h"
#include "training/QueuePanel.h"
#include "training/QueueTableModel.h"
#include "training/TrainPage.h"
#include "training/TrainSettingsPanel.h"

#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

class TestQueuePanel : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<JobManager> m_jobs;
    AppContext m_context;
    QString m_datasetA, m_datasetB;

    TrainSettings tinySettings() const { return testing::tinyTrainSettings(m_dir.path(), 1); }

    std::unique_ptr<TrainPage> makePage()
    {
        auto page = std::make_unique<TrainPage>(m_context);
        page->settingsPanel()->setDataset(m_datasetA);
        page->settingsPanel()->setSettings(tinySettings());
        page->resize(1200, 800);
        page->show();
        return page;
    }

    // Does what the user did and waits until the change landed (the panel writes on the
    // store thread); true when the store took it.
    static bool landed(QueuePanel &panel, const std::function<void()> &action)
    {
        QSignalSpy done(&panel, &QueuePanel::changeDone);
        action();
        return done.wait(30000) && done.first().first().toBool();
    }

    QList<qint64> shownOrder(const QueuePanel &panel) const
    {
        QList<qint64> ids;
        for (int row = 0; row < panel.model()->rowCount(); ++row)
            if (isPending(panel.model()->entryAt(row)->state))
                ids << panel.model()->entryAt(row)->id;
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        static int n = 0;
        m_jobs = std::make_unique<JobManager>();
        m_context.workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws%1").arg(++n)));
        m_context.jobs = m_jobs.get();
        const DatasetStore store(*m_context.workspace);
        m_datasetA = store.save(*testing::syntheticShapes(40), QStringLiteral("shapes"), QStringLiteral("test"),
                                QStringLiteral("memory"), 0.1, 42).version.id;
        m_datasetB = store.save(*testing::syntheticShapes(48), QStringLiteral("more-shapes"), QStringLiteral("test"),
                                QStringLiteral("memory"), 0.1, 42).version.id;
    }

    void cleanup()
    {
        m_jobs.reset();
        m_context = {};
    }

    void gridDialogCountsAndRefusesBadValues()
    {
        const TrainSettings base = tinySettings();
        QueueGridDialog dialog(m_context.workspace, m_datasetA, base);
        QCOMPARE(dialog.runCount(), std::optional<int>(1)); // the form's data set, model and values
        dialog.setDatasetsChecked({m_datasetA, m_datasetB});
        dialog.setModelsChecked({base.architecture, QStringLiteral("cnn")});
        dialog.setValues(QStringLiteral("0.001, 0.01"), QStringLiteral("16 32"), QStringLiteral("1"));
        QCOMPARE(dialog.runCount(), std::optional<int>(2 * 2 * 4));
        dialog.setValues(QStringLiteral("0.001, fast"), QStringLiteral("16"), QStringLiteral("1"));
        QCOMPARE(dialog.runCount(), std::nullopt);
        dialog.setValues(QStringLiteral("0.001"), QStringLiteral("0"), QStringLiteral("1"));
        dialog.accept(); // batch size 0 is refused by the settings' own check
        QVERIFY2(dialog.errorText().contains(QStringLiteral("batchSize")), qPrintable(dialog.errorText()));
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(QueueStore(*m_context.workspace).list().isEmpty());
    }

    void queueOrdersReordersAndSurvivesARestart()
    {
        QueueStore(*m_context.workspace).setPaused(true); // nothing starts while we arrange
        QList<qint64> ids;
        {
            auto page = makePage();
            QueuePanel *panel = page->queuePanel();
            QVERIFY(panel->isPaused());

            QueueGridDialog dialog(m_context.workspace, m_datasetA, tinySettings());
            dialog.setDatasetsChecked({m_datasetA, m_datasetB});
            dialog.setValues(QStringLiteral("0.01, 0.02"), QStringLiteral("16"), QStringLiteral("1"));
            dialog.accept();
            QCOMPARE(dialog.entries().size(), size_t(4));
            ids = QueueStore(*m_context.workspace).add(dialog.entries());
            QVERIFY(landed(*panel, [&] { QVERIFY(panel->addCurrentSettings()); })); // a fifth, from the form
            ids << panel->selectedEntry();
            panel->reload();
            QCOMPARE(shownOrder(*panel), ids);

            // The last one first: a higher priority through the edit dialog...
            QueueEntryDialog edit(m_context.workspace, QueueStore(*m_context.workspace).require(ids[4]));
            edit.setPriority(5);
            edit.accept();
            QCOMPARE(edit.result(), int(QDialog::Accepted));
            QVERIFY(landed(*panel, [&] { panel->saveEdit(edit.edit()); }));
            QCOMPARE(shownOrder(*panel), (QList<qint64>{ids[4], ids[0], ids[1], ids[2], ids[3]}));
            // ...then the user moves one down and holds another.
            panel->selectEntry(ids[0]);
            QVERIFY(landed(*panel, [&] { QVERIFY(panel->moveSelected(+1)); }));
            QCOMPARE(panel->selectedEntry(), ids[0]);
            panel->selectEntry(ids[2]);
            QVERIFY(landed(*panel, [&] { panel->toggleHoldSelected(); }));
            QCOMPARE(QueueStore(*m_context.workspace).require(ids[2]).state, QueueState::Held);
            panel->selectEntry(ids[3]);
            QVERIFY(landed(*panel, [&] { panel->removeSelected(); }));
            QCOMPARE(shownOrder(*panel), (QList<qint64>{ids[4], ids[1], ids[0], ids[2]}));
        }
        // A restart: a new workspace object, a new page.
        const QString root = m_context.workspace->root();
        m_jobs = std::make_unique<JobManager>();
        m_context.jobs = m_jobs.get();
        m_context.workspace.reset();
        m_context.workspace = Workspace::open(root);
        auto page = makePage();
        QCOMPARE(shownOrder(*page->queuePanel()), (QList<qint64>{ids[4], ids[1], ids[0], ids[2]}));
        QVERIFY(page->queuePanel()->isPaused());
        QTRY_COMPARE(m_jobs->store().pending(), 0); // the page's recovery and first claim
        QVERIFY(page->currentJob() == nullptr);      // paused: nothing started
    }

    void entriesRunOneAtATimeInOrder()
    {
        const QueueStore queue(*m_context.workspace);
        queue.setPaused(true);
        auto page = makePage();
        QueuePanel *panel = page->queuePanel();
        const QList<qint64> ids = queue.add({{m_datasetA, tinySettings().toJson(), 0},
                                             {m_datasetB, tinySettings().toJson(), 1}});
        panel->reload();

        QList<qint64> started;
        QSignalSpy finished(page.get(), &TrainPage::trainingFinished);
        panel->setPaused(false); // resuming the queue starts the first entry
        QTRY_VERIFY_WITH_TIMEOUT(page->currentJob() != nullptr, 10000);
        started << page->currentQueueEntry();
        QCOMPARE(started.first(), ids[1]); // priority 1 first
        QCOMPARE(queue.require(ids[0]).state, QueueState::Waiting);
        QVERIFY(finished.wait(120000));
        QTRY_VERIFY_WITH_TIMEOUT(page->currentQueueEntry() == ids[0], 5000); // then the next, by itself
        QVERIFY(finished.wait(120000));
        QTRY_VERIFY_WITH_TIMEOUT(page->currentJob() == nullptr, 5000);

        for (qint64 id : ids) {
            const QueueEntry entry = queue.require(id);
            QCOMPARE(entry.state, QueueState::Done);
            QVERIFY(entry.runId);
            const RunRecord run = RunStore(*m_context.workspace).require(*entry.runId);
            QCOMPARE(run.status, RunStatus::Finished);
            QCOMPARE(run.datasetId, entry.datasetId);
        }
        const RunRecord first = RunStore(*m_context.workspace).require(*queue.require(ids[1]).runId);
        const RunRecord second = RunStore(*m_context.workspace).require(*queue.require(ids[0]).runId);
        QVERIFY(first.finished <= second.started); // one at a time
        panel->reload();
        QVERIFY(landed(*panel, [&] { panel->removeFinished(); }));
        QCOMPARE(panel->model()->rowCount(), 0);
    }

    // Cancelling the queue's run marks its entry cancelled; a paused queue starts nothing after.
    void cancellingTheRunningEntry()
    {
        const QueueStore queue(*m_context.workspace);
        TrainSettings longer = tinySettings();
        longer.epochs = 50;
        const QList<qint64> ids = queue.add({{m_datasetA, longer.toJson(), 0}, {m_datasetA, longer.toJson(), 0}});
        auto page = makePage();
        QTRY_VERIFY_WITH_TIMEOUT(page->currentQueueEntry() == ids[0], 5000); // the queue goes on by itself
        QVERIFY(landed(*page->queuePanel(), [&] { page->queuePanel()->setPaused(true); }));
        QTRY_VERIFY_WITH_TIMEOUT(page->currentRunId() > 0, 30000);
        QSignalSpy finished(page.get(), &TrainPage::trainingFinished);
        page->cancelTraining();
        QVERIFY(finished.wait(60000));
        QCOMPARE(queue.require(ids[0]).state, QueueState::Cancelled);
        QTest::qWait(100);
        QVERIFY(page->currentJob() == nullptr);
        QCOMPARE(queue.require(ids[1]).state, QueueState::Waiting);
    }
};

QTEST_MAIN(TestQueuePanel)
#include "test_queue_panel.moc"
