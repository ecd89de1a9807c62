#include "evaluation/GalleryModel.h"
#include "evaluation/GalleryView.h"
#include "evaluation/Probabilities.h"
#include "evaluation/SampleSelection.h"
#include "evaluation/SampleZoomDialog.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QtTest>
#include <cmath>
#include <numeric>
#include <set>

using namespace mlwb;

namespace {

constexpr int kClasses = 4;

// n grey images of side×side, labels i % 4, all in the test part. Each class has its own
// bright blob over faint noise, so thumbnails look like something.
Dataset syntheticDataset(int n, int side)
{
    Dataset d;
    d.height = d.width = side;
    d.classNames = {QStringLiteral("zero"), QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")};
    QRandomGenerator random(3);
    for (int i = 0; i < n; ++i) {
        const int label = i % kClasses;
        const double cx = side * (0.3 + 0.4 * (label % 2)), cy = side * (0.3 + 0.4 * (label / 2));
        for (int y = 0; y < side; ++y)
            for (int x = 0; x < side; ++x) {
                const double r = std::hypot(x - cx, y - cy) / side;
                d.pixels.push_back(std::uint8_t(r < 0.22 ? 200 + random.bounded(56) : random.bounded(40)));
            }
        d.labels.push_back(std::uint8_t(label));
        d.subsets.push_back(std::uint8_t(Subset::Test));
    }
    return d;
}

// Position i evaluates data set index (7 i) mod n, so positions and indices differ. Every
// fifth position is a mistake, predicting the next class with probability 0.40 + 0.01 i
// (the true class gets 60 % of the rest); the others are right with 0.85.
EvaluationResult handBuiltResult(const Dataset &data)
{
    EvaluationResult r;
    const qsizetype n = data.size();
    for (qsizetype i = 0; i < n; ++i) {
        const qint64 sample = (7 * i) % n;
        const int truth = data.labels[size_t(sample)];
        std::array<float, kClasses> row{};
        if (i % 5 == 0) {
            const float wrong = 0.40f + 0.01f * float(i % 36);
            const float right = (1 - wrong) * 0.6f;
            row.fill((1 - wrong - right) / 2);
            row[size_t((truth + 1) % kClasses)] = wrong;
            row[size_t(truth)] = right;
        } else {
            row.fill(0.05f);
            row[size_t(truth)] = 0.85f;
        }
        r.indices.push_back(sample);
        r.truth.push_back(truth);
        r.predicted.push_back(argmax(row.data(), kClasses));
        r.probabilities.insert(r.probabilities.end(), row.begin(), row.end());
    }
    r.report = classificationReport(r.truth, r.predicted, kClasses);
    return r;
}

std::vector<qsizetype> allPositions(const EvaluationResult &r)
{
    std::vector<qsizetype> positions(size_t(r.size()));
    std::iota(positions.begin(), positions.end(), qsizetype(0));
    return positions;
}

// The rows that dataChanged signals in `spy` covered.
std::set<int> changedRows(const QSignalSpy &spy)
{
    std::set<int> rows;
    for (const QList<QVariant> &args : spy)
        for (int row = args[0].toModelIndex().row(); row <= args[1].toModelIndex().row(); ++row)
            rows.insert(row);
    return rows;
}

int pixelsNear(const QImage &image, const QRect &rect, const QColor &colour)
{
    int count = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - colour.red()) < 30 && std::abs(c.green() - colour.green()) < 30
                && std::abs(c.blue() - colour.blue()) < 30)
                ++count;
        }
    return count;
}

SampleZoomDialog *openZoomDialog()
{
    for (QWidget *widget : QApplication::topLevelWidgets())
        if (auto *dialog = qobject_cast<SampleZoomDialog *>(widget); dialog && dialog->isVisible())
            return dialog;
    return nullptr;
}

} // namespace

class TestGallery : public QObject {
    Q_OBJECT
private:
    DatasetPtr m_data = std::make_shared<const Dataset>(syntheticDataset(40, 8));
    std::shared_ptr<const EvaluationResult> m_result = std::make_shared<const EvaluationResult>(handBuiltResult(*m_data));

