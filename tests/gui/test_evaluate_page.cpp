// The Evaluate page over a stored evaluation: what it shows equals the core's numbers, a
// confusion-matrix click shows exactly that cell's images, failure orders and filters, label
// flags with undo. The model never runs: the evaluation is stored by hand.
#include "AppContext.h"
#include "evaluation/ConfusionMatrixView.h"
#include "evaluation/EvaluatePage.h"
#include "evaluation/GalleryModel.h"
#include "evaluation/GalleryView.h"
#include "evaluation/PerClassTable.h"
#include "jobs/JobManager.h"
#include "registry/EvaluationStore.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/LabelFlagStore.h"
#include "store/Workspace.h"

#include <QComboBox>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

namespace {

constexpr int kClasses = 3;
constexpr int kTrain = 6;
constexpr int kTest = 60;

// 6 train and 60 test images of 4×4 noise, labels cycling over three classes.
Dataset noiseDataset()
{
    Dataset d;
    d.height = d.width = 4;
    d.classNames = {QStringLiteral("zero"), QStringLiteral("one"), QStringLiteral("two")};
    QRandomGenerator random(3);
    for (int i = 0; i < kTrain + kTest; ++i) {
        for (qsizetype p = 0; p < d.imageBytes(); ++p)
            d.pixels.push_back(std::uint8_t(random.bounded(256)));
        d.labels.push_back(std::uint8_t(i % kClasses));
        d.subsets.push_back(std::uint8_t(i < kTrain ? Subset::Train : Subset::Test));
    }
    return d;
}

// A model that is right on three quarters of the test images, with varied confidence.
EvaluationResult madeUpEvaluation(const Dataset &d)
{
    EvaluationResult r;
    QRandomGenerator random(11);
    for (int i = kTrain; i < kTrain + kTest; ++i) {
        const int truth = d.labels[size_t(i)];
        const int predicted = (i % 4 == 0) ? (truth + 1 + int(random.bounded(2))) % kClasses : truth;
        const float top = 0.4f + float(random.bounded(0.55));
        float row[kClasses];
        for (int c = 0; c < kClasses; ++c)
            row[c] = c == predicted ? top : (1 - top) / (kClasses - 1);
        r.indices.push_back(i);
        r.truth.push_back(truth);
        r.predicted.push_back(predicted);
        r.probabilities.insert(r.probabilities.end(), row, row + kClasses);
    }
    r.report = classificationReport(r.truth, r.predicted, kClasses);
    return r;
}

std::vector<qint64> galleryIndices(const GalleryView *view)
{
    std::vector<qint64> indices;
    for (int row = 0; row < view->galleryModel()->rowCount(); ++row)
        indices.push_back(view->galleryModel()->sampleIndex(row));
    return indices;
}

std::vector<qint64> indicesOf(const EvaluationResult &r, const std::vector<qsizetype> &positions)
{
    std::vector<qint64> indices;
    for (const qsizetype p : positions)
        indices.push_back(r.indices[size_t(p)]);
    return indices;
}

} // namespace

