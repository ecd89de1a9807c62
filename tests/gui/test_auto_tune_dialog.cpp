// The Models page's auto-tune dialog drives a real, tiny search: the trial table fills, the
// search stops at the budget below an unreachable goal, and at the first trial above a
// reachable one, which is then offered for promotion.
#include "AppContext.h"
#include "jobs/JobManager.h"
#include "jobs/TrainJob.h"
#include "models/AutoTuneDialog.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/QueueStore.h"
#include "store/Workspace.h"
#include "unit/jobs/TinyModel.h"

#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

class TestAutoTuneDialog : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    AppContext m_context;
    JobManager m_jobs;
    ModelVersion m_base;

    static QLineEdit *edit(AutoTuneDialog *d, const char *name)
    {
        return d->findChild<QLineEdit *>(QLatin1String(name));
    }

    // A dialog with a small space: two learning rates, adam, batch 16, 1 epoch.
    AutoTuneDialog *dialog(double goal, int trials)
    {
        auto *d = new AutoTuneDialog(m_context, m_base);
        d->findChild<QDoubleSpinBox *>(QStringLiteral("minMacroF1"))->setValue(goal);
        d->findChild<QSpinBox *>(QStringLiteral("budgetTrials"))->setValue(trials);
        edit(d, "learningRates")->setText(QStringLiteral("0.003, 0.03")); // the base trained with 0.01
        edit(d, "optimizers")->setText(QStringLiteral("adam"));
        edit(d, "batchSizes")->setText(QStringLiteral("16"));
        edit(d, "epochs")->setText(QStringLiteral("1"));
        d->show();
        return d;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_context.workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws")));
        m_context.jobs = &m_jobs;
        m_base = ModelRegistry(*m_context.workspace).require(testing::trainTinyModel(m_context.workspace, m_dir.path()));
    }

    void badValuesAreNamed()
    {
        AutoTuneDialog *d = dialog(0.5, 2);
        edit(d, "learningRates")->setText(QStringLiteral("0.01, fast"));
        QVERIFY(!d->start());
        QCOMPARE(d->trialRows(), 0);
        d->close();
    }

    void stopsAtTheBudgetBelowAnUnreachableGoal()
    {
        // No model this size can pass a gate of one parameter: the search must use its budget.
        const ModelRegistry registry(*m_context.workspace);
        registry.setGates(Gates{0.0, 1, false});
        AutoTuneDialog *d = dialog(0.0, 2);
        QSignalSpy finished(d, &AutoTuneDialog::searchFinished);
        QVERIFY(d->start());
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(d->trialRows(), 2);
        QVERIFY(d->bestModelId() > 0);
        QVERIFY(!d->findChild<QPushButton *>(QStringLiteral("promoteBest"))->isEnabled()); // nothing to promote
        // The trials were queued runs, and none is left waiting.
        for (const QueueEntry &e : QueueStore(*m_context.workspace).list())
            QVERIFY(e.state != QueueState::Waiting);
        d->close();
        registry.setGates(Gates{0.0, 200000, false});
    }

    void stopsAtTheFirstTrialThatPassesAndOffersIt()
    {
        ModelRegistry(*m_context.workspace).setGates(Gates{0.0, 200000, false});
        AutoTuneDialog *d = dialog(0.0, 5);
        QSignalSpy finished(d, &AutoTuneDialog::searchFinished);
        QSignalSpy promote(d, &AutoTuneDialog::promoteRequested);
        QVERIFY(d->start());
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(d->trialRows(), 1);
        QPushButton *promoteButton = d->findChild<QPushButton *>(QStringLiteral("promoteBest"));
        QVERIFY(promoteButton->isEnabled());
        promoteButton->click();
        QCOMPARE(promote.size(), 1);
        QCOMPARE(promote.first().first().toLongLong(), d->bestModelId());
        d->close();
    }
};

QTEST_MAIN(TestAutoTuneDialog)
#include "test_auto_tune_dialog.moc"
