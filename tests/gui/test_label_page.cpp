// The Label page on a workspace of hand-made production samples (no model needed for the queue):
// each labeling key changes the store as documented and moves on, Ctrl+Z walks back, the grid
// labels every selected image, the orders and filters give the documented queue, near
// duplicates are hidden, labels are changed later in the Labeled tab, suspected label errors
// get corrections, a label the store refuses is shown and taken back, and labels survive a kill
// of the process once the page has saved them (the test starts itself as a child that labels,
// waits for the store thread, and then raises SIGKILL). The page writes on the store thread: a
// check of the store waits for its writes to land. With a tiny real model: a retraining shows production
// against the new model, promotion goes through the gates, and the automatic retraining starts.
#include "AppContext.h"
#include "jobs/JobManager.h"
#include "labeling/ClassButtons.h"
#include "labeling/ContinuousPanel.h"
#include "labeling/LabelGrid.h"
#include "labeling/LabelPage.h"
#include "labeling/LabelQueueModel.h"
#include "labeling/LabeledList.h"
#include "labeling/RetrainOutcome.h"
#include "labeling/SampleLabelView.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/LabelCorrectionStore.h"
#include "store/LabelFlagStore.h"
#include "store/SettingsTable.h"
#include "store/Workspace.h"
#include "unit/jobs/TinyModel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QProcess>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <cstdio>
#include <random>

using namespace mlwb;

namespace {

const char *const kChildVariable = "MLWB_TEST_LABEL_CHILD"; // the workspace the child labels in

// A 28×28 input of 8×8 cells, a bright cell per set bit of `pattern`: inputs of random patterns
// are far apart.
std::vector<std::uint8_t> patternInput(quint64 pattern)
{
    std::vector<std::uint8_t> input(28 * 28);
    for (int r = 0; r < 8; ++r) // the cells as averageHash cuts them
        for (int c = 0; c < 8; ++c)
            for (int y = r * 28 / 8; y < (r + 1) * 28 / 8; ++y)
                for (int x = c * 28 / 8; x < (c + 1) * 28 / 8; ++x)
                    input[size_t(y * 28 + x)] = (pattern >> (r * 8 + c)) & 1 ? 210 : 20;
    return input;
}

// Probabilities whose top two classes (predicted, runnerUp) are `gap` apart.
std::vector<float> probabilities(int classes, int predicted, int runnerUp, double gap)
{
    std::vector<float> p(size_t(classes), 0.0f);
    p[size_t(predicted)] = float(0.5 + gap / 2);
    p[size_t(runnerUp)] = float(0.5 - gap / 2);
    return p;
}

struct Spec {
    int predicted;
    double gap;
    SampleSource source;
};

// The five samples of most tests, ids 1…5 in this order. Margin order: 2, 4, 1, 5, 3.
const QList<Spec> kSamples = {{3, 0.5, SampleSource::Canvas}, {7, 0.1, SampleSource::Folder}, {1, 0.8, SampleSource::Api},
                              {3, 0.3, SampleSource::Canvas}, {0, 0.6, SampleSource::Api}};

quint64 patternOf(int seed)
{
    std::mt19937_64 rng(quint64(seed) * 7919 + 13);
    return rng();
}

QList<qint64> addSamples(const Workspace &ws, const QList<Spec> &specs, int classes = 10, qint64 modelId = 0, int seed = 0)
{
    std::vector<NewSample> batch;
    for (const Spec &s : specs) {
        NewSample n;
        n.sample.source = s.source;
        n.sample.input = patternInput(patternOf(seed++));
        n.sample.predicted = s.predicted;
        n.sample.probabilities = probabilities(classes, s.predicted, (s.predicted + 1) % classes, s.gap);
        n.sample.modelId = modelId;
        batch.push_back(std::move(n));
    }
    return SampleStore(ws).add(std::move(batch));
}

ProductionSample stored(const Workspace &ws, qint64 id)
{
    const std::optional<ProductionSample> s = SampleStore(ws).sample(id);
    if (!s)
        qFatal("sample %lld is gone", id);
    return *s;
}

QList<qint64> queueIds(const LabelPage &page)
{
    QList<qint64> ids;
    for (const LabelItem &item : page.queueModel()->items())
        ids << item.target.id;
    return ids;
}

// The page writes on the store thread: true once all it sent has landed.
bool saved(LabelPage &page)
{
    return QTest::qWaitFor([&] { return page.decisions().pending() == 0; }, 20000)
           && !page.progressText().contains(QStringLiteral("saving"));
}

bool waitForQueue(LabelPage &page, QSignalSpy &spy)
{
    if (!spy.isEmpty() || spy.wait(20000)) {
        spy.clear();
        return true;
    }
    return false;
}

// The child: opens the page on the workspace, labels the first two images of the newest-first
// queue (2, then Space: the guess), waits until the page no longer shows them as being saved,
// says so, and dies at once.
int runChild(int argc, char **argv)
{
    QApplication app(argc, argv);
    AppContext context;
    JobManager jobs;
    context.workspace = Workspace::open(qEnvironmentVariable(kChildVariable));
    context.jobs = &jobs;
    LabelPage page(context);
    QSignalSpy loaded(&page, &LabelPage::queueLoaded);
    page.show();
    if (!loaded.wait(20000))
        return 2;
    page.setOrder(QueueOrder::Newest);
    if (!loaded.wait(20000))
        return 3;
    QTest::keyClick(page.singleView(), Qt::Key_2);
    QTest::keyClick(page.singleView(), Qt::Key_Space);
    if (!saved(page))
        return 5;
    std::printf("labeled %lld\n", static_cast<long long>(page.decisions().size()));
    std::fflush(stdout);
    std::raise(SIGKILL);
    return 4; // not reached
}

} // namespace

class TestLabelPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    AppContext m_context;
    JobManager m_jobs;
    QList<qint64> m_ids;

    const Workspace &ws() const { return *m_context.workspace; }

    // The page, shown, with its queue read (in the order asked).
    std::unique_ptr<LabelPage> openPage(QueueOrder order = QueueOrder::Margin)
    {
        auto page = std::make_unique<LabelPage>(m_context);
        QSignalSpy loaded(page.get(), &LabelPage::queueLoaded);
        page->resize(1200, 760);
        page->show();
        if (!waitForQueue(*page, loaded))
            qFatal("the queue was not read");
        if (order != QueueOrder::Margin) {
            page->setOrder(order);
            if (!waitForQueue(*page, loaded))
                qFatal("the queue was not read again");
        }
        return page;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("USER", "tester");
        m_context.jobs = &m_jobs;
    }

    void init()
    {
        static int n = 0;
        m_context.workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws%1").arg(++n)));
        m_ids = addSamples(ws(), kSamples);
        QCOMPARE(m_ids, (QList<qint64>{1, 2, 3, 4, 5}));
    }

    void emptyWorkspaceSaysWhatToDo()
    {
        m_context.workspace = Workspace::open(m_dir.filePath(QStringLiteral("empty")));
        auto page = openPage();
        QVERIFY2(page->messageText().contains(QStringLiteral("No unlabeled samples")), qPrintable(page->messageText()));
        QVERIFY(page->messageText().contains(QStringLiteral("Sensor page")));
        QVERIFY(page->progressText().contains(QStringLiteral("0 unlabeled left")));
    }

    void ordersGiveTheDocumentedQueue()
    {
        auto page = openPage();
        QCOMPARE(queueIds(*page), (QList<qint64>{2, 4, 1, 5, 3})); // the smallest top-2 gap first
        QCOMPARE(page->currentItem()->target.id, 2);
        QSignalSpy loaded(page.get(), &LabelPage::queueLoaded);
        page->setOrder(QueueOrder::LeastConfidence);
        QVERIFY(waitForQueue(*page, loaded));
        QCOMPARE(queueIds(*page), (QList<qint64>{2, 4, 1, 5, 3})); // the lowest top probability first
        page->setOrder(QueueOrder::Newest);
        QVERIFY(waitForQueue(*page, loaded));
        QCOMPARE(queueIds(*page), (QList<qint64>{5, 4, 3, 2, 1}));
        page->setOrder(QueueOrder::Oldest);
        QVERIFY(waitForQueue(*page, loaded));
        QCOMPARE(queueIds(*page), (QList<qint64>{1, 2, 3, 4, 5}));
        page->setOrder(QueueOrder::Margin);
        QVERIFY(waitForQueue(*page, loaded));

        // Filters: the predicted class, the source.
        page->predictedFilterBox()->setCurrentIndex(page->predictedFilterBox()->findData(3));
        QVERIFY(waitForQueue(*page, loaded));
        QCOMPARE(queueIds(*page), (QList<qint64>{4, 1}));
        page->predictedFilterBox()->setCurrentIndex(0);
        QVERIFY(waitForQueue(*page, loaded));
        page->sourceFilterBox()->setCurrentIndex(page->sourceFilterBox()->findData(int(SampleSource::Api)));
        QVERIFY(waitForQueue(*page, loaded));
        QCOMPARE(queueIds(*page), (QList<qint64>{5, 3}));
        page->sourceFilterBox()->setCurrentIndex(page->sourceFilterBox()->findData(int(SampleSource::File)));
        QVERIFY(waitForQueue(*page, loaded));
        QVERIFY(page->messageText().contains(QStringLiteral("match these filters")));
    }

    void nearDuplicatesAreHidden()
    {
        // Sample 1 again with a little noise, the same guess, a little less uncertain.
        NewSample twin;
        twin.sample.input = patternInput(patternOf(0));
        for (size_t i = 0; i < twin.sample.input.size(); i += 7)
            twin.sample.input[i] = std::uint8_t(twin.sample.input[i] + 6);
        twin.sample.predicted = 3;
        twin.sample.probabilities = probabilities(10, 3, 4, 0.55);
        SampleStore(ws()).add({twin});
        auto page = openPage();
        QCOMPARE(queueIds(*page), (QList<qint64>{2, 4, 1, 5, 3}));
        QCOMPARE(page->duplicatesText(), QStringLiteral("near duplicates hidden: 1"));
        QVERIFY(page->progressText().contains(QStringLiteral("6 unlabeled left")));
        QSignalSpy loaded(page.get(), &LabelPage::queueLoaded);
        page->duplicatesBox()->setChecked(false);
        QVERIFY(waitForQueue(*page, loaded));
        QCOMPARE(queueIds(*page), (QList<qint64>{2, 4, 1, 6, 5, 3}));
        QCOMPARE(page->duplicatesText(), QString());
    }

    void focusStartsInTheSingleView()
    {
        auto page = openPage();
        QVERIFY(QTest::qWaitForWindowActive(page.get()));
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(page->singleView()));
        // The guess is framed and the probabilities are on the buttons.
        QCOMPARE(page->singleView()->classButtons()->count(), 10);
        QCOMPARE(page->singleView()->classButtons()->guess(), 7);
        QVERIFY(page->singleView()->classButtons()->button(3)->toolTip().contains(QStringLiteral("key 3")));
        // Beside the window's sidebar on a 1280×800 screen.
        const QSize minimum = page->minimumSizeHint();
        qInfo() << "minimum size" << minimum;
        QVERIFY2(minimum.width() <= 1100 && minimum.height() <= 600, qPrintable(QStringLiteral("%1×%2").arg(minimum.width()).arg(minimum.height())));
    }

    void eachKeyStoresAndAdvances()
    {
        auto page = openPage(QueueOrder::Newest); // 5, 4, 3, 2, 1
        SampleLabelView *view = page->singleView();
        QCOMPARE(page->currentItem()->target.id, 5);

        QTest::keyClick(view, Qt::Key_2);
        QCOMPARE(page->currentItem()->target.id, 4); // on at once; the write follows
        QVERIFY(saved(*page));
        QCOMPARE(stored(ws(), 5).label, std::optional<int>(2));
        QCOMPARE(stored(ws(), 5).labeledBy, QStringLiteral("tester"));
        QCOMPARE(page->currentItem()->target.id, 4);

        QTest::keyClick(view, Qt::Key_Space); // the guess: 3
        QVERIFY(saved(*page));
        QCOMPARE(stored(ws(), 4).label, std::optional<int>(3));
        QVERIFY(!stored(ws(), 4).discarded);
        QCOMPARE(page->currentItem()->target.id, 3);

        QTest::keyClick(view, Qt::Key_S); // skipped: unchanged
        QVERIFY(saved(*page));
        QVERIFY(!stored(ws(), 3).label && !stored(ws(), 3).discarded);
        QVERIFY(SampleStore(ws()).labelHistory(3).isEmpty());
        QCOMPARE(page->currentItem()->target.id, 2);

        QTest::keyClick(view, Qt::Key_X); // not a digit
        QVERIFY(saved(*page));
        QVERIFY(stored(ws(), 2).discarded);
        QVERIFY(!stored(ws(), 2).label);
        QCOMPARE(page->currentItem()->target.id, 1);

        QVERIFY2(page->progressText().startsWith(QStringLiteral("3 labeled in this session · 2 unlabeled left")),
                 qPrintable(page->progressText()));

        // A class button does what its key does.
        QTest::mouseClick(view->classButtons()->button(9), Qt::LeftButton);
        QVERIFY(saved(*page));
        QCOMPARE(stored(ws(), 1).label, std::optional<int>(9));
    }

    void undoWalksBack()
    {
        auto page = openPage(QueueOrder::Newest);
        SampleLabelView *view = page->singleView();
        QTest::keyClick(view, Qt::Key_2);     // 5 → 2
        QTest::keyClick(view, Qt::Key_Space); // 4 → 3
        QTest::keyClick(view, Qt::Key_S);     // 3 skipped
        QTest::keyClick(view, Qt::Key_X);     // 2 not a digit
        QCOMPARE(page->currentItem()->target.id, 1);

        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*page));
        QVERIFY(!stored(ws(), 2).discarded && !stored(ws(), 2).label);
        QCOMPARE(page->currentItem()->target.id, 2);
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier); // the skip: back to 3, nothing stored
        QCOMPARE(page->currentItem()->target.id, 3);
        QVERIFY(saved(*page));
        QVERIFY(SampleStore(ws()).labelHistory(3).isEmpty());
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*page));
        QVERIFY(!stored(ws(), 4).label);
        QCOMPARE(page->currentItem()->target.id, 4);
        QCOMPARE(stored(ws(), 5).label, std::optional<int>(2));
        QVERIFY(page->progressText().startsWith(QStringLiteral("1 labeled in this session · 4 unlabeled left")));

        // Labeled again after the undo: the new label counts, the queue goes on from there.
        QTest::keyClick(view, Qt::Key_8);
        QVERIFY(saved(*page));
        QCOMPARE(stored(ws(), 4).label, std::optional<int>(8));
        QCOMPARE(page->currentItem()->target.id, 3);
    }

    void undoAfterANewReadPutsTheImageBack()
    {
        auto page = openPage(QueueOrder::Newest);
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(page->singleView(), Qt::Key_Space);
        QVERIFY(page->messageText().contains(QStringLiteral("All caught up")));
        QSignalSpy loaded(page.get(), &LabelPage::queueLoaded);
        page->rebuildQueue();
        QVERIFY(waitForQueue(*page, loaded));
        QCOMPARE(page->queueModel()->rowCount(), 0);
        QVERIFY(page->isAncestorOf(QApplication::focusWidget())); // the keys still reach the page
        QTest::keyClick(page.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*page));
        QVERIFY(!stored(ws(), 1).label);
        QCOMPARE(queueIds(*page), QList<qint64>{1});
        QCOMPARE(page->currentItem()->target.id, 1);
        QVERIFY(page->messageText().isEmpty());
        QVERIFY(page->progressText().startsWith(QStringLiteral("4 labeled in this session · 1 unlabeled left")));
    }

    void undoRestoresAnEarlierLabel()
    {
        // A sample labeled before the page opened, changed in the Labeled tab: undo gives the
        // earlier label back (not "unlabeled").
        SampleStore(ws()).setLabel(3, 1, false, QStringLiteral("someone"));
        auto page = openPage();
        QCOMPARE(queueIds(*page), (QList<qint64>{2, 4, 1, 5}));
        page->tabs()->setCurrentIndex(1);
        LabeledList *list = page->labeledList();
        QSignalSpy loaded(list, &LabeledList::loaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(list->rowCount(), 1);
        list->selectSample(3);
        QVERIFY(list->historyText().contains(QStringLiteral("by someone")));
        QTest::keyClick(list->table(), Qt::Key_6);
        QVERIFY(saved(*page));
        QCOMPARE(stored(ws(), 3).label, std::optional<int>(6));
        QCOMPARE(SampleStore(ws()).labelHistory(3).size(), 2);
        QTRY_VERIFY2(list->historyText().contains(QStringLiteral("6 by tester")), qPrintable(list->historyText()));
        QTest::keyClick(list->table(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*page));
        QCOMPARE(stored(ws(), 3).label, std::optional<int>(1));
        QCOMPARE(page->tabs()->currentIndex(), 1); // not a queue decision: the tab stays
        QTest::keyClick(list->table(), Qt::Key_X);
        QVERIFY(saved(*page));
        QVERIFY(stored(ws(), 3).discarded);
        QTest::keyClick(list->table(), Qt::Key_Delete);
        QVERIFY(saved(*page));
        QVERIFY(!stored(ws(), 3).discarded && !stored(ws(), 3).label);
    }

    void gridLabelsTheSelection()
    {
        auto page = openPage(QueueOrder::Newest); // 5, 4, 3, 2, 1
        QTest::keyClick(page->singleView(), Qt::Key_G);
        QVERIFY(page->isGridMode());
        LabelGrid *grid = page->grid();
        QTRY_VERIFY(grid->isVisible());
        grid->selectRows({0, 2, 3}); // 5, 3, 2
        QTest::keyClick(grid, Qt::Key_4);
        QVERIFY(saved(*page));
        for (qint64 id : {5, 3, 2})
            QCOMPARE(stored(ws(), id).label, std::optional<int>(4));
        QVERIFY(!stored(ws(), 4).label && !stored(ws(), 1).label);
        QCOMPARE(grid->selectedRows(), QList<int>{4}); // the next unlabeled after the last one

        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier); // the whole grid decision
        QVERIFY(saved(*page));
        for (qint64 id : {5, 3, 2})
            QVERIFY(!stored(ws(), id).label);
        QCOMPARE(grid->selectedRows(), (QList<int>{0, 2, 3}));

        QTest::keyClick(grid, Qt::Key_A, Qt::ControlModifier); // everything; Space: each its own guess
        QTest::keyClick(grid, Qt::Key_Space);
        QVERIFY(saved(*page));
        for (int row = 0; row < kSamples.size(); ++row)
            QCOMPARE(stored(ws(), row + 1).label, std::optional<int>(kSamples[row].predicted));
        QVERIFY(page->progressText().startsWith(QStringLiteral("5 labeled in this session · 0 unlabeled left")));

        QTest::keyClick(grid, Qt::Key_G);
        QVERIFY(!page->isGridMode());
        QVERIFY(page->messageText().contains(QStringLiteral("All caught up")));
    }

    void suspectedLabelErrorsGetCorrections()
    {
        const QString datasetId = DatasetStore(ws())
                                      .save(*testing::syntheticShapes(5), QStringLiteral("shapes"), QStringLiteral("test"),
                                            QStringLiteral("memory"), 0.1, 42)
                                      .version.id;
        LabelFlagStore(ws()).flag(datasetId, {3, 7});
        auto page = openPage();
        QSignalSpy loaded(page.get(), &LabelPage::queueLoaded);
        page->setLabelSource(datasetId);
        QVERIFY(waitForQueue(*page, loaded));
        QCOMPARE(queueIds(*page), (QList<qint64>{3, 7}));
        QCOMPARE(page->currentItem()->recorded, 3); // syntheticShapes: label = index % 4
        QCOMPARE(page->singleView()->classButtons()->count(), 4);

        QTest::keyClick(page->singleView(), Qt::Key_1);
        QVERIFY(saved(*page));
        QCOMPARE(LabelCorrectionStore(ws()).correction(datasetId, 3)->label, 1);
        QCOMPARE(page->currentItem()->target.id, 7);
        QTest::keyClick(page->singleView(), Qt::Key_X); // a data set image is not discarded
        QCOMPARE(page->currentItem()->target.id, 7);
        QTest::keyClick(page->singleView(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*page));
        QVERIFY(!LabelCorrectionStore(ws()).correction(datasetId, 3));
        QCOMPARE(page->currentItem()->target.id, 3);
        // Every production sample is untouched.
        for (qint64 id : m_ids)
            QVERIFY(!stored(ws(), id).label);
    }

    // The store refuses a label (a class the model does not have): the page, which moved on at
    // once, says so and takes it back; the decision queued after it still lands.
    void aRefusedLabelIsShownAndTakenBack()
    {
        auto page = openPage(QueueOrder::Newest); // 5, 4, 3, 2, 1
        page->labelCurrent(12);
        QCOMPARE(page->currentItem()->target.id, 4);
        QTest::keyClick(page->singleView(), Qt::Key_Space); // 4: its guess, 3
        QVERIFY(saved(*page));
        QVERIFY2(page->hintText().contains(QStringLiteral("Not saved")) && page->hintText().contains(QStringLiteral("12")),
                 qPrintable(page->hintText()));
        QVERIFY(!stored(ws(), 5).label);
        QVERIFY(SampleStore(ws()).labelHistory(5).isEmpty());
        QCOMPARE(stored(ws(), 4).label, std::optional<int>(3));
        QVERIFY(!page->queueModel()->item(0).value.isSet()); // 5 shows unlabeled again
        QCOMPARE(page->currentItem()->target.id, 5);         // and is the one to label
        QVERIFY2(page->progressText().startsWith(QStringLiteral("1 labeled in this session · 4 unlabeled left")),
                 qPrintable(page->progressText()));
        QCOMPARE(page->decisions().size(), 1); // only the landed decision can be undone
        QTest::keyClick(page->singleView(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*page));
        QVERIFY(!stored(ws(), 4).label);
        QVERIFY(!page->decisions().canUndo());
    }

    void labelsSurviveAKill()
    {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kChildVariable), ws().root());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("USER"), QStringLiteral("child"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(60000));
        const QByteArray output = child.readAllStandardOutput();
        QVERIFY2(output.contains("labeled 2"), output.constData());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit); // it did die, by SIGKILL
        QCOMPARE(stored(ws(), 5).label, std::optional<int>(2));
        QCOMPARE(stored(ws(), 5).labeledBy, QStringLiteral("child"));
        QCOMPARE(stored(ws(), 4).label, std::optional<int>(3)); // Space: the guess
        QVERIFY(!stored(ws(), 3).label);
    }

    void retrainComparesAndPromotes()
    {
        // A tiny production model of four classes, and samples it answered (only those).
        m_context.workspace = Workspace::open(m_dir.filePath(QStringLiteral("retrain")));
        const qint64 production = testing::trainTinyModel(m_context.workspace, m_dir.path(), 24, 1);
        ModelRegistry(ws()).promote(production, Gates{0.0, 1000000, false});
        QList<Spec> specs;
        for (int i = 0; i < 12; ++i)
            specs.append({i % 4, 0.05 * i, SampleSource::Canvas});
        addSamples(ws(), specs, 4, production, 100);
        auto page = openPage(QueueOrder::Oldest);
        for (int i = 0; i < 12; ++i)
            QTest::keyClick(page->singleView(), Qt::Key_Space);

        ContinuousPanel *panel = page->continuousPanel();
        QSignalSpy finished(panel, &ContinuousPanel::retrainFinished);
        RetrainChoices choices;
        choices.fineTune = true;
        choices.testFraction = 0.3;
        panel->retrain(choices);
        QVERIFY(panel->isBusy());
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), true);
        RetrainOutcome *outcome = panel->outcome();
        QVERIFY(outcome->newModelId() > production);
        // A heading per test set, then accuracy and macro-F1: production, the new model, the change.
        QTableWidget *table = outcome->table();
        QVERIFY2(table->rowCount() == 6 || table->rowCount() == 3, qPrintable(outcome->text()));
        QVERIFY(table->item(0, 0)->text().startsWith(QStringLiteral("Base test")));
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("Accuracy"));
        QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("Production"));
        const double change = table->item(1, 2)->text().toDouble() - table->item(1, 1)->text().toDouble();
        QVERIFY(std::abs(table->item(1, 3)->text().toDouble() - change) < 0.0011);
        QCOMPARE(RetrainChoices::load(ws()).testFraction, 0.3); // kept for the next time

        // Promotion through the gates: refused by a parameter maximum no model meets, then accepted.
        ModelRegistry(ws()).setGates(Gates{0.0, 1, false});
        QSignalSpy promoted(panel, &ContinuousPanel::promotionFinished);
        QTRY_VERIFY(!panel->isBusy());
        panel->promote(outcome->newModelId());
        QVERIFY(promoted.wait(60000));
        QCOMPARE(promoted.first().first().toBool(), false);
        QVERIFY(promoted.first().at(1).toString().contains(QStringLiteral("parameters exceed the maximum")));
        QCOMPARE(ModelRegistry(ws()).production()->id, production);
        for (QWidget *w : QApplication::topLevelWidgets()) // the warning, non-blocking
            if (auto *box = qobject_cast<QDialog *>(w); box && box->isVisible())
                box->close();
        ModelRegistry(ws()).setGates(Gates{0.0, 1000000, false});
        QTRY_VERIFY(!panel->isBusy());
        promoted.clear();
        panel->promote(outcome->newModelId());
        QVERIFY(promoted.wait(60000));
        QCOMPARE(promoted.first().first().toBool(), true);
        QCOMPARE(ModelRegistry(ws()).production()->id, outcome->newModelId());

        // New samples, ordered by how much the old model (now a candidate) disagrees with the new.
        addSamples(ws(), specs.mid(0, 4), 4, outcome->newModelId(), 300);
        QSignalSpy loaded(page.get(), &LabelPage::queueLoaded);
        page->reloadChoices();
        page->candidateBox()->setCurrentIndex(page->candidateBox()->findData(production));
        page->setOrder(QueueOrder::Disagreement);
        QVERIFY(waitForQueue(*page, loaded));
        QCOMPARE(page->queueModel()->rowCount(), 4);
        const QList<LabelItem> &items = page->queueModel()->items();
        for (int i = 0; i < items.size(); ++i) {
            QVERIFY(items[i].candidate >= 0 && items[i].candidate < 4);
            if (i > 0)
                QVERIFY(items[i - 1].score >= items[i].score);
        }
    }

    void retrainsAutomaticallyAfterNLabels()
    {
        m_context.workspace = Workspace::open(m_dir.filePath(QStringLiteral("auto")));
        const qint64 production = testing::trainTinyModel(m_context.workspace, m_dir.path(), 24, 1);
        ModelRegistry(ws()).promote(production, Gates{0.0, 1000000, false});
        QList<Spec> specs;
        for (int i = 0; i < 6; ++i)
            specs.append({i % 4, 0.1 * i, SampleSource::Api});
        addSamples(ws(), specs, 4, production, 200);
        {
            auto page = openPage(QueueOrder::Oldest);
            ContinuousPanel *panel = page->continuousPanel();
            panel->autoRetrainCount()->setValue(3);
            panel->autoRetrainBox()->setChecked(true);
            QVERIFY(!panel->isBusy());
            QSignalSpy finished(panel, &ContinuousPanel::retrainFinished);
            QTest::keyClick(page->singleView(), Qt::Key_Space);
            QTest::keyClick(page->singleView(), Qt::Key_Space);
            QVERIFY(!panel->isBusy());
            QTest::keyClick(page->singleView(), Qt::Key_Space); // the third: a retraining starts
            QVERIFY(panel->isBusy());
            QCOMPARE(panel->labelsSinceBuild(), 0);
            QVERIFY(finished.wait(120000));
        }
        // Kept in the workspace: the next page starts with it.
        const SettingsTable settings(ws().database());
        QCOMPARE(settings.value(QStringLiteral("label.auto_retrain")), QStringLiteral("1"));
        QCOMPARE(settings.value(QStringLiteral("label.auto_retrain_after")), QStringLiteral("3"));
        auto page = openPage();
        QVERIFY(page->continuousPanel()->autoRetrainBox()->isChecked());
        QCOMPARE(page->continuousPanel()->autoRetrainCount()->value(), 3);
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(kChildVariable))
        return runChild(argc, argv);
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestLabelPage test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "test_label_page.moc"
