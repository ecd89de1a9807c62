// The confusion-matrix heat map of the Evaluate and Models pages: what each cell says, where
// a click lands, the keyboard, the difference of two models and the exported image.
#include "evaluation/ConfusionMatrixView.h"

#include <QImage>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolTip>
#include <QtTest>

using namespace mlwb;

namespace {

ConfusionMatrix fromRows(const std::vector<std::vector<int>> &rows)
{
    ConfusionMatrix matrix(int(rows.size()));
    for (size_t t = 0; t < rows.size(); ++t)
        for (size_t p = 0; p < rows[t].size(); ++p)
            for (int n = 0; n < rows[t][p]; ++n)
                matrix.add(int(t), int(p));
    return matrix;
}

// Rows are the true class: class 1 has 30 images, 12 of them taken for class 2.
ConfusionMatrix threeClasses()
{
    return fromRows({{20, 1, 0}, {3, 15, 12}, {0, 2, 40}});
}

// An MNIST-like result: about a thousand right per class, a few errors, one frequent mix-up.
ConfusionMatrix tenClasses()
{
    ConfusionMatrix matrix(10);
    for (int t = 0; t < 10; ++t)
        for (int p = 0; p < 10; ++p) {
            const int n = t == p ? 950 + 7 * t : (t * 7 + p * 3) % 11 == 0 ? 9 : (t + p) % 4;
            for (int i = 0; i < n; ++i)
                matrix.add(t, p);
        }
    for (int i = 0; i < 40; ++i)
        matrix.add(4, 9);
    return matrix;
}

QStringList digits(int k)
{
    QStringList names;
    for (int c = 0; c < k; ++c)
        names << QString::number(c);
    return names;
}

int nonWhitePixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if ((image.pixel(x, y) & 0xffffff) != 0xffffff)
                ++count;
    return count;
}

} // namespace

class TestConfusionMatrixView : public QObject {
    Q_OBJECT

    const QStringList m_names{QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("bird")};

    std::unique_ptr<ConfusionMatrixView> shownView()
    {
        auto view = std::make_unique<ConfusionMatrixView>();
        view->setMatrix(threeClasses(), m_names);
        view->resize(420, 380);
        view->show();
        return view;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // the number formats below
    }

    void cellsShowCountsSharesOrDifferences()
    {
        ConfusionMatrixView view;
        view.setMatrix(threeClasses(), m_names);
        QCOMPARE(view.mode(), ConfusionMatrixView::Mode::Counts);
        QCOMPARE(view.cellText(1, 2), QStringLiteral("12"));
        QCOMPARE(view.cellText(0, 2), QStringLiteral("0"));

        view.setMode(ConfusionMatrixView::Mode::RowNormalised);
        QCOMPARE(view.cellText(1, 2), QStringLiteral("40.0%")); // 12 of 30
        QCOMPARE(view.cellText(2, 2), QStringLiteral("95.2%")); // 40 of 42

        const ConfusionMatrix better = fromRows({{20, 1, 0}, {3, 18, 9}, {2, 0, 40}});
        view.setDifference(threeClasses(), better, m_names);
        QVERIFY(view.isDifference());
        QCOMPARE(view.cellText(1, 1), QStringLiteral("+3"));
        QCOMPARE(view.cellText(1, 2), QStringLiteral("\u22123"));
        QCOMPARE(view.cellText(2, 1), QStringLiteral("\u22122"));
        QCOMPARE(view.cellText(0, 0), QStringLiteral("0"));
        // In difference mode the mode is kept but does not apply.
        QCOMPARE(view.mode(), ConfusionMatrixView::Mode::RowNormalised);

        view.setMatrix(threeClasses(), m_names);
        QVERIFY(!view.isDifference());
        QCOMPARE(view.cellText(1, 2), QStringLiteral("40.0%"));
    }

    void anEmptyRowHasNoShares()
    {
        ConfusionMatrixView view;
        view.setMatrix(fromRows({{5, 1}, {0, 0}}), {});
        view.setMode(ConfusionMatrixView::Mode::RowNormalised);
        QCOMPARE(view.cellText(1, 1), QStringLiteral("\u2013"));
        QVERIFY(view.cellToolTip(1, 0).contains(QStringLiteral("no images of this class")));
    }

    void toolTipsNameTheCell()
    {
        ConfusionMatrixView view;
        view.setMatrix(threeClasses(), m_names);
        QCOMPARE(view.cellToolTip(1, 2), QStringLiteral("True dog → predicted bird: 12 images (40.0% of the row)"));
        QCOMPARE(view.cellToolTip(0, 1), QStringLiteral("True cat → predicted dog: 1 image (4.8% of the row)"));
        QVERIFY(view.cellToolTip(3, 0).isEmpty());

        view.setDifference(threeClasses(), fromRows({{20, 1, 0}, {3, 18, 9}, {2, 0, 40}}), m_names);
        QCOMPARE(view.cellToolTip(1, 1), QStringLiteral("True dog → predicted dog: model B has 3 more images than model A (A: 15, B: 18)"));
        QCOMPARE(view.cellToolTip(2, 1), QStringLiteral("True bird → predicted dog: model B has 2 fewer images than model A (A: 2, B: 0)"));
        QCOMPARE(view.cellToolTip(0, 0), QStringLiteral("True cat → predicted cat: 20 images in both models"));
    }

