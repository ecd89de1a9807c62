// The Sensor page with a real, tiny production model: strokes drawn with the mouse reach the
// model through the simulated sensor as exactly the input shown, a prediction arrives, undo
// and clear are exact, the sensor controls and presets change the input, Enter stores one
// sample that a digit key labels, an opened image is a File sample, and a watched folder picks
// up a PNG. Also prints the stroke-to-prediction latency (no timed assertion).
#include "AppContext.h"
#include "data/SampleImage.h"
#include "jobs/JobManager.h"
#include "jobs/TrainJob.h"
#include "production/FolderWatcher.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "sensor/CapturePanel.h"
#include "sensor/DrawingCanvas.h"
#include "sensor/FolderPanel.h"
#include "sensor/PixelView.h"
#include "sensor/ProbabilityBars.h"
#include "sensor/SensorPage.h"
#include "sensor/SensorPanel.h"
#include "sensor/StageStrip.h"
#include "store/DatasetStore.h"
#include "store/Workspace.h"
#include "unit/jobs/TinyModel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QListWidget>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>
#include <algorithm>
#include <memory>
#include <numeric>

using namespace mlwb;

namespace {

// A stroke as the mouse draws it: press, a move every few pixels, release.
void drawStroke(QWidget *canvas, const QList<QPoint> &corners)
{
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, corners.first());
    for (qsizetype i = 1; i < corners.size(); ++i) {
        const QPoint from = corners[i - 1], to = corners[i];
        const int steps = std::max(1, int(QLineF(from, to).length() / 6));
        for (int s = 1; s <= steps; ++s)
            QTest::mouseMove(canvas, from + (to - from) * s / steps);
    }
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, corners.last());
}

// Centre of mass of an image (pixel index coordinates), as preprocessMnistStyle defines it.
QPointF centreOfMass(const GrayImage &image)
{
    double sum = 0, x = 0, y = 0;
    for (int r = 0; r < image.height; ++r)
        for (int c = 0; c < image.width; ++c) {
            const double v = image.pixels[size_t(r * image.width + c)];
            sum += v;
            x += c * v;
            y += r * v;
        }
    return sum > 0 ? QPointF(x / sum, y / sum) : QPointF(-1, -1);
}

std::vector<std::uint8_t> bytesOf(const QImage &image)
{
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    std::vector<std::uint8_t> bytes;
    for (int y = 0; y < gray.height(); ++y)
        bytes.insert(bytes.end(), gray.constScanLine(y), gray.constScanLine(y) + gray.width());
    return bytes;
}

// A dark "7" on white paper, as a photo or a scan would be.
QImage paperSeven()
{
    QImage image(120, 160, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::black, 14, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPolyline(QPolygon({QPoint(25, 30), QPoint(95, 30), QPoint(50, 135)}));
    return image;
}

qint64 sampleCount(const Workspace &workspace)
{
    return SampleStore(workspace).count(SampleFilter{});
}

} // namespace

