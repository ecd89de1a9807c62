// The inference service with a real (tiny) model: what it answers, what it stores, how it
// follows a promotion, and the folder watcher and import on top of it.
#include "unit/learning/SyntheticData.h"

#include "common/Error.h"
#include "inference/Predictor.h"
#include "production/FolderWatcher.h"
#include "production/InferenceService.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "training/Trainer.h"

#include <QImage>
#include <QTemporaryDir>
#include "data/PngEncode.h"

#include <QtTest>

#include <future>

#include <atomic>
#include <thread>

using namespace mlwb;

namespace {

// Promotion without gates: these tests are about serving, not about quality.
const Gates kNoGates{0.0, 1'000'000'000, false};

// A synthetic image drawn large, as a photo of it would be: 84×84, dark ink on white.
QImage photoOf(const std::uint8_t *pixels)
{
    QImage image(28, 28, QImage::Format_Grayscale8);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x)
            image.scanLine(y)[x] = uchar(255 - pixels[y * 28 + x]);
    return image.scaled(84, 84);
}

SampleFilter everything()
{
    SampleFilter f;
    f.limit = -1;
    return f;
}

} // namespace

class TestInferenceService : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    WorkspacePtr m_workspace;
    DatasetPtr m_data;
    qint64 m_modelA = 0, m_modelB = 0;

    qint64 trainAndRegister(const QString &name, int epochs)
    {
        const QString runDir = m_workspace->root() + QStringLiteral("/runs/") + name;
        Trainer trainer(m_data, testing::tinyTrainSettings(m_dir.path(), epochs, 16, 1), runDir);
        CancelFlag never;
        const TrainResult result = trainer.run(never, {}, false);
        NewModel model;
        model.architecture = QStringLiteral("tiny");
        model.parameterCount = result.parameterCount;
        model.accuracy = model.macroF1 = model.weightedF1 = 0.5;
        return ModelRegistry(*m_workspace).registerModel(model, result.modelDir).id;
    }

    std::vector<std::uint8_t> image(qsizetype i) const
    {
        const std::uint8_t *p = m_data->image(i % m_data->size());
        return {p, p + m_data->imageBytes()};
    }

    InferenceRequest pixels(qsizetype i) const
    {
        InferenceRequest r;
        r.input = image(i);
        return r;
    }

    qint64 stored() const { return SampleStore(*m_workspace).count(everything()); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws")));
        m_data = testing::syntheticShapes(30);
        m_modelA = trainAndRegister(QStringLiteral("a"), 2);
        m_modelB = trainAndRegister(QStringLiteral("b"), 1);
    }

    void init()
    {
        // Every test starts with model A in production.
        ModelRegistry(*m_workspace).promote(m_modelA, kNoGates);
    }

    void withoutProductionStartRefuses()
    {
        const WorkspacePtr empty = Workspace::open(m_dir.filePath(QStringLiteral("empty")));
        InferenceService service(empty, {});
        QVERIFY_THROWS_EXCEPTION(Error, service.start());
        try {
            service.start();
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("no model is in production")), qPrintable(e.message()));
        }
        // Queued before a start that never came: answered with an error, not left hanging.
        QFuture<InferenceAnswer> pending;
        {
            InferenceService unstarted(empty, {});
            pending = unstarted.submit(pixels(0));
        }
        QVERIFY(pending.isFinished());
        QVERIFY(!pending.result().error.isEmpty());
    }

    void concurrentRequestsAreAnsweredAndStored()
    {
        const qint64 before = stored();
        InferenceService::Options fp32; // so that every batch, whatever its size, gives the Predictor's values
        fp32.precision = Precision::Fp32;
        InferenceService service(m_workspace, fp32);
        service.start();
        QCOMPARE(service.servedModelId(), m_modelA);
        QCOMPARE(service.modelInfo()[QStringLiteral("id")].toInteger(), m_modelA);
        QCOMPARE(service.modelInfo()[QStringLiteral("classes")].toArray().size(), 4);

        constexpr int kThreads = 4, kRequests = 50;
        std::vector<InferenceAnswer> answers(kRequests);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                for (int i = t; i < kRequests; i += kThreads)
                    answers[size_t(i)] = service.submit(pixels(i)).result();
            });
        for (std::thread &t : threads)
            t.join();
        QCOMPARE(service.answered(), qint64(kRequests));
        QCOMPARE(stored(), before + kRequests);

        Predictor direct(m_workspace->modelDir(m_modelA), 1);
        const SampleStore store(*m_workspace);
        QSet<qint64> ids;
        for (int i = 0; i < kRequests; ++i) {
            const InferenceAnswer &a = answers[size_t(i)];
            QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
            QCOMPARE(a.modelId, m_modelA);
            QCOMPARE(a.input, image(i));
            QCOMPARE(a.className, m_data->classNames.value(a.predicted));
            ids.insert(a.sampleId);
            const std::optional<ProductionSample> s = store.sample(a.sampleId);
            QVERIFY(s.has_value());
            QCOMPARE(s->source, SampleSource::Api);
            QCOMPARE(s->predicted, a.predicted);
            QCOMPARE(s->probabilities, a.probabilities);
            QCOMPARE(s->input, a.input);
            QCOMPARE(s->modelId, m_modelA);
            QVERIFY(!s->embedding.empty());
            const Prediction p = direct.predict(image(i));
            QCOMPARE(a.predicted, p.label);
            for (size_t c = 0; c < p.probabilities.size(); ++c)
                QVERIFY(std::abs(a.probabilities[c] - p.probabilities[c]) < 1e-4f);
        }
        QCOMPARE(ids.size(), kRequests);
    }

    // The writer binds a value again only when it changed since the row before: rows that
    // alternate sources, names (none, empty) and images, within and across batches, each keep
    // their own.
    void eachSampleKeepsItsOwnSourceNameAndInput()
    {
        InferenceService service(m_workspace, {});
        service.start();
        const SampleSource sources[] = {SampleSource::Api, SampleSource::File, SampleSource::Folder, SampleSource::Canvas};
        const QString names[] = {QString(), QStringLiteral("a.png"), QStringLiteral("a.png"), QStringLiteral("b.png")};
        for (int round = 0; round < 3; ++round) {
            QList<InferenceRequest> requests;
            for (int i = 0; i < 12; ++i) {
                InferenceRequest r = pixels(i % 3);
                r.source = sources[(i + round) % 4];
                r.originalName = names[(i * 7 + round) % 4];
                requests << r;
            }
            const QList<InferenceAnswer> answers = service.submitAll(requests).result();
            QCOMPARE(answers.size(), requests.size());
            // The same through the function answer, the way the HTTP server submits.
            std::promise<InferenceAnswer> single;
            service.submit(requests[5], [&single](InferenceAnswer &&a) { single.set_value(std::move(a)); });
            const InferenceAnswer last = single.get_future().get();
            for (qsizetype i = 0; i <= answers.size(); ++i) {
                const InferenceAnswer &a = i < answers.size() ? answers[i] : last;
                const InferenceRequest &r = requests[i < answers.size() ? i : 5];
                QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
                const std::optional<ProductionSample> s = SampleStore(*m_workspace).sample(a.sampleId);
                QVERIFY(s.has_value());
                QCOMPARE(s->source, r.source);
                QCOMPARE(s->originalName, r.originalName);
                QCOMPARE(s->input, r.input);
                QCOMPARE(s->probabilities, a.probabilities);
            }
        }
    }

    void badRequestsAreRefusedAndNotStored()
    {
        InferenceService service(m_workspace, {});
        service.start();
        const qint64 before = stored();

        InferenceRequest notImage;
        notImage.originalPng = "this is not a PNG";
        notImage.originalName = QStringLiteral("notes.png");
        InferenceRequest wrongSize;
        wrongSize.input.assign(100, 7);
        InferenceRequest nothing;
        const QList<InferenceAnswer> bad = service.submitAll({notImage, wrongSize, nothing, pixels(3)}).result();
        QCOMPARE(bad.size(), 4);
        QVERIFY(bad[0].error.contains(QStringLiteral("notes.png")));
        QCOMPARE(bad[0].sampleId, 0);
        QVERIFY2(bad[1].error.contains(QStringLiteral("784")), qPrintable(bad[1].error));
        QCOMPARE(bad[1].sampleId, 0);
        QVERIFY(!bad[2].error.isEmpty());
        QVERIFY2(bad[3].error.isEmpty(), qPrintable(bad[3].error)); // its batch neighbours do not matter
        QVERIFY(bad[3].sampleId > 0);
        QCOMPARE(stored(), before + 1);

        // A picture of any size goes through MNIST-style preprocessing; its PNG is the image.
        InferenceRequest photo;
        photo.source = SampleSource::File;
        photo.originalPng = encodePng(photoOf(m_data->image(0)));
        photo.originalName = QStringLiteral("photo.png");
        const InferenceAnswer a = service.submit(photo).result();
        QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
        QCOMPARE(a.input.size(), size_t(28 * 28));
        QCOMPARE(a.originalName, QStringLiteral("photo.png"));
        const ProductionSample s = *SampleStore(*m_workspace).sample(a.sampleId); // stored before answered
        QCOMPARE(s.originalName, QStringLiteral("photo.png"));
        QCOMPARE(s.source, SampleSource::File);
        QCOMPARE(QImage(SampleStore(*m_workspace).absoluteImagePath(s)).size(), QSize(84, 84));
    }

    void predictOnlyStoresNothing()
    {
        InferenceService::Options options;
        options.storeSamples = false;
        InferenceService service(m_workspace, options);
        service.start();
        const qint64 before = stored();
        const InferenceAnswer a = service.submit(pixels(1)).result();
        QVERIFY(a.error.isEmpty());
        QCOMPARE(a.sampleId, 0);
        QVERIFY(a.predicted >= 0);
        QCOMPARE(stored(), before);
    }

    void explicitModelIgnoresTheAlias()
    {
        InferenceService::Options options;
        options.modelId = m_modelB;
        InferenceService service(m_workspace, options);
        service.start();
        QCOMPARE(service.submit(pixels(2)).result().modelId, m_modelB);
    }

    void destructorAnswersWhatIsQueued()
    {
        QList<QFuture<InferenceAnswer>> futures;
        {
            InferenceService::Options options;
            options.maxBatch = 4;
            InferenceService service(m_workspace, options);
            service.start();
            for (int i = 0; i < 40; ++i)
                futures << service.submit(pixels(i));
        }
        for (const QFuture<InferenceAnswer> &f : futures) {
            QVERIFY(f.isFinished());
            QVERIFY2(f.result().error.isEmpty(), qPrintable(f.result().error));
            QVERIFY(f.result().sampleId > 0);
        }
    }

    void promotionMidStreamSwitchesWithoutFailures()
    {
        InferenceService service(m_workspace, {});
        std::atomic<int> changes{0};
        std::atomic<qint64> changedTo{0};
        connect(&service, &InferenceService::modelChanged, &service,
                [&](qint64 id) { changedTo = id, ++changes; }, Qt::DirectConnection);
        service.start();

        std::atomic<bool> promoted{false};
        std::vector<InferenceAnswer> answers;
        std::thread client([&] {
            // Until answers come from B, or a generous bound that only a broken service reaches.
            for (int i = 0; i < 200000; ++i) {
                answers.push_back(service.submit(pixels(i)).result());
                if (answers.back().modelId == m_modelB || !answers.back().error.isEmpty())
                    break;
                if (i == 20)
                    promoted = true;
            }
        });
        while (!promoted)
            QThread::msleep(1);
        ModelRegistry(*m_workspace).promote(m_modelB, kNoGates);
        client.join();

        QVERIFY(!answers.empty());
        QCOMPARE(answers.back().modelId, m_modelB);
        bool sawB = false;
        for (const InferenceAnswer &a : answers) {
            QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
            QVERIFY(a.modelId == m_modelA || a.modelId == m_modelB);
            QVERIFY(!(sawB && a.modelId == m_modelA)); // once switched, never back
            sawB = sawB || a.modelId == m_modelB;
            QCOMPARE(SampleStore(*m_workspace).sample(a.sampleId)->modelId, a.modelId);
        }
        QCOMPARE(changes.load(), 1);
        QCOMPARE(changedTo.load(), m_modelB);
        QCOMPARE(service.servedModelId(), m_modelB);
        QCOMPARE(service.modelInfo()[QStringLiteral("id")].toInteger(), m_modelB);
    }

    void importFolderAnswersEachFile()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        QVERIFY(photoOf(m_data->image(0)).save(folder.filePath(QStringLiteral("a.png"))));
        QVERIFY(photoOf(m_data->image(1)).save(folder.filePath(QStringLiteral("b.jpg")), "JPEG"));
        QFile broken(folder.filePath(QStringLiteral("c.png")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("broken");
        broken.close();
        QFile text(folder.filePath(QStringLiteral("readme.txt")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.close();

        InferenceService service(m_workspace, {});
        service.start();
        qint64 lastDone = -1, lastTotal = -1;
        const QList<InferenceAnswer> answers =
            importFolder(service, folder.path(), [&](qint64 done, qint64 total) { lastDone = done, lastTotal = total; });
        QCOMPARE(answers.size(), 3);
        QCOMPARE(lastDone, 3);
        QCOMPARE(lastTotal, 3);
        QCOMPARE(answers[0].originalName, QStringLiteral("a.png"));
        QVERIFY(answers[0].error.isEmpty());
        QCOMPARE(answers[1].originalName, QStringLiteral("b.jpg"));
        QVERIFY(answers[1].error.isEmpty());
        QCOMPARE(answers[2].originalName, QStringLiteral("c.png"));
        QVERIFY(!answers[2].error.isEmpty());
        const ProductionSample s = *SampleStore(*m_workspace).sample(answers[1].sampleId);
        QCOMPARE(s.source, SampleSource::Folder);
        QCOMPARE(s.originalName, QStringLiteral("b.jpg"));
        QVERIFY_THROWS_EXCEPTION(Error, importFolder(service, folder.filePath(QStringLiteral("nosuch"))));
    }

    void watcherSendsNewFilesOnce()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        QVERIFY(photoOf(m_data->image(0)).save(folder.filePath(QStringLiteral("old.png"))));
        InferenceService service(m_workspace, {});
        service.start();
        FolderWatcher watcher(service, folder.path(), false); // old.png is left alone
        QSignalSpy processed(&watcher, &FolderWatcher::fileProcessed);
        QSignalSpy failed(&watcher, &FolderWatcher::fileFailed);
        watcher.start();

        QVERIFY(photoOf(m_data->image(2)).save(folder.filePath(QStringLiteral("new.png"))));
        QFile broken(folder.filePath(QStringLiteral("broken.png")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("not an image");
        broken.close();
        QTRY_COMPARE_WITH_TIMEOUT(processed.size() + failed.size(), 2, 30000);
        QCOMPARE(processed.size(), 1);
        QCOMPARE(processed.first().at(0).toString(), folder.filePath(QStringLiteral("new.png")));
        const qint64 id = processed.first().at(1).toLongLong();
        QCOMPARE(SampleStore(*m_workspace).sample(id)->originalName, QStringLiteral("new.png"));
        QCOMPARE(SampleStore(*m_workspace).sample(id)->predicted, processed.first().at(2).toInt());
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(0).toString(), folder.filePath(QStringLiteral("broken.png")));
        QCOMPARE(watcher.processed(), 1);
        QCOMPARE(watcher.failed(), 1);

        // Touched again: still once. A later file is sent.
        QVERIFY(photoOf(m_data->image(3)).save(folder.filePath(QStringLiteral("new.png"))));
        QVERIFY(photoOf(m_data->image(4)).save(folder.filePath(QStringLiteral("later.png"))));
        QTRY_COMPARE_WITH_TIMEOUT(processed.size(), 2, 30000);
        QCOMPARE(processed.last().at(0).toString(), folder.filePath(QStringLiteral("later.png")));
        QTest::qWait(1500); // a full scan later nothing else came
        QCOMPARE(processed.size(), 2);
        QCOMPARE(failed.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestInferenceService)
#include "test_inference_service.moc"