    void missingNamesShowTheIndex()
    {
        ConfusionMatrixView view;
        view.setMatrix(threeClasses(), {QStringLiteral("cat")});
        QCOMPARE(view.cellToolTip(2, 0), QStringLiteral("True 2 → predicted cat: 0 images (0.0% of the row)"));
    }

    void errorsStandOutNextToTheDiagonal()
    {
        ConfusionMatrixView view;
        view.setMatrix(tenClasses(), digits(10));
        // 40 errors against about a thousand correct answers still get a strong colour of their own ...
        const QColor mixUp = view.cellColour(4, 9);
        QVERIFY2(mixUp.lightnessF() < 0.5, qPrintable(mixUp.name()));
        QVERIFY(mixUp.red() > mixUp.blue()); // errors are orange, correct answers blue
        const QColor correct = view.cellColour(4, 4);
        QVERIFY(correct.blue() > correct.red());
        // ... a single error is visibly not nothing ...
        QCOMPARE(tenClasses().at(0, 1), 1);
        QCOMPARE(tenClasses().at(0, 4), 0);
        QVERIFY(view.cellColour(0, 1) != view.cellColour(0, 4));
        // ... and the colour is lighter for fewer errors.
        QVERIFY(view.cellColour(0, 1).lightnessF() > mixUp.lightnessF());
    }

    void differencesDiverge()
    {
        ConfusionMatrixView view;
        view.setDifference(threeClasses(), fromRows({{20, 1, 0}, {3, 18, 9}, {2, 0, 40}}), m_names);
        const QColor more = view.cellColour(1, 1), fewer = view.cellColour(1, 2), same = view.cellColour(0, 0);
        QVERIFY(more.red() > more.blue());
        QVERIFY(fewer.blue() > fewer.red());
        QVERIFY(same.lightnessF() > 0.9);
        QCOMPARE(same.red(), same.blue());
    }

    void differentSizesCannotBeCompared()
    {
        ConfusionMatrixView view;
        view.setDifference(threeClasses(), ConfusionMatrix(4), m_names);
        QVERIFY(!view.hasMatrix());
        QVERIFY(view.cellText(0, 0).isEmpty());
    }

    void clickingACellActivatesIt()
    {
        auto view = shownView();
        QSignalSpy activated(view.get(), &ConfusionMatrixView::cellActivated);
        const QRect cell = view->cellRect(1, 2);
        QVERIFY(!cell.isEmpty());
        QVERIFY(view->rect().contains(cell));
        QCOMPARE(view->cellAt(cell.center()), std::optional(std::pair(1, 2)));

        QTest::mouseClick(view.get(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toInt(), 1);
        QCOMPARE(activated.at(0).at(1).toInt(), 2);
        QCOMPARE(view->selectedTrueClass(), 1);
        QCOMPARE(view->selectedPredictedClass(), 2);

        // Cells do not overlap: the neighbour's centre is the neighbour.
        QCOMPARE(view->cellAt(view->cellRect(2, 2).center()), std::optional(std::pair(2, 2)));
        QCOMPARE(view->cellAt(view->rowHeaderRect(0).center()), std::nullopt);
    }

    void clickingAHeaderActivatesTheRowOrColumn()
    {
        auto view = shownView();
        QSignalSpy activated(view.get(), &ConfusionMatrixView::cellActivated);
        QTest::mouseClick(view.get(), Qt::LeftButton, {}, view->rowHeaderRect(0).center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0), (QList<QVariant>{0, -1}));
        QCOMPARE(view->selectedTrueClass(), 0);
        QCOMPARE(view->selectedPredictedClass(), -1);

        QTest::mouseClick(view.get(), Qt::LeftButton, {}, view->columnHeaderRect(2).center());
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.at(1), (QList<QVariant>{-1, 2}));
        QCOMPARE(view->selectedTrueClass(), -1);
        QCOMPARE(view->selectedPredictedClass(), 2);

        // Outside the matrix nothing happens and the selection stays.
        QTest::mouseClick(view.get(), Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(activated.count(), 2);
        QCOMPARE(view->selectedPredictedClass(), 2);

        view->clearSelection();
        QCOMPARE(view->selectedTrueClass(), -1);
        QCOMPARE(view->selectedPredictedClass(), -1);
    }

    void arrowsMoveTheSelectionAndEnterActivatesIt()
    {
        auto view = shownView();
        QVERIFY(view->focusPolicy() & Qt::TabFocus);
        QSignalSpy activated(view.get(), &ConfusionMatrixView::cellActivated);
        QTest::mouseClick(view.get(), Qt::LeftButton, {}, view->cellRect(1, 1).center());
        QCOMPARE(activated.count(), 1);

        QTest::keyClick(view.get(), Qt::Key_Right);
        QCOMPARE(activated.count(), 1); // moving alone does not activate
        QCOMPARE(view->selectedPredictedClass(), 2);
        QTest::keyClick(view.get(), Qt::Key_Return);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.at(1), (QList<QVariant>{1, 2}));