class TestSensorPage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    AppContext m_context;
    JobManager m_jobs;
    qint64 m_modelId = 0;
    std::unique_ptr<SensorPage> m_page;

    // The page, shown and active, with the production model loaded.
    SensorPage *page()
    {
        if (!m_page) {
            m_page = std::make_unique<SensorPage>(m_context);
            m_page->resize(1130, 640);
            QSignalSpy ready(m_page->livePredictor(), &LivePredictor::modelReady);
            m_page->show();
            if (!m_page->livePredictor()->isReady() && !ready.wait(20000))
                qFatal("the production model did not load");
            if (!QTest::qWaitForWindowActive(m_page.get()))
                qWarning("the page's window is not active: the keys may not reach it");
        }
        m_page->canvas()->clear();
        m_page->canvas()->setFocus();
        return m_page.get();
    }

    // Waits until the page shows the answer to its current input.
    LivePrediction waitForAnswer(SensorPage *p)
    {
        QSignalSpy shown(p, &SensorPage::predictionShown);
        for (int tries = 0; tries < 100; ++tries) {
            if (!shown.isEmpty()) {
                const auto last = shown.last().first().value<LivePrediction>();
                if (last.input == p->modelInput().pixels && !p->livePredictor()->isBusy())
                    return last;
            }
            shown.wait(200);
        }
        qFatal("no prediction for the current input");
        return {};
    }

    void drawSeven(SensorPage *p)
    {
        // Off-centre on purpose: preprocessing must centre it.
        drawStroke(p->canvas(), {QPoint(40, 40), QPoint(150, 40), QPoint(80, 200)});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_context.workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws")));
        m_context.jobs = &m_jobs;
        m_modelId = testing::trainTinyModel(m_context.workspace, m_dir.path(), 40, 2);
        ModelRegistry(*m_context.workspace).promote(m_modelId, Gates{0.0, 1000000, false});
    }

    void cleanupTestCase()
    {
        m_page.reset();
    }

    void withoutAModelSaysWhatToDo()
    {
        AppContext empty;
        empty.workspace = Workspace::open(m_dir.filePath(QStringLiteral("empty")));
        SensorPage page(empty);
        page.show();
        QVERIFY(page.isShowingMessage());
        QCOMPARE(page.messageText(), QStringLiteral("No model in production: promote one on the Models page"));
        // The sensor still works without a model.
        drawStroke(page.canvas(), {QPoint(140, 40), QPoint(140, 240)});
        QVERIFY(!page.modelInput().pixels.empty());
    }

    void strokesBecomeTheCentredInputShown()
    {
        SensorPage *p = page();
        QVERIFY(p->canvas()->isEmpty());
        QVERIFY(p->modelInput().pixels.empty());
        drawSeven(p);
        QCOMPARE(p->canvas()->strokes().size(), 1);
        QVERIFY2(p->canvas()->strokes().first().size() > 10, "the moves between press and release are part of the stroke");
        const GrayImage drawing = p->canvas()->drawing();
        QCOMPARE(drawing.width, DrawingCanvas::kSide);
        QCOMPARE(drawing.height, DrawingCanvas::kSide);
        QCOMPARE(drawing.pixels[size_t(40 * drawing.width + 95)], std::uint8_t(255)); // on the top bar
        QCOMPARE(drawing.pixels[size_t(250 * drawing.width + 250)], std::uint8_t(0));

        const GrayImage expected = sensorModelInput(drawing, p->sensorPanel()->settings());
        QCOMPARE(expected.width, 28);
        QCOMPARE(p->modelInput().pixels, expected.pixels);
        QCOMPARE(bytesOf(p->inputView()->image()), expected.pixels); // exactly what is shown
        const QPointF centre = centreOfMass(expected);
        QVERIFY2(std::abs(centre.x() - 14) < 1 && std::abs(centre.y() - 14) < 1,
                 qPrintable(QStringLiteral("centre of mass at (%1, %2)").arg(centre.x()).arg(centre.y())));
        // Every stage is previewed; the last is the sensor's output.
        for (int i = 0; i < p->stageStrip()->stageCount(); ++i)
            QVERIFY(!p->stageStrip()->stageView(i)->image().isNull());
        QCOMPARE(bytesOf(p->stageStrip()->stageView(6)->image()), simulateSensor(drawing, p->sensorPanel()->settings()).pixels);
    }

    void aPredictionArrives()
    {
        SensorPage *p = page();
        drawSeven(p);
        const LivePrediction answer = waitForAnswer(p);
        QVERIFY(answer.error.isEmpty());
        QCOMPARE(answer.modelId, m_modelId);
        QCOMPARE(answer.probabilities.size(), size_t(4));
        QVERIFY(qAbs(std::accumulate(answer.probabilities.begin(), answer.probabilities.end(), 0.0) - 1.0) < 1e-4);
        QCOMPARE(p->probabilityBars()->probabilities(), answer.probabilities);
        const int top = int(std::max_element(answer.probabilities.begin(), answer.probabilities.end()) - answer.probabilities.begin());
        QCOMPARE(answer.predicted, top);
        QCOMPARE(p->topClassText(), p->livePredictor()->model()->classNames.value(top));
        QVERIFY(answer.latencyMs > 0);
    }

    void predictsWhileAStrokeIsDrawn()
    {
        SensorPage *p = page();
        QSignalSpy changed(p->canvas(), &DrawingCanvas::drawingChanged);
        QSignalSpy shown(p, &SensorPage::predictionShown);
        QTest::mousePress(p->canvas(), Qt::LeftButton, Qt::NoModifier, QPoint(140, 40));
        for (int y = 46; y <= 160; y += 6)
            QTest::mouseMove(p->canvas(), QPoint(140, y));
        // Twenty moves in one pass of the event loop: told once per pass, with the newest drawing.
        QTRY_VERIFY(!changed.isEmpty());
        QVERIFY(changed.size() < 20);
        QVERIFY(p->canvas()->isDrawing());
        QTRY_VERIFY(!shown.isEmpty());
        QVERIFY(p->canvas()->isDrawing()); // answered before the pen was lifted
        QCOMPARE(shown.last().first().value<LivePrediction>().input, p->modelInput().pixels);
        QTest::mouseRelease(p->canvas(), Qt::LeftButton, Qt::NoModifier, QPoint(140, 166));
        QVERIFY(!p->canvas()->isDrawing());
    }

    void penPressureSetsTheWidthAndAFingerDraws()
    {
        SensorPage *p = page();
        DrawingCanvas *canvas = p->canvas();
        const QPointingDevice pen(QStringLiteral("test pen"), 1001, QInputDevice::DeviceType::Stylus,
                                  QPointingDevice::PointerType::Pen,
                                  QInputDevice::Capability::Position | QInputDevice::Capability::Pressure, 1, 3);
        const auto penStroke = [&](int x, qreal pressure) {
            for (const auto &[type, y] : {std::pair{QEvent::TabletPress, 60}, std::pair{QEvent::TabletMove, 120},
                                          std::pair{QEvent::TabletMove, 180}, std::pair{QEvent::TabletRelease, 180}}) {
                const QPointF at(x, y);
                QTabletEvent event(type, &pen, at, canvas->mapToGlobal(at), type == QEvent::TabletRelease ? 0 : pressure,
                                   0, 0, 0, 0, 0, Qt::NoModifier, Qt::LeftButton,
                                   type == QEvent::TabletRelease ? Qt::NoButton : Qt::LeftButton);
                QApplication::sendEvent(canvas, &event);
            }
        };
        const auto ink = [canvas] {
            const GrayImage d = canvas->drawing();
            return std::count_if(d.pixels.begin(), d.pixels.end(), [](std::uint8_t v) { return v > 127; });
        };
        penStroke(80, 0.1);
        QCOMPARE(canvas->strokes().size(), 1);
        const qint64 light = ink();
        penStroke(200, 1.0);
        QCOMPARE(canvas->strokes().size(), 2);
        QVERIFY(canvas->strokes()[0].first().width < canvas->strokes()[1].first().width);
        QCOMPARE(canvas->strokes()[1].first().width, canvas->strokeWidth());
        QVERIFY2(ink() - light > 2 * light, "a firm stroke is much wider than a light one");

        // The caller owns the device QTest creates (its destructor unregisters it).
        const std::unique_ptr<QPointingDevice> device(QTest::createTouchDevice());
        QPointingDevice *screen = device.get();
        QTest::touchEvent(canvas, screen).press(0, QPoint(140, 40));
        QTest::touchEvent(canvas, screen).move(0, QPoint(140, 120));
        QTest::touchEvent(canvas, screen).move(0, QPoint(140, 200));
        QTest::touchEvent(canvas, screen).release(0, QPoint(140, 200));
        QCOMPARE(canvas->strokes().size(), 3);
        QVERIFY(canvas->strokes()[2].size() >= 3);
    }

    void undoAndClearAreExact()
    {
        SensorPage *p = page();
        drawStroke(p->canvas(), {QPoint(140, 40), QPoint(140, 240)});
        const GrayImage one = p->canvas()->drawing();
        const std::vector<std::uint8_t> oneInput = p->modelInput().pixels;
        drawStroke(p->canvas(), {QPoint(60, 140), QPoint(220, 140)});
        QCOMPARE(p->canvas()->strokes().size(), 2);
        QVERIFY(p->canvas()->drawing().pixels != one.pixels);

        QTest::keyClick(p->canvas(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(p->canvas()->strokes().size(), 1);
        QCOMPARE(p->canvas()->drawing().pixels, one.pixels);
        QCOMPARE(p->modelInput().pixels, oneInput);

        QTest::keyClick(p->canvas(), Qt::Key_Escape);
        QVERIFY(p->canvas()->isEmpty());
        QVERIFY(std::all_of(p->canvas()->drawing().pixels.begin(), p->canvas()->drawing().pixels.end(),
                            [](std::uint8_t v) { return v == 0; }));
        QVERIFY(p->modelInput().pixels.empty());
        QVERIFY(p->probabilityBars()->probabilities().empty());
    }

    void sensorControlsChangeTheInput()
    {
        SensorPage *p = page();
        drawSeven(p);
        const std::vector<std::uint8_t> clean = p->modelInput().pixels;
        auto *readNoise = p->sensorPanel()->findChild<QDoubleSpinBox *>(QStringLiteral("readNoise"));
        QVERIFY(readNoise);
        readNoise->setValue(0.2);
        QCOMPARE(p->sensorPanel()->settings().readNoise, 0.2);
        QVERIFY(p->modelInput().pixels != clean);
        QCOMPARE(p->modelInput().pixels, sensorModelInput(p->canvas()->drawing(), p->sensorPanel()->settings()).pixels);
        QCOMPARE(p->sensorPanel()->presetBox()->currentText(), QStringLiteral("Custom"));
        // A new frame: the same sensor, new noise.
        const std::vector<std::uint8_t> frame1 = p->modelInput().pixels;
        const quint64 seed = p->sensorPanel()->settings().seed;
        p->sensorPanel()->newFrame();
        QCOMPARE(p->sensorPanel()->settings().seed, seed + 1);
        QVERIFY(p->modelInput().pixels != frame1);
        readNoise->setValue(0);
    }

    void presetsSetTheDocumentedValues()
    {
        SensorPage *p = page();
        drawSeven(p);
        QComboBox *presets = p->sensorPanel()->presetBox();
        const auto choose = [presets](int index) {
            presets->setFocus();
            while (presets->currentIndex() != index)
                QTest::keyClick(presets, presets->currentIndex() < index ? Qt::Key_Down : Qt::Key_Up);
        };
        const auto spin = [p](const char *name) {
            return p->sensorPanel()->findChild<QDoubleSpinBox *>(QLatin1String(name))->value();
        };
        choose(1);
        QCOMPARE(presets->currentText(), QStringLiteral("Cheap webcam"));
        const SensorSettings webcam = p->sensorPanel()->settings();
        QCOMPARE(webcam.blurSigma, 0.8);
        QCOMPARE(webcam.resolution, 20);
        QCOMPARE(webcam.gain, 1.1);
        QCOMPARE(webcam.contrast, 0.8);
        QCOMPARE(webcam.shotNoise, 0.03);
        QCOMPARE(webcam.readNoise, 0.02);
        QCOMPARE(webcam.hotPixels, 0.0075);
        QCOMPARE(webcam.deadPixels, 0.0);
        QCOMPARE(spin("resolution"), 20.0);
        QCOMPARE(spin("hotPixels"), 0.75); // shown in percent
        QCOMPARE(p->modelInput().pixels, sensorModelInput(p->canvas()->drawing(), webcam).pixels);
        // The stages at the sensor's resolution: 20×20.
        QCOMPARE(p->stageStrip()->stageView(2)->image().width(), 20);

        choose(2);
        const SensorSettings noisy = p->sensorPanel()->settings();
        QCOMPARE(noisy.resolution, 28);
        QCOMPARE(noisy.blurSigma, 0.5);
        QCOMPARE(noisy.contrast, 0.9);
        QCOMPARE(noisy.shotNoise, 0.08);
        QCOMPARE(noisy.readNoise, 0.06);
        QCOMPARE(noisy.deadPixels, 0.01);
        QCOMPARE(noisy.hotPixels, 0.01);

        choose(0);
        SensorSettings clean = p->sensorPanel()->settings();
        clean.seed = SensorSettings().seed;
        QCOMPARE(clean, SensorSettings());
        p->canvas()->setFocus();
    }

    void enterStoresOneSampleAndADigitLabelsIt()
    {
        SensorPage *p = page();
        drawSeven(p);
        waitForAnswer(p);
        const Workspace &ws = *m_context.workspace;
        const qint64 before = sampleCount(ws);
        QSignalSpy captured(p, &SensorPage::captured);
        QSignalSpy failed(p, &SensorPage::captureFailed);
        QTest::keyClick(p->canvas(), Qt::Key_Return);
        QTRY_VERIFY2_WITH_TIMEOUT(!captured.isEmpty() || !failed.isEmpty(), "no answer", 10000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(sampleCount(ws), before + 1);
        const qint64 id = captured.first().first().toLongLong();
        std::optional<ProductionSample> sample = SampleStore(ws).sample(id);
        QVERIFY(sample);
        QCOMPARE(sample->source, SampleSource::Canvas);
        QCOMPARE(sample->input, p->modelInput().pixels);
        QCOMPARE(sample->modelId, m_modelId);
        QVERIFY(!sample->label);
        // The original drawing is kept as its image.
        const QImage original(SampleStore(ws).absoluteImagePath(*sample));
        QCOMPARE(original.size(), QSize(DrawingCanvas::kSide, DrawingCanvas::kSide));
        QCOMPARE(bytesOf(original), p->canvas()->drawing().pixels);
        QCOMPARE(p->capturePanel()->selectedSampleId(), id);

        QTest::keyClick(p->canvas(), Qt::Key_2);
        QCOMPARE(p->capturePanel()->list()->topLevelItem(0)->text(4), p->livePredictor()->model()->classNames.value(2));
        QTRY_COMPARE(p->capturePanel()->pendingLabels(), 0); // written on the store thread
        sample = SampleStore(ws).sample(id);
        QCOMPARE(sample->label, std::optional<int>(2));
        QCOMPARE(sample->labeledBy, CapturePanel::userName());
        QCOMPARE(p->capturePanel()->list()->topLevelItem(0)->text(4), p->livePredictor()->model()->classNames.value(2));

        // A digit pressed before the capture is stored labels it when it arrives.
        captured.clear();
        QTest::keyClick(p->canvas(), Qt::Key_Enter);
        QTest::keyClick(p->canvas(), Qt::Key_1); // the answer may or may not have come meanwhile
        QTRY_COMPARE_WITH_TIMEOUT(captured.size(), 1, 10000);
        QCOMPARE(sampleCount(ws), before + 2);
        QTRY_COMPARE(p->capturePanel()->pendingLabels(), 0);
        QCOMPARE(SampleStore(ws).sample(captured.first().first().toLongLong())->label, std::optional<int>(1));
        // A class the model does not have is refused.
        QTest::keyClick(p->canvas(), Qt::Key_9);
        QTRY_COMPARE(p->capturePanel()->pendingLabels(), 0);
        QCOMPARE(SampleStore(ws).sample(captured.first().first().toLongLong())->label, std::optional<int>(1));
    }

    void anOpenedImageIsAFileSample()
    {
        SensorPage *p = page();
        const QString path = m_dir.filePath(QStringLiteral("seven.png"));
        QVERIFY(paperSeven().save(path));
        QVERIFY(p->openImage(path));
        QVERIFY(p->canvas()->hasImage());
        // Dark on light paper becomes bright ink on the black canvas.
        const GrayImage drawing = p->canvas()->drawing();
        QCOMPARE(drawing.pixels[0], std::uint8_t(0));
        QCOMPARE(p->modelInput().pixels, sensorModelInput(drawing, p->sensorPanel()->settings()).pixels);
        waitForAnswer(p);
        QSignalSpy captured(p, &SensorPage::captured);
        p->capture();
        QTRY_COMPARE_WITH_TIMEOUT(captured.size(), 1, 10000);
        const std::optional<ProductionSample> sample = SampleStore(*m_context.workspace).sample(captured.first().first().toLongLong());
        QCOMPARE(sample->source, SampleSource::File);
        QCOMPARE(sample->originalName, QStringLiteral("seven.png"));
        QCOMPARE(sample->input, p->modelInput().pixels);
    }

    void theWatchedFolderPicksUpAPng()
    {
        SensorPage *p = page();
        FolderPanel *folder = p->folderPanel();
        const QString dir = m_dir.filePath(QStringLiteral("watched"));
        folder->setFolder(dir);
        QVERIFY(folder->start());
        QVERIFY(folder->isWatching());
        QSignalSpy processed(folder, &FolderPanel::fileProcessed);
        QVERIFY(paperSeven().save(QDir(dir).filePath(QStringLiteral("scan-1.png"))));
        QTRY_COMPARE_WITH_TIMEOUT(processed.size(), 1, 15000);
        const qint64 id = processed.first().at(1).toLongLong();
        const std::optional<ProductionSample> sample = SampleStore(*m_context.workspace).sample(id);
        QVERIFY(sample);
        QCOMPARE(sample->source, SampleSource::Folder);
        QCOMPARE(sample->originalName, QStringLiteral("scan-1.png"));
        QCOMPARE(folder->recentList()->count(), 1);
        QVERIFY(folder->countsText().contains(QStringLiteral("1 processed")));
        // The next session (a new panel on the same workspace) watches the same folder again.
        {
            FolderPanel next(m_context);
            QCOMPARE(next.folder(), dir);
            QTRY_VERIFY_WITH_TIMEOUT(next.isWatching(), 5000);
            next.stop();
        }
        folder->stop();
        QVERIFY(!folder->isWatching());
        FolderPanel stopped(m_context);
        QCOMPARE(stopped.folder(), dir);
        QTest::qWait(50);
        QVERIFY(!stopped.isWatching());
    }

    void anotherVersionCanBeChosen()
    {
        SensorPage *p = page();
        QComboBox *models = p->modelBox();
        QCOMPARE(models->count(), 2); // production, then the one version
        QVERIFY(models->itemText(0).contains(QString::number(m_modelId)));
        QSignalSpy ready(p->livePredictor(), &LivePredictor::modelReady);
        models->setFocus();
        QTest::keyClick(models, Qt::Key_Down);
        QCOMPARE(models->currentData().toLongLong(), m_modelId);
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 10000);
        QCOMPARE(p->livePredictor()->model()->id, m_modelId);
    }

    // Not a pass/fail check: how long from the end of a stroke to its answer on screen.
    void strokeToPredictionLatency()
    {
        SensorPage *p = page();
        std::vector<double> wall, reported;
        QSignalSpy shown(p, &SensorPage::predictionShown);
        for (int i = 0; i < 50; ++i) {
            if (i % 5 == 0)
                p->canvas()->clear();
            const int x = 60 + (i * 37) % 160, y = 50 + (i * 23) % 150;
            QTest::mousePress(p->canvas(), Qt::LeftButton, Qt::NoModifier, QPoint(x, y));
            for (int s = 1; s <= 8; ++s)
                QTest::mouseMove(p->canvas(), QPoint(x + 8 * s, y + 5 * s));
            shown.clear();
            QElapsedTimer since;
            since.start();
            QTest::mouseRelease(p->canvas(), Qt::LeftButton, Qt::NoModifier, QPoint(x + 64, y + 40));
            for (;;) {
                if (!shown.isEmpty() && shown.last().first().value<LivePrediction>().input == p->modelInput().pixels)
                    break;
                QVERIFY(shown.wait(5000));
            }
            wall.push_back(double(since.nsecsElapsed()) / 1e6);
            reported.push_back(shown.last().first().value<LivePrediction>().latencyMs);
        }
        const auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        const auto p90 = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() * 9 / 10];
        };
        qInfo("stroke end -> prediction on the UI thread over %d strokes: median %.2f ms, p90 %.2f ms "
              "(input -> answer as the page reports it: median %.2f ms, p90 %.2f ms)",
              int(wall.size()), median(wall), p90(wall), median(reported), p90(reported));
    }

    void grabsAPreview()
    {
        SensorPage *p = page();
        p->sensorPanel()->applyPreset(SensorSettings::Preset::CheapWebcam);
        drawStroke(p->canvas(), {QPoint(85, 60), QPoint(195, 60), QPoint(120, 225)});
        drawStroke(p->canvas(), {QPoint(110, 145), QPoint(175, 145)});
        waitForAnswer(p);
        QVERIFY(p->grab().save(QStringLiteral("/tmp/sensor_preview.png")));
        p->sensorPanel()->applyPreset(SensorSettings::Preset::Clean);
    }
};

QTEST_MAIN(TestSensorPage)
#include "test_sensor_page.moc"
