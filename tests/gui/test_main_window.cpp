#include "MainWindow.h"
#include "app/Settings.h"
#include "app/Sidebar.h"
#include "app/Translation.h"
#include "common/Log.h"
#include "evaluation/Metrics.h"
#include "jobs/JobBar.h"
#include "jobs/JobManager.h"
#include "log/LogPanel.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/RunStore.h"
#include "training/RunTableModel.h"
#include "training/TrainPage.h"

#include <QApplication>
#include <QDialog>
#include <QLabel>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTableView>
#include <QComboBox>
#include <QPushButton>
#include <atomic>
#include <thread>

using namespace mlwb;

namespace {

// Reports a few steps, then waits until the test lets it finish (or it is cancelled).
class GatedJob : public Job {
public:
    explicit GatedJob(std::atomic_bool &release) : Job(QStringLiteral("gated test job")), m_release(release) {}

protected:
    void execute() override
    {
        for (int step = 1; step <= 3; ++step)
            reportProgress(step, 10, QStringLiteral("step %1, 250 images/s").arg(step));
        while (!m_release.load()) {
            if (cancelFlag().isCancelled())
                throw Cancelled();
            QThread::msleep(5);
        }
    }

private:
    std::atomic_bool &m_release;
};

QStringList sidebarNames(const MainWindow &window)
{
    QStringList names;
    const auto *sidebar = window.findChild<Sidebar *>();
    for (int i = 0; i < sidebar->count(); ++i)
        names << sidebar->item(i)->text();
    return names;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("mlwb-test"));
        QCoreApplication::setApplicationName(QStringLiteral("test_main_window"));
        QSettings().clear();
        initLogging(LogMode::Test);
        QVERIFY(m_dir.isValid());
        m_workspace = m_dir.filePath(QStringLiteral("workspace"));
    }

    void cleanupTestCase()
    {
        QSettings().clear();
        shutdownLogging();
    }

    void opensWorkspaceWithSevenPagesInOrder()
    {
        MainWindow window(m_workspace);
        QVERIFY(window.workspace());
        QCOMPARE(window.workspace()->root(), QDir(m_workspace).absolutePath());
        QVERIFY(window.windowTitle().contains(QDir::toNativeSeparators(window.workspace()->root())));
        QCOMPARE(window.pages()->count(), MainWindow::kPageCount);
        QCOMPARE(sidebarNames(window), (QStringList{QStringLiteral("Data"), QStringLiteral("Train"),
                                                    QStringLiteral("Evaluate"), QStringLiteral("Models"),
                                                    QStringLiteral("Sensor"), QStringLiteral("Label"),
                                                    QStringLiteral("Monitor")}));
        QCOMPARE(window.pages()->widget(2)->objectName(), QStringLiteral("evaluatePage"));
        QCOMPARE(window.pages()->widget(3)->objectName(), QStringLiteral("modelsPage"));
        QCOMPARE(window.pages()->widget(4)->objectName(), QStringLiteral("sensorPage"));
        QCOMPARE(window.pages()->widget(5)->objectName(), QStringLiteral("labelPage"));
        QCOMPARE(window.pages()->widget(6)->objectName(), QStringLiteral("monitorPage"));
    }

    void unusableWorkspaceLeavesNoPages()
    {
        // A file where the folder should be: Workspace::open fails, the window stays usable.
        const QString file = m_dir.filePath(QStringLiteral("not-a-folder"));
        QFile(file).open(QIODevice::WriteOnly);
        MainWindow window(file + QStringLiteral("/inner"));
        QVERIFY(!window.workspace());
        QCOMPARE(window.pages()->count(), 1); // the "no workspace" page with Open / New
        QVERIFY(!window.findChild<Sidebar *>()->isEnabled());
        // The explanation is queued for after construction; close it as a user would.
        QTimer::singleShot(0, [] {
            if (auto *box = qobject_cast<QDialog *>(QApplication::activeModalWidget()))
                box->reject();
        });
        QTest::qWait(50);
    }

    void ctrlDigitSwitchesPages()
    {
        MainWindow window(m_workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), 2);
        QCOMPARE(window.findChild<Sidebar *>()->currentRow(), 2);
        QTest::keyClick(&window, Qt::Key_7, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), 6);
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), 0);
    }

    void restoresLastPageAndSidebarWidth()
    {
        QByteArray splitter;
        {
            MainWindow window(m_workspace);
            window.show();
            window.setCurrentPage(5);
            splitter = window.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->saveState();
            QVERIFY(window.close());
        }
        QCOMPARE(settings::lastPage(), 5);
        MainWindow again(m_workspace);
        QCOMPARE(again.currentPage(), 5);
        QCOMPARE(again.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->saveState(), splitter);
        again.setCurrentPage(0);
        again.close();
    }

    void germanTranslationLoads()
    {
        QCOMPARE(installTranslators(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("mlwb::MainWindow", "&File"), QStringLiteral("&Datei"));
        {
            MainWindow window(m_workspace);
            QCOMPARE(sidebarNames(window).at(0), QStringLiteral("Daten"));
            QCOMPARE(sidebarNames(window).at(2), QStringLiteral("Auswerten"));
        }
        QCOMPARE(installTranslators(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("mlwb::MainWindow", "&File"), QStringLiteral("&File"));
    }

    void runningJobShowsInJobBarUntilFinished()
    {
        MainWindow window(m_workspace);
        window.show();
        JobBar *bar = window.jobBar();
        QCOMPARE(bar->rowCount(), 0);
        QVERIFY(!bar->isVisibleTo(&window));

        std::atomic_bool release{false};
        Job *job = window.jobs().start(std::make_unique<GatedJob>(release));
        QCOMPARE(bar->rowCount(), 1);
        QVERIFY(bar->isVisibleTo(&window));
        auto *title = bar->findChild<QLabel *>();
        QVERIFY(title);
        QCOMPARE(title->text(), job->title());
        auto *progress = bar->findChild<QProgressBar *>();
        QTRY_COMPARE(progress->value(), 300); // 3 of 10, in per mille

        release = true;
        QTRY_COMPARE(bar->rowCount(), 0);
        QVERIFY(!bar->isVisibleTo(&window));
    }

    void jobBarFormatsTimeAndThroughput()
    {
        QCOMPARE(JobBar::formatDuration(42), QStringLiteral("42 s"));
        QCOMPARE(JobBar::formatDuration(185), QStringLiteral("3 min 05 s"));
        QCOMPARE(JobBar::formatDuration(3720), QStringLiteral("1 h 02 min"));
        QCOMPARE(JobBar::throughputOf(QStringLiteral("epoch 2/5, 1234 images/s")), QStringLiteral("1234 images/s"));
        QCOMPARE(JobBar::throughputOf(QStringLiteral("epoch 2/5")), QString());
    }

    void logPanelShowsSpdlogLines()
    {
        MainWindow window(m_workspace);
        LogPanel *panel = window.logPanel();
        const QString marker = QStringLiteral("marker-%1").arg(QDateTime::currentMSecsSinceEpoch());
        spdlog::warn("log panel test {}", marker);
        std::thread([marker] { spdlog::error("from another thread {}", marker); }).join();
        QTRY_COMPARE(panel->visibleLineCount() >= 2, true);
        panel->setSearchText(marker);
        QCOMPARE(panel->visibleLineCount(), 2);
        QVERIFY(panel->visibleLine(0).contains(QStringLiteral("log panel test ") + marker));
        panel->setMinimumLevel(int(LogLevel::Error));
        QCOMPARE(panel->visibleLineCount(), 1);
        QVERIFY(panel->visibleLine(0).contains(QStringLiteral("from another thread")));
    }

    void modelsAndEvaluatePagesShowTheRegistry()
    {
        MainWindow window(m_workspace);
        const ModelRegistry registry(*window.workspace());
        const ClassificationReport report = classificationReport({0, 1, 2, 2}, {0, 1, 2, 1}, 3);
        NewModel model;
        model.architecture = QStringLiteral("mlp");
        model.parameterCount = 1234;
        model.accuracy = report.accuracy;
        model.macroF1 = report.macroF1;
        model.evaluation = {{QStringLiteral("report"), report.toJson({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})}};
        const ModelVersion registered = registry.registerModel(model);

        window.show();
        window.setCurrentPage(3);
        auto *table = window.pages()->widget(3)->findChild<QTableView *>(QStringLiteral("modelTable"));
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, 0).data().toString(), QString::number(registered.id));
        QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("mlp"));

        window.setCurrentPage(2);
        auto *perClass = window.pages()->widget(2)->findChild<QTableView *>(QStringLiteral("perClassTable"));
        QTRY_COMPARE(perClass->model()->rowCount(), 3);
        QCOMPARE(perClass->model()->index(2, 0).data().toString(), QStringLiteral("c"));
        // class c: one of two found, never wrongly predicted: precision 1, recall 0.5
        QCOMPARE(perClass->model()->index(2, 2).data().toString(), QLocale().toString(0.5, 'f', 4));
        window.setCurrentPage(0);
    }

    // Every page fits a 1280×800 laptop screen: no page forces the window wider or taller.
    void everyPageFitsASmallScreen()
    {
        MainWindow window(m_workspace);
        window.show();
        for (int page = 0; page < MainWindow::kPageCount; ++page) {
            window.setCurrentPage(page);
            const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
            QVERIFY2(minimum.width() <= 1280 && minimum.height() <= 760,
                     qPrintable(QStringLiteral("page %1 needs %2×%3").arg(page).arg(minimum.width()).arg(minimum.height())));
        }
        window.setCurrentPage(0);
    }

    // A finished run in the Train page's run list opens its model on the Evaluate page.
    void aFinishedRunLinksToItsEvaluation()
    {
        MainWindow window(m_workspace);
        const Workspace &ws = *window.workspace();
        Dataset d;
        d.height = d.width = 2;
        d.classNames = {QStringLiteral("a"), QStringLiteral("b")};
        d.pixels = {0, 1, 2, 3, 4, 5, 6, 7};
        d.labels = {0, 1};
        d.subsets = {std::uint8_t(Subset::Train), std::uint8_t(Subset::Test)};
        const QString datasetId = DatasetStore(ws).save(d, QStringLiteral("pair"), QStringLiteral("test"), {}, 0, 1).version.id;
        const RunStore runs(ws);
        const qint64 runId = runs.createRun(datasetId, QStringLiteral("lite"), {});
        NewModel model;
        model.runId = runId;
        model.architecture = QStringLiteral("lite");
        model.parameterCount = 99;
        const ClassificationReport report = classificationReport({0, 1}, {0, 1}, 2);
        model.evaluation = {{QStringLiteral("report"), report.toJson({QStringLiteral("a"), QStringLiteral("b")})}};
        const qint64 modelId = ModelRegistry(ws).registerModel(model).id;
        runs.setModel(runId, modelId);
        runs.setStatus(runId, RunStatus::Finished);

        window.show();
        window.setCurrentPage(1);
        auto *train = qobject_cast<TrainPage *>(window.pages()->widget(1));
        QVERIFY(train);
        train->runModel()->reload();
        QTableView *runTable = nullptr;
        for (QTableView *view : train->findChildren<QTableView *>())
            if (view->model() == train->runModel())
                runTable = view;
        QVERIFY(runTable);
        runTable->selectRow(train->runModel()->rowOf(runId));
        QPushButton *open = nullptr;
        for (QPushButton *b : train->findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Open Evaluation"))
                open = b;
        QVERIFY(open && open->isEnabled());
        open->click();
        QCOMPARE(window.currentPage(), 2);
        auto *models = window.pages()->widget(2)->findChild<QComboBox *>();
        QCOMPARE(models->currentData().toLongLong(), modelId);
        window.setCurrentPage(0);
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("MLWB_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set MLWB_SCREENSHOT_DIR to write screenshots of every page");
        MainWindow window(m_workspace);
        window.resize(1100, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        spdlog::warn("a warning, as the log panel shows it");
        std::atomic_bool release{false};
        window.jobs().start(std::make_unique<GatedJob>(release));
        const QStringList names{"data", "train", "evaluate", "models", "sensor", "label", "monitor"};
        for (int i = 0; i < names.size(); ++i) {
            window.setCurrentPage(i);
            QTest::qWait(100);
            QVERIFY(window.grab().save(QStringLiteral("%1/gui-shell-%2.png").arg(dir, names[i])));
        }
        release = true;
        QTRY_COMPARE(window.jobBar()->rowCount(), 0);
    }

private:
    QTemporaryDir m_dir;
    QString m_workspace;
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
