// The Models page over stored evaluations: comparison of two versions (McNemar against the
// hand-counted value, the confusion difference and the images where they disagree), filter,
// promotion refused and accepted through the gates, rollback and its history.
#include "AppContext.h"
#include "evaluation/ConfusionMatrixView.h"
#include "evaluation/GalleryModel.h"
#include "evaluation/GalleryView.h"
#include "evaluation/McNemar.h"
#include "jobs/JobManager.h"
#include "models/ComparisonView.h"
#include "models/ModelsPage.h"
#include "registry/EvaluationStore.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/Workspace.h"

#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

namespace {

constexpr int kTest = 40;

Dataset twoClassDataset()
{
    Dataset d;
    d.height = d.width = 2;
    d.classNames = {QStringLiteral("cat"), QStringLiteral("dog")};
    for (int i = 0; i < kTest + 2; ++i) {
        for (int p = 0; p < 4; ++p)
            d.pixels.push_back(std::uint8_t(i * 4 + p));
        d.labels.push_back(std::uint8_t(i % 2));
        d.subsets.push_back(std::uint8_t(i < 2 ? Subset::Train : Subset::Test));
    }
    return d;
}

// A model that errs on every `every`-th test image (offset `shift`).
EvaluationResult erring(const Dataset &d, int every, int shift)
{
    EvaluationResult r;
    for (int i = 2; i < kTest + 2; ++i) {
        const int truth = d.labels[size_t(i)];
        const int predicted = (i + shift) % every == 0 ? 1 - truth : truth;
        r.indices.push_back(i);
        r.truth.push_back(truth);
        r.predicted.push_back(predicted);
        r.probabilities.push_back(predicted == 0 ? 0.9f : 0.1f);
        r.probabilities.push_back(predicted == 0 ? 0.1f : 0.9f);
    }
    r.report = classificationReport(r.truth, r.predicted, 2);
    return r;
}

} // namespace