        QTest::keyClick(view.get(), Qt::Key_Right); // the last column: stays
        QTest::keyClick(view.get(), Qt::Key_Down);
        QTest::keyClick(view.get(), Qt::Key_Enter);
        QCOMPARE(activated.at(2), (QList<QVariant>{2, 2}));

        // Left of the first column is the row's header.
        view->setSelection(2, 0);
        QTest::keyClick(view.get(), Qt::Key_Left);
        QTest::keyClick(view.get(), Qt::Key_Return);
        QCOMPARE(activated.at(3), (QList<QVariant>{2, -1}));
    }

    void hoveringOutlinesTheCellAndExplainsIt()
    {
        auto view = shownView();
        const QPoint centre = view->cellRect(1, 2).center();
        const QImage before = view->grab().toImage();
        QMouseEvent move(QEvent::MouseMove, centre, view->mapToGlobal(centre), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(view.get(), &move);
        QVERIFY(view->grab().toImage() != before);

        QHelpEvent help(QEvent::ToolTip, centre, view->mapToGlobal(centre));
        QApplication::sendEvent(view.get(), &help);
        QCOMPARE(QToolTip::text(), view->cellToolTip(1, 2));
        const QPoint header = view->rowHeaderRect(1).center();
        QHelpEvent headerHelp(QEvent::ToolTip, header, view->mapToGlobal(header));
        QApplication::sendEvent(view.get(), &headerHelp);
        QCOMPARE(QToolTip::text(), QStringLiteral("True dog: 30 images, 50.0% of them predicted correctly"));
    }

    void theEmptyStateShowsItsHint()
    {
        ConfusionMatrixView view;
        view.setEmptyText(QStringLiteral("Evaluate a model to see where it goes wrong."));
        QCOMPARE(view.emptyText(), QStringLiteral("Evaluate a model to see where it goes wrong."));
        QVERIFY(!view.hasMatrix());
        QVERIFY(view.cellRect(0, 0).isEmpty());
        QCOMPARE(view.cellAt(QPoint(50, 50)), std::nullopt);
        view.resize(300, 200);
        QVERIFY(nonWhitePixels(view.grab().toImage()) > 0); // the hint is drawn
    }

    void tenClassesFitTheirPreferredSize()
    {
        ConfusionMatrixView view;
        view.setMatrix(tenClasses(), digits(10));
        const QSize hint = view.sizeHint();
        QVERIFY2(hint.width() <= 540 && hint.height() <= 500, qPrintable(QStringLiteral("%1x%2").arg(hint.width()).arg(hint.height())));
        QVERIFY(view.minimumSizeHint().width() <= hint.width());
        view.resize(hint);
        const QImage image = view.grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY(nonWhitePixels(image) > 1000);
        QVERIFY(view.showsCellText());
        QVERIFY(view.rect().contains(view.cellRect(9, 9)));
        QVERIFY(view.rect().contains(view.rowHeaderRect(9)));
        QVERIFY(view.rect().contains(view.columnHeaderRect(0)));
        QVERIFY(view.cellRect(0, 0).width() >= 25);
    }

    void manyClassesShrinkAndHideTheirNumbers()
    {
        ConfusionMatrixView view;
        ConfusionMatrix matrix(47);
        for (int c = 0; c < 47; ++c)
            for (int n = 0; n < 400 + c; ++n)
                matrix.add(c, c);
        matrix.add(3, 5);
        view.setMatrix(matrix, digits(47));
        view.resize(view.minimumSizeHint());
        QVERIFY(!view.showsCellText());
        const QRect cell = view.cellRect(46, 46);
        QVERIFY(view.rect().contains(cell));
        QCOMPARE(view.cellAt(view.cellRect(3, 5).center()), std::optional(std::pair(3, 5)));
        QCOMPARE(view.cellToolTip(3, 5), QStringLiteral("True 3 → predicted 5: 1 image (0.2% of the row)"));
        QVERIFY(!view.grab().toImage().isNull());
    }

    void savesPngAndPdf()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ConfusionMatrixView view;
        view.setMatrix(tenClasses(), digits(10));
        const QString png = dir.filePath(QStringLiteral("matrix.png"));
        QVERIFY(view.saveImage(png));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(nonWhitePixels(image) > 1000);

        const QString pdf = dir.filePath(QStringLiteral("matrix.pdf"));
        QVERIFY(view.saveImage(pdf));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");

        // SVG keeps the counts as text: a vector drawing for papers.
        const QString svg = dir.filePath(QStringLiteral("matrix.svg"));
        QVERIFY(view.saveImage(svg));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains(">" + view.cellText(0, 0).toUtf8() + "<"));

        QVERIFY(!view.saveImage(dir.filePath(QStringLiteral("matrix.bmpx"))));
        QVERIFY(!view.saveImage(dir.filePath(QStringLiteral("missing/folder/matrix.png"))));
    }
};

QTEST_MAIN(TestConfusionMatrixView)
#include "test_confusion_matrix_view.moc"
