// The Robustness view: one accuracy curve per corruption on a 0–1 axis, the test images of
// the chosen corruption at every level, an empty state, and the plot saved to a file.
#include "data/SampleImage.h"
#include "evaluation/RobustnessView.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

namespace {

// Curves as a 10-class model gives them: near 0.99 clean, falling towards chance (0.1).
std::vector<CorruptionCurve> syntheticCurves()
{
    const std::vector<std::vector<double>> accuracy = {
        {0.991, 0.975, 0.921, 0.802, 0.611, 0.432}, // noise
        {0.991, 0.988, 0.962, 0.912, 0.803, 0.650}, // blur
        {0.991, 0.962, 0.830, 0.571, 0.322, 0.181}, // shift
        {0.991, 0.990, 0.986, 0.951, 0.902, 0.781}, // contrast
        {0.991, 0.985, 0.966, 0.921, 0.852, 0.640}, // rotation
    };
    std::vector<CorruptionCurve> curves;
    for (size_t k = 0; k < allCorruptions().size(); ++k) {
        CorruptionCurve curve;
        curve.kind = allCorruptions()[k];
        curve.severities = {0.0};
        for (double s : corruptionSeverities(curve.kind))
            curve.severities.push_back(s);
        curve.accuracy = accuracy[k];
        curves.push_back(curve);
    }
    return curves;
}

// Four 28×28 light-on-dark strokes that look like handwritten 0, 1, 7 and 2 (no fonts, so
// the images are the same on every machine).
DatasetPtr digitLikeImages()
{
    auto data = std::make_shared<Dataset>();
    data->channels = 1;
    data->height = data->width = 28;
    for (int c = 0; c < 10; ++c)
        data->classNames << QString::number(c);
    std::vector<QPainterPath> strokes(4);
    strokes[0].addEllipse(QRectF(8, 5, 12, 18));
    strokes[1].moveTo(12, 6);
    strokes[1].lineTo(15, 4);
    strokes[1].lineTo(15, 24);
    strokes[2].moveTo(7, 6);
    strokes[2].lineTo(21, 6);
    strokes[2].lineTo(12, 24);
    strokes[3].moveTo(8, 9);
    strokes[3].cubicTo(10, 2, 22, 4, 19, 12);
    strokes[3].lineTo(8, 23);
    strokes[3].lineTo(21, 23);
    const std::vector<std::uint8_t> labels = {0, 1, 7, 2};
    for (size_t i = 0; i < strokes.size(); ++i) {
        QImage image(28, 28, QImage::Format_Grayscale8);
        image.fill(0);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(Qt::white, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPath(strokes[i]);
        painter.end();
        for (int y = 0; y < 28; ++y)
            data->pixels.insert(data->pixels.end(), image.constScanLine(y), image.constScanLine(y) + 28);
        data->labels.push_back(labels[i]);
        data->subsets.push_back(std::uint8_t(Subset::Test));
    }
    return data;
}

QComboBox *kindBox(RobustnessView &view)
{
    auto *box = view.findChild<QComboBox *>();
    Q_ASSERT(box);
    return box;
}

} // namespace

class TestRobustnessView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void curvesBecomeOneGraphPerCorruption()
    {
        RobustnessView view;
        const auto curves = syntheticCurves();
        view.setCurves(curves);
        QVERIFY(!view.showsEmptyText());
        QCustomPlot *plot = view.plot();
        QCOMPARE(plot->graphCount(), 5);
        for (int g = 0; g < 5; ++g) {
            const QCPGraph *graph = plot->graph(g);
            QCOMPARE(graph->name(), RobustnessView::corruptionName(curves[size_t(g)].kind));
            QCOMPARE(graph->dataCount(), 6);
            for (int level = 0; level < 6; ++level) {
                QCOMPARE(graph->data()->at(level)->key, double(level));
                QCOMPARE(graph->data()->at(level)->value, curves[size_t(g)].accuracy[size_t(level)]);
            }
        }
        QCOMPARE(plot->graph(0)->name(), QStringLiteral("Gaussian noise"));
        // Every level is on the axis, and accuracy reads against the whole 0–1 scale.
        QVERIFY(plot->xAxis->range().lower < 0 && plot->xAxis->range().upper > 5);
        QCOMPARE(plot->yAxis->range().lower, 0.0);
        QVERIFY(plot->yAxis->range().upper >= 1.0 && plot->yAxis->range().upper <= 1.05);
        auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(plot->xAxis->ticker());
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().value(0), QStringLiteral("clean"));
        QCOMPARE(ticker->ticks().value(5), QStringLiteral("5"));
    }

    void hoverTextNamesSeverityWithItsUnit()
    {
        RobustnessView view;
        auto curves = syntheticCurves();
        curves[1].accuracy[3] = 0.912;
        view.setCurves(curves);
        QCOMPARE(view.describePoint(1, 3), QStringLiteral("Blur σ 1.5 px: accuracy 0.912"));
        QCOMPARE(view.describePoint(2, 4), QStringLiteral("Shift 4 px: accuracy 0.322"));
        QCOMPARE(view.describePoint(4, 5), QStringLiteral("Rotation 30°: accuracy 0.640"));
        QVERIFY(view.describePoint(0, 0).contains(QStringLiteral("clean")));
    }

    void stripShowsTheChosenCorruptionAtEveryLevel()
    {
        const DatasetPtr data = digitLikeImages();
        RobustnessView view;
        view.setCurves(syntheticCurves());
        view.setSamples(data, {0, 1, 2, 3, 99}); // 99 is not in the data: left out
        QVERIFY(view.stripImage(4, 0).isNull());
        for (int row = 0; row < 4; ++row)
            QCOMPARE(view.stripImage(row, 0), sampleImage(*data, row)); // level 0 is the image itself

        QComboBox *box = kindBox(view);
        const QImage noisy = view.stripImage(0, 5);
        box->setCurrentIndex(box->findText(QStringLiteral("Shift")));
        QCOMPARE(view.shownCorruption(), Corruption::Shift);
        QCOMPARE(view.stripImage(0, 0), sampleImage(*data, 0));
        QVERIFY(view.stripImage(0, 5) != view.stripImage(0, 0));
        QVERIFY(view.stripImage(0, 5) != noisy);
        QCOMPARE(view.stripImage(0, 5).size(), QSize(28, 28));

        // A realistic look, for a person to judge: MLWB_ROBUSTNESS_PREVIEW=/tmp/x.png.
        view.setShownCorruption(Corruption::Shift);
        view.resize(760, 720);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage shot = view.grab().toImage();
        QVERIFY(!shot.isNull());
        if (const QByteArray path = qgetenv("MLWB_ROBUSTNESS_PREVIEW"); !path.isEmpty())
            QVERIFY(shot.save(QString::fromLocal8Bit(path)));
    }

    void clickingALegendEntryChoosesItsCorruption()
    {
        RobustnessView view;
        view.setCurves(syntheticCurves());
        view.resize(760, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCustomPlot *plot = view.plot();
        plot->replot(); // lays out the legend
        QCPAbstractLegendItem *rotation = plot->legend->itemWithPlottable(plot->graph(4));
        QVERIFY(rotation);
        QCOMPARE(view.shownCorruption(), Corruption::Noise);
        QTest::mouseClick(plot, Qt::LeftButton, {}, rotation->rect().center());
        QCOMPARE(view.shownCorruption(), Corruption::Rotation);
        // The chosen curve stands out.
        QVERIFY(plot->graph(4)->pen().widthF() > plot->graph(0)->pen().widthF());
    }

    void noCurvesShowsTheEmptyText()
    {
        RobustnessView view;
        view.setEmptyText(QStringLiteral("Not computed yet — press Compute robustness"));
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *label = view.findChild<QLabel *>(QStringLiteral("robustnessEmptyText"));
        QVERIFY(label);
        QVERIFY(view.showsEmptyText());
        QVERIFY(label->isVisible());
        QVERIFY(!view.plot()->isVisible());
        QCOMPARE(label->text(), QStringLiteral("Not computed yet — press Compute robustness"));

        view.setCurves(syntheticCurves());
        QVERIFY(!view.showsEmptyText());
        QVERIFY(view.plot()->isVisible());
        view.setCurves({});
        QVERIFY(view.showsEmptyText());
        QCOMPARE(view.plot()->graphCount(), 0);
    }

    void savesThePlotByItsSuffix()
    {
        QTemporaryDir dir;
        RobustnessView view;
        view.setCurves(syntheticCurves());
        const QString png = dir.filePath(QStringLiteral("robustness.png"));
        QVERIFY(view.savePlot(png));
        const QImage saved(png);
        QVERIFY(!saved.isNull());
        QVERIFY(saved.width() >= 640 && saved.height() >= 400);

        const QString pdf = dir.filePath(QStringLiteral("robustness.pdf"));
        QVERIFY(view.savePlot(pdf));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");

        // SVG: a vector drawing with the curves' names in it, for papers and slides.
        const QString svg = dir.filePath(QStringLiteral("robustness.svg"));
        QVERIFY(view.savePlot(svg));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("<path") || svgText.contains("<polyline"));

        QVERIFY(!view.savePlot(dir.filePath(QStringLiteral("robustness.txt"))));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("robustness.txt"))));
    }
};

QTEST_MAIN(TestRobustnessView)
#include "test_robustness_view.moc"