class TestModelsPage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    AppContext m_context;
    JobManager m_jobs;
    QString m_datasetId;
    qint64 m_weak = 0, m_strong = 0;
    EvaluationResult m_weakResult, m_strongResult;

    qint64 addModel(const EvaluationResult &r, const Dataset &d)
    {
        NewModel model;
        model.architecture = QStringLiteral("mlp");
        model.parameterCount = 1000;
        model.datasetId = m_datasetId;
        model.accuracy = r.report.accuracy;
        model.macroF1 = r.report.macroF1;
        model.weightedF1 = r.report.weightedF1;
        model.evaluation = {{QStringLiteral("report"), r.report.toJson(d.classNames)}};
        const qint64 id = ModelRegistry(*m_context.workspace).registerModel(model).id;
        EvaluationStore(*m_context.workspace)
            .save(id, m_datasetId, r, d.classNames,
                  QJsonObject{{QStringLiteral("latencyMs"), QJsonObject{{QStringLiteral("p50"), 0.1}, {QStringLiteral("p99"), 0.2}}}});
        return id;
    }

    static void closeWarnings()
    {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *box = qobject_cast<QMessageBox *>(w))
                box->close();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_context.workspace = Workspace::open(m_dir.path());
        m_context.jobs = &m_jobs;
        const Dataset d = twoClassDataset();
        m_datasetId = DatasetStore(*m_context.workspace).save(d, QStringLiteral("pets"), QStringLiteral("test"), {}, 0, 1).version.id;
        m_weakResult = erring(d, 4, 0);   // 10 mistakes
        m_strongResult = erring(d, 10, 1); // 4 mistakes, mostly elsewhere
        m_weak = addModel(m_weakResult, d);
        m_strong = addModel(m_strongResult, d);
        ModelRegistry(*m_context.workspace).setGates(Gates{0.5, 200000, true});
    }

    void listsAndFilters()
    {
        ModelsPage page(m_context);
        QCOMPARE(page.table()->model()->rowCount(), 2);
        // The latency column comes from the stored evaluations.
        QCOMPARE(page.table()->model()->index(0, 6).data().toString(), QLocale().toString(0.1, 'f', 2) + QStringLiteral(" ms"));
        page.filter()->setText(QString::number(m_strong) + QStringLiteral(" "));
        page.filter()->setText(QStringLiteral("pets"));
        QCOMPARE(page.table()->model()->rowCount(), 2);
        page.filter()->setText(QStringLiteral("no such model"));
        QCOMPARE(page.table()->model()->rowCount(), 0);
        page.filter()->clear();
        QCOMPARE(page.table()->model()->rowCount(), 2);
    }

    void comparesTwoVersions()
    {
        ModelsPage page(m_context);
        page.resize(1200, 800);
        page.show();
        page.selectModels({m_weak, m_strong});
        QSignalSpy shown(&page, &ModelsPage::comparisonShown);
        page.compareSelected();
        QVERIFY(shown.wait(10000));
        const ModelComparison *c = page.comparisonView()->comparison();
        QVERIFY(c);
        QCOMPARE(c->models.size(), 2);
        QCOMPARE(c->pairs.size(), 1);
        const PairedOutcome expected = pairedOutcome(m_weakResult.truth, m_weakResult.predicted, m_strongResult.predicted);
        const PairedOutcome &o = c->pairs.first().outcome;
        QCOMPARE(o.onlyA, expected.onlyA);
        QCOMPARE(o.onlyB, expected.onlyB);
        QCOMPARE(o.pValue, mcnemarExactP(expected.onlyA, expected.onlyB));
        QCOMPARE(o.bothRight + o.onlyA + o.onlyB + o.bothWrong, qint64(kTest));
        QVERIFY(page.comparisonView()->verdictText().contains(QStringLiteral("McNemar")));

        // The difference matrix is B − A, and its cells open the disagreements.
        ConfusionMatrixView *difference = page.comparisonView()->differenceView();
        QVERIFY(difference->isDifference());
        const qint64 delta = m_strongResult.report.confusion.at(0, 1) - m_weakResult.report.confusion.at(0, 1);
        QCOMPARE(difference->cellText(0, 1), delta > 0 ? QStringLiteral("+%1").arg(delta)
                                             : delta < 0 ? QStringLiteral("−%1").arg(-delta) : QStringLiteral("0"));
        page.comparisonView()->showDisagreements(0, 1);
        int expectedRows = 0;
        for (int i = 0; i < kTest; ++i)
            expectedRows += m_weakResult.truth[size_t(i)] == 0 && m_weakResult.predicted[size_t(i)] != m_strongResult.predicted[size_t(i)];
        QCOMPARE(page.comparisonView()->disagreementGallery()->galleryModel()->rowCount(), expectedRows);
        QVERIFY(expectedRows > 0);
    }

    void promotionIsRefusedAndAcceptedThroughTheGates()
    {
        const ModelRegistry registry(*m_context.workspace);
        ModelsPage page(m_context);
        page.show();
        // The strong model first: no production yet, it passes.
        page.selectModels({m_strong});
        QSignalSpy finished(&page, &ModelsPage::promotionFinished);
        page.promoteSelected();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), true);
        QCOMPARE(registry.production()->id, m_strong);
        // The weak one does not beat production on the same test set: refused, with the reason.
        page.selectModels({m_weak});
        page.promoteSelected();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY2(finished.last().at(1).toString().contains(QStringLiteral("does not beat production")),
                 qPrintable(finished.last().at(1).toString()));
        QCOMPARE(registry.production()->id, m_strong);
        closeWarnings();
        // Without that gate it passes; rollback goes back and the history lists both moves.
        registry.setGates(Gates{0.5, 200000, false});
        page.selectModels({m_weak});
        page.promoteSelected();
        QVERIFY(finished.wait(10000));
        QCOMPARE(registry.production()->id, m_weak);
        page.rollback(); // written on the store thread
        QTRY_COMPARE(registry.production()->id, m_strong);
        QTRY_COMPARE(page.historyModel()->rowCount(), 3);
        QCOMPARE(page.historyModel()->item(0, 1)->text(), QStringLiteral("rolled back"));
        registry.setGates(Gates{0.5, 200000, true});
    }
};

QTEST_MAIN(TestModelsPage)
#include "test_models_page.moc"