class TestEvaluatePage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    AppContext m_context;
    JobManager m_jobs;
    QString m_datasetId;
    qint64 m_modelId = 0;
    EvaluationResult m_expected;

    std::unique_ptr<EvaluatePage> openPage()
    {
        auto page = std::make_unique<EvaluatePage>(m_context);
        page->resize(1200, 760);
        page->show();
        if (!page->opened()) {
            QSignalSpy shown(page.get(), &EvaluatePage::evaluationShown);
            QSignalSpy failed(page.get(), &EvaluatePage::evaluationFailed);
            if (!shown.wait(10000))
                qFatal("the stored evaluation did not open: %s",
                       failed.isEmpty() ? "no answer" : qPrintable(failed.first().first().toString()));
        }
        return page;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_context.workspace = Workspace::open(m_dir.path());
        m_context.jobs = &m_jobs;
        const Dataset d = noiseDataset();
        m_datasetId = DatasetStore(*m_context.workspace).save(d, QStringLiteral("noise"), QStringLiteral("test"), {}, 0, 1).version.id;
        m_expected = madeUpEvaluation(d);
        NewModel model;
        model.architecture = QStringLiteral("mlp");
        model.parameterCount = 4321;
        model.datasetId = m_datasetId;
        model.accuracy = m_expected.report.accuracy;
        model.macroF1 = m_expected.report.macroF1;
        model.evaluation = {{QStringLiteral("report"), m_expected.report.toJson(d.classNames)}};
        m_modelId = ModelRegistry(*m_context.workspace).registerModel(model).id;
        // latencyMs is stored too, so that opening never needs the model's files.
        EvaluationStore(*m_context.workspace)
            .save(m_modelId, m_datasetId, m_expected, d.classNames,
                  QJsonObject{{QStringLiteral("latencyMs"), QJsonObject{{QStringLiteral("p50"), 0.25}, {QStringLiteral("p99"), 0.5}}},
                              {QStringLiteral("sizeBytes"), 123456}});
    }

    void showsTheCoresNumbers()
    {
        const auto page = openPage();
        const OpenedEvaluation *opened = page->opened();
        QVERIFY(opened);
        QVERIFY(!opened->computed);
        QCOMPARE(opened->samples->report.confusion, m_expected.report.confusion);
        QCOMPARE(page->confusionView()->numClasses(), kClasses);
        for (int t = 0; t < kClasses; ++t)
            for (int p = 0; p < kClasses; ++p)
                QCOMPARE(page->confusionView()->cellText(t, p), QString::number(m_expected.report.confusion.at(t, p)));
        QCOMPARE(page->perClassRowCount(), kClasses);
        const QAbstractItemModel *table = page->perClassTable()->model();
        for (int c = 0; c < kClasses; ++c) {
            const ClassMetrics &m = m_expected.report.perClass[size_t(c)];
            QCOMPARE(table->index(c, PerClassTable::PrecisionColumn).data().toString(), QLocale().toString(m.precision, 'f', 4));
            QCOMPARE(table->index(c, PerClassTable::RecallColumn).data().toString(), QLocale().toString(m.recall, 'f', 4));
            QCOMPARE(table->index(c, PerClassTable::F1Column).data().toString(), QLocale().toString(m.f1, 'f', 4));
            QCOMPARE(table->index(c, PerClassTable::SupportColumn).data().toString(), QLocale().toString(m.support));
        }
        QVERIFY(page->summaryText().contains(QLocale().toString(m_expected.report.macroF1, 'f', 4)));
        QVERIFY(page->summaryText().contains(QLocale().toString(4321)));
        QVERIFY(page->perClassTable()->toCsv().startsWith(QStringLiteral("class,precision,recall,f1,support\nzero,")));
    }

    void clickingACellShowsExactlyItsImages()
    {
        const auto page = openPage();
        ConfusionMatrixView *matrix = page->confusionView();
        QTRY_VERIFY(!matrix->cellRect(1, 2).isEmpty());
        QTest::mouseClick(matrix, Qt::LeftButton, {}, matrix->cellRect(1, 2).center());
        QCOMPARE(galleryIndices(page->cellGallery()), indicesOf(m_expected, cellPositions(m_expected, 1, 2)));
        QVERIFY(page->cellGallery()->galleryModel()->rowCount() > 0);
        QTest::mouseClick(matrix, Qt::LeftButton, {}, matrix->rowHeaderRect(0).center());
        QCOMPARE(galleryIndices(page->cellGallery()), indicesOf(m_expected, cellPositions(m_expected, 0, std::nullopt)));
        QTest::mouseClick(matrix, Qt::LeftButton, {}, matrix->columnHeaderRect(2).center());
        QCOMPARE(galleryIndices(page->cellGallery()), indicesOf(m_expected, cellPositions(m_expected, std::nullopt, 2)));
    }

    void failureGalleryOrdersAndFilters()
    {
        const auto page = openPage();
        QCOMPARE(galleryIndices(page->failureGallery()),
                 indicesOf(m_expected, failurePositions(m_expected, FailureOrder::MostConfident)));
        page->failureOrderBox()->setCurrentIndex(page->failureOrderBox()->findData(int(FailureOrder::LowestMargin)));
        QCOMPARE(galleryIndices(page->failureGallery()),
                 indicesOf(m_expected, failurePositions(m_expected, FailureOrder::LowestMargin)));
        page->failureTrueBox()->setCurrentIndex(page->failureTrueBox()->findData(1));
        page->failurePredictedBox()->setCurrentIndex(page->failurePredictedBox()->findData(2));
        const auto filtered = failurePositions(m_expected, FailureOrder::LowestMargin, 1, 2);
        QCOMPARE(galleryIndices(page->failureGallery()), indicesOf(m_expected, filtered));
        for (int row = 0; row < page->failureGallery()->galleryModel()->rowCount(); ++row) {
            const QModelIndex index = page->failureGallery()->galleryModel()->index(row);
            QCOMPARE(index.data(GalleryModel::TrueClassRole).toInt(), 1);
            QCOMPARE(index.data(GalleryModel::PredictedClassRole).toInt(), 2);
        }
    }

    void labelFlagsAreStoredAndUndone()
    {
        const auto page = openPage();
        const LabelFlagStore flags(*m_context.workspace);
        // The ranking comes first: the least believed label at the top.
        const std::vector<qint64> ranked = indicesOf(m_expected, labelErrorRanking(m_expected));
        QCOMPARE(page->labelErrorGallery()->galleryModel()->sampleIndex(0), ranked[0]);

        page->tabs()->setCurrentIndex(EvaluatePage::LabelErrorsTab);
        GalleryView *gallery = page->labelErrorGallery();
        gallery->setFocus();
        gallery->selectionModel()->select(gallery->model()->index(1, 0), QItemSelectionModel::ClearAndSelect);
        gallery->selectionModel()->select(gallery->model()->index(2, 0), QItemSelectionModel::Select);
        QTest::keyClick(gallery, Qt::Key_F);
        const QSet<qint64> expected{ranked[1], ranked[2]};
        QTRY_COMPARE(flags.flaggedIndices(m_datasetId), expected); // written on the store thread
        // Flagged samples lead the list, marked.
        QTRY_VERIFY(gallery->galleryModel()->index(0).data(GalleryModel::FlaggedRole).toBool());
        QVERIFY(expected.contains(gallery->galleryModel()->sampleIndex(0)));

        page->undoFlag();
        QTRY_VERIFY(flags.flaggedIndices(m_datasetId).isEmpty());
        QTRY_VERIFY(!gallery->galleryModel()->index(0).data(GalleryModel::FlaggedRole).toBool());
    }

    void anotherTestSetWaitsForTheUser()
    {
        Dataset other = noiseDataset();
        other.pixels[0] ^= 1; // another version with the same classes
        DatasetStore(*m_context.workspace).save(other, QStringLiteral("noise-2"), QStringLiteral("test"), {}, 0, 1);
        const auto page = openPage();
        QComboBox *datasets = page->findChildren<QComboBox *>().at(1);
        QCOMPARE(datasets->count(), 2);
        datasets->setCurrentIndex(1);
        QVERIFY(!page->opened());
        QCOMPARE(page->failureGallery()->galleryModel()->rowCount(), 0);
    }
};

QTEST_MAIN(TestEvaluatePage)
#include "test_evaluate_page.moc"