    void setSource(GalleryModel &model) const { model.setSource(m_data, m_result, m_data->classNames); }

private Q_SLOTS:
    void failuresAreRowsInTheirOrderWithWhatTheModelBelieved()
    {
        GalleryModel model;
        setSource(model);
        QCOMPARE(model.rowCount(), 0); // a new source shows nothing until positions come
        model.setPositions(failurePositions(*m_result, FailureOrder::MostConfident));

        // The mistakes are the positions divisible by 5; the higher, the more confident.
        const std::vector<qsizetype> expected = {35, 30, 25, 20, 15, 10, 5, 0};
        QCOMPARE(model.rowCount(), int(expected.size()));
        for (int row = 0; row < model.rowCount(); ++row) {
            const qsizetype at = expected[size_t(row)];
            const QModelIndex index = model.index(row);
            const int truth = m_data->labels[size_t((7 * at) % 40)];
            QCOMPARE(model.position(row), at);
            QCOMPARE(model.sampleIndex(row), (7 * at) % 40);
            QCOMPARE(index.data(GalleryModel::SampleIndexRole).toLongLong(), (7 * at) % 40);
            QCOMPARE(index.data(GalleryModel::TrueClassRole).toInt(), truth);
            QCOMPARE(index.data(GalleryModel::PredictedClassRole).toInt(), (truth + 1) % kClasses);
            QVERIFY(qAbs(index.data(GalleryModel::ConfidenceRole).toDouble() - (0.40 + 0.01 * double(at))) < 1e-5);
            QVERIFY(qAbs(index.data(GalleryModel::TrueProbabilityRole).toDouble() - (0.36 - 0.006 * double(at))) < 1e-5);
            QCOMPARE(index.data(Qt::DisplayRole).toString(),
                     m_data->classNames[truth] + QStringLiteral(" → ") + m_data->classNames[(truth + 1) % kClasses]);
            QCOMPARE(index.data(GalleryModel::FlaggedRole).toBool(), false);
        }

        // A right answer is captioned with its class alone; the tooltip says it all.
        model.setPositions({1});
        QCOMPARE(model.index(0).data().toString(), m_data->classNames[m_data->labels[7]]);
        const QString tip = model.index(0).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("#7")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("0.850")), qPrintable(tip));
        QVERIFY2(!tip.contains(QStringLiteral("label error")), qPrintable(tip));
        model.setFlagged({7});
        QVERIFY(model.index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("suspected label error")));

        // Positions outside the result cannot become rows.
        model.setPositions({-1, 2, 40});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.position(0), qsizetype(2));
    }

    void aConfusionCellShowsExactlyItsSamples()
    {
        GalleryModel model;
        setSource(model);
        model.setPositions(cellPositions(*m_result, 1, 2));
        QCOMPARE(model.rowCount(), int(m_result->report.confusion.at(1, 2)));
        QCOMPARE(model.rowCount(), 2); // positions 15 and 35 (samples 25 and 5)
        std::set<qint64> samples;
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.index(row).data(GalleryModel::TrueClassRole).toInt(), 1);
            QCOMPARE(model.index(row).data(GalleryModel::PredictedClassRole).toInt(), 2);
            samples.insert(model.sampleIndex(row));
        }
        QCOMPARE(samples, (std::set<qint64>{5, 25}));

        model.setPositions(cellPositions(*m_result, 3, 3));
        QCOMPARE(model.rowCount(), int(m_result->report.confusion.at(3, 3)));
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row).data(Qt::DisplayRole).toString(), QStringLiteral("three"));
    }

    void flaggingSignalsOnlyTheRowsWhoseMarkChanged()
    {
        GalleryModel model;
        setSource(model);
        model.setPositions(allPositions(*m_result));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.setFlagged({model.sampleIndex(2), model.sampleIndex(5)});
        QCOMPARE(changedRows(changed), (std::set<int>{2, 5}));
        for (const QList<QVariant> &args : changed)
            QVERIFY(args[2].value<QList<int>>().contains(GalleryModel::FlaggedRole));
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row).data(GalleryModel::FlaggedRole).toBool(), row == 2 || row == 5);

        // 5 stays flagged, 2 is cleared, 6 is new: rows 2 and 6 change.
        changed.clear();
        model.setFlagged({model.sampleIndex(5), model.sampleIndex(6)});
        QCOMPARE(changedRows(changed), (std::set<int>{2, 6}));
        QCOMPARE(model.flagged(), (QSet<qint64>{model.sampleIndex(5), model.sampleIndex(6)}));
        QVERIFY(!model.index(2).data(GalleryModel::FlaggedRole).toBool());
        QVERIFY(model.index(6).data(GalleryModel::FlaggedRole).toBool());

        changed.clear();
        model.setFlagged(model.flagged());
        QCOMPARE(changed.count(), 0);
    }

    void pressingFAsksToToggleTheSelectedSamples()
    {
        GalleryView view;
        setSource(*view.galleryModel());
        view.galleryModel()->setPositions(failurePositions(*m_result, FailureOrder::MostConfident));
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy requested(&view, &GalleryView::flagToggleRequested);

        QTest::keyClick(&view, Qt::Key_F); // nothing selected: nothing to ask
        QCOMPARE(requested.count(), 0);

        GalleryModel &model = *view.galleryModel();
        view.selectionModel()->select(model.index(1), QItemSelectionModel::Select);
        view.selectionModel()->select(model.index(4), QItemSelectionModel::Select);
        QTest::keyClick(&view, Qt::Key_F);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested[0][0].value<QList<qint64>>(), (QList<qint64>{model.sampleIndex(1), model.sampleIndex(4)}));
        QCOMPARE(model.flagged(), QSet<qint64>()); // the page stores it, not the view

        // Extended selection: Ctrl+click adds to it.
        view.clearSelection();
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(model.index(0)).center());
        QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::ControlModifier, view.visualRect(model.index(3)).center());
        QTest::keyClick(&view, Qt::Key_F);
        QCOMPARE(requested.count(), 2);
        QCOMPARE(requested[1][0].value<QList<qint64>>(), (QList<qint64>{model.sampleIndex(0), model.sampleIndex(3)}));
    }

    void doubleClickOpensTheSampleLarge()
    {
        GalleryView view;
        setSource(*view.galleryModel());
        view.galleryModel()->setPositions(failurePositions(*m_result, FailureOrder::MostConfident));
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!openZoomDialog());

        const QModelIndex second = view.galleryModel()->index(1); // position 30, sample 10 (a two taken for a three)
        // What the window system sends: press, release, then the double click (and release).
        const QPoint at = view.visualRect(second).center();
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
        QVERIFY(!openZoomDialog()); // a single click only selects
        QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, at);
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, at);
        QTRY_VERIFY(openZoomDialog());
        SampleZoomDialog *dialog = openZoomDialog();
        QCOMPARE(dialog->sampleIndex(), qint64(10));
        QVERIFY2(dialog->windowTitle().contains(QStringLiteral("#10")), qPrintable(dialog->windowTitle()));
        QVERIFY2(dialog->windowTitle().contains(QStringLiteral("two → three")), qPrintable(dialog->windowTitle()));
        QPointer<SampleZoomDialog> guard(dialog);
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!guard); // closed and gone

        // Enter on the current item does the same.
        view.setCurrentIndex(view.galleryModel()->index(0));
        QTest::keyClick(&view, Qt::Key_Return);
        QTRY_VERIFY(openZoomDialog());
        QCOMPARE(openZoomDialog()->sampleIndex(), view.galleryModel()->sampleIndex(0));
        openZoomDialog()->close();
    }

    void zoomDialogShowsEveryClassProbability()
    {
        SampleZoomDialog dialog(*m_data, *m_result, 1, m_data->classNames);
        QCOMPARE(dialog.sampleIndex(), qint64(7));
        QVERIFY(dialog.windowTitle().contains(QStringLiteral("#7")));
        QStringList texts;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            texts << label->text();
        const QString all = texts.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("three")) && all.contains(QStringLiteral("0.8500")), qPrintable(all));
        // The image is shown at least 8× (8×8 pixels here).
        bool large = false;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            large = large || label->pixmap().width() >= 64;
        QVERIFY(large);
    }

    void mistakesAreFramedRedAndFlagsMarkedOrange()
    {
        GalleryView view;
        setSource(*view.galleryModel());
        view.galleryModel()->setPositions({0, 1}); // a mistake, then a right answer
        view.galleryModel()->setFlagged({view.galleryModel()->sampleIndex(1)});
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage shot = view.viewport()->grab().toImage();
        const QRect mistake = view.visualRect(view.galleryModel()->index(0));
        const QRect right = view.visualRect(view.galleryModel()->index(1));
        QVERIFY(pixelsNear(shot, mistake, QColor(214, 39, 40)) > 0);
        QCOMPARE(pixelsNear(shot, right, QColor(214, 39, 40)), 0);
        QCOMPARE(pixelsNear(shot, mistake, QColor(255, 140, 0)), 0);
        QVERIFY(pixelsNear(shot, right, QColor(255, 140, 0)) > 0);
    }

    void scaleAndEmptyText()
    {
        GalleryView view;
        setSource(*view.galleryModel());
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        // No rows: the empty text is what the user sees.
        const QImage blank = view.viewport()->grab().toImage();
        view.setEmptyText(QStringLiteral("No mistakes in this cell"));
        QVERIFY(view.viewport()->grab().toImage() != blank);

        view.galleryModel()->setPositions(allPositions(*m_result));
        const QSize two = view.visualRect(view.galleryModel()->index(0)).size();
        view.setScale(4);
        QCOMPARE(view.scale(), 4);
        const QSize four = view.visualRect(view.galleryModel()->index(0)).size();
        QCOMPARE(four.height() - two.height(), 8 * (4 - 2)); // the images grow; the text does not
    }

    void tenThousandRowsScroll()
    {
        const auto data = std::make_shared<const Dataset>(syntheticDataset(10000, 28));
        const auto result = std::make_shared<const EvaluationResult>(handBuiltResult(*data));
        GalleryView view;
        view.galleryModel()->setSource(data, result, data->classNames);
        view.galleryModel()->setPositions(labelErrorRanking(*result));
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QModelIndex last = view.galleryModel()->index(9999);
        QTRY_VERIFY(view.visualRect(last).isValid() && view.verticalScrollBar()->maximum() > 0); // batched layout done

        QScrollBar *bar = view.verticalScrollBar();
        QElapsedTimer timer;
        timer.start();
        int steps = 0;
        for (int value = 0;; value += bar->pageStep() / 2) {
            bar->setValue(std::min(value, bar->maximum()));
            view.viewport()->repaint();
            ++steps;
            if (value >= bar->maximum())
                break;
        }
        qInfo("one full scroll pass over 10,000 items: %lld ms (%d repaints)", timer.elapsed(), steps);
        QCOMPARE(bar->value(), bar->maximum());
        const QModelIndex shown = view.indexAt(view.viewport()->rect().center());
        QVERIFY2(shown.row() > 9900, qPrintable(QString::number(shown.row())));
    }

    void previewOfSixtyItems()
    {
        const auto data = std::make_shared<const Dataset>(syntheticDataset(60, 28));
        const auto result = std::make_shared<const EvaluationResult>(handBuiltResult(*data));
        GalleryView view;
        view.galleryModel()->setSource(data, result, QStringList{"0", "1", "2", "3"});
        view.galleryModel()->setPositions(allPositions(*result));
        view.galleryModel()->setFlagged({result->indices[3], result->indices[10]});
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.selectionModel()->select(view.galleryModel()->index(7), QItemSelectionModel::Select);
        QVERIFY(view.grab().save(QStringLiteral("/tmp/gallery_preview.png")));

        SampleZoomDialog zoom(*data, *result, 0, view.galleryModel()->classNames()); // a mistake
        zoom.resize(zoom.sizeHint());
        QVERIFY(zoom.grab().save(QStringLiteral("/tmp/gallery_zoom_preview.png")));
    }
};

QTEST_MAIN(TestGallery)
#include "test_gallery.moc"
