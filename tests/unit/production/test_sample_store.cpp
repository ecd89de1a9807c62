// The production samples: a batch is one transaction, an image is kept once per content, and
// labels keep their history.
#include "common/Error.h"
#include "production/SampleStore.h"
#include "store/Workspace.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QImage>
#include <QTemporaryDir>
#include "data/PngEncode.h"

#include <QtTest>

using namespace mlwb;

namespace {

// A 28×28 sample of 10 classes whose pixels depend on `seed`.
NewSample makeSample(int seed, SampleSource source = SampleSource::Api, int predicted = 0)
{
    NewSample n;
    ProductionSample &s = n.sample;
    s.source = source;
    s.input.resize(28 * 28);
    for (size_t i = 0; i < s.input.size(); ++i)
        s.input[i] = std::uint8_t((i * 7 + size_t(seed) * 31) % 256);
    s.predicted = predicted;
    s.probabilities.assign(10, 0.01f);
    s.probabilities[size_t(predicted)] = 0.91f;
    s.embedding = {0.5f, -1.25f, 3.0e-7f, 42.0f};
    return n;
}

QImage picture(int width, int height, int shade)
{
    QImage image(width, height, QImage::Format_Grayscale8);
    image.fill(shade);
    return image;
}

} // namespace

class TestSampleStore : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    WorkspacePtr m_workspace;

    SampleStore store() const { return SampleStore(*m_workspace); }
    qint64 imageRows() const
    {
        return m_workspace->database().scalar(QStringLiteral("SELECT COUNT(*) FROM production_images")).toLongLong();
    }
    int imageFiles() const
    {
        int n = 0;
        QDirIterator it(m_workspace->productionSamplesDir(), {QStringLiteral("*.png")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++n;
        }
        return n;
    }
    static SampleFilter all()
    {
        SampleFilter f;
        f.limit = -1;
        return f;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        static int n = 0;
        m_workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws%1").arg(++n)));
    }

    void batchRoundTripsAndSharesImages()
    {
        std::vector<NewSample> batch;
        batch.push_back(makeSample(1, SampleSource::Canvas, 3));
        batch.push_back(makeSample(1, SampleSource::Api, 3)); // the same pixels: one image
        NewSample withOriginal = makeSample(2, SampleSource::Folder, 7);
        withOriginal.originalPng = encodePng(picture(40, 30, 200));
        withOriginal.sample.originalName = QStringLiteral("seven.png");
        batch.push_back(withOriginal);
        const QList<qint64> ids = store().add(batch);
        QCOMPARE(ids.size(), 3);
        QVERIFY(ids[0] < ids[1] && ids[1] < ids[2]);

        const ProductionSample first = *store().sample(ids[0]);
        QCOMPARE(first.source, SampleSource::Canvas);
        QCOMPARE(first.input, batch[0].sample.input);
        QCOMPARE(first.probabilities, batch[0].sample.probabilities); // exactly, not approximately
        QCOMPARE(first.embedding, batch[0].sample.embedding);
        QCOMPARE(first.predicted, 3);
        QCOMPARE(first.modelId, 0);
        QVERIFY(first.created.isValid());
        QVERIFY(!first.label.has_value());
        QCOMPARE(store().sample(ids[1])->imageHash, first.imageHash);

        // The input became the image: a 28×28 grey PNG of exactly these pixels.
        const QImage stored(store().absoluteImagePath(first));
        QCOMPARE(stored.size(), QSize(28, 28));
        const QImage grey = stored.convertToFormat(QImage::Format_Grayscale8);
        QCOMPARE(grey.pixelColor(5, 2).red(), int(first.input[2 * 28 + 5]));

        const ProductionSample third = *store().sample(ids[2]);
        QCOMPARE(third.originalName, QStringLiteral("seven.png"));
        QCOMPARE(third.imageHash, QString::fromLatin1(QCryptographicHash::hash(withOriginal.originalPng, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(third.imagePath, SampleStore::imageRelativePath(third.imageHash));
        QVERIFY(third.imagePath.startsWith(QStringLiteral("production/samples/") + third.imageHash.left(2) + u'/'));
        QCOMPARE(QImage(store().absoluteImagePath(third)).size(), QSize(40, 30));

        QCOMPARE(imageRows(), 2);
        QCOMPARE(imageFiles(), 2);
        QCOMPARE(store().count(all()), 3);
        QVERIFY(!store().sample(ids[2] + 1).has_value());
    }

    void sameOriginalInLaterBatchesKeepsOneFile()
    {
        const QByteArray png = encodePng(picture(12, 12, 90));
        for (int i = 0; i < 3; ++i) {
            NewSample n = makeSample(i);
            n.originalPng = png;
            store().add({n});
        }
        QCOMPARE(store().count(all()), 3);
        QCOMPARE(imageRows(), 1);
        QCOMPARE(imageFiles(), 1);
    }

    void jpegOriginalIsKeptAsPng()
    {
        QByteArray jpeg;
        QBuffer buffer(&jpeg);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(picture(16, 20, 128).save(&buffer, "JPEG"));
        NewSample n = makeSample(5);
        n.originalPng = jpeg;
        const ProductionSample s = *store().sample(store().add({n}).first());
        QFile file(store().absoluteImagePath(s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith("\x89PNG"));
        QCOMPARE(QImage(file.fileName()).size(), QSize(16, 20));

        NewSample broken = makeSample(6);
        broken.originalPng = "not an image at all";
        QVERIFY_THROWS_EXCEPTION(UsageError, store().add({broken}));
        QCOMPARE(store().count(all()), 1);
    }

    void failingRowRollsBackTheWholeBatch()
    {
        std::vector<NewSample> batch{makeSample(1), makeSample(2), makeSample(3)};
        batch[2].sample.modelId = 999; // no such model: the foreign key refuses the row
        QVERIFY_THROWS_EXCEPTION(Error, store().add(batch));
        QCOMPARE(store().count(all()), 0);
        QCOMPARE(imageRows(), 0); // files may stay behind, rows do not

        // The same samples without the bad row go in, the files left behind serve again.
        batch[2].sample.modelId = 0;
        QCOMPARE(store().add(batch).size(), 3);
        QCOMPARE(imageRows(), 3);
        QCOMPARE(imageFiles(), 3);

        NewSample wrongSize = makeSample(4);
        wrongSize.sample.input.resize(100);
        QVERIFY_THROWS_EXCEPTION(UsageError, store().add({makeSample(5), wrongSize}));
        QCOMPARE(store().count(all()), 3);
    }

    void listFiltersAndCounts()
    {
        const QDateTime t0 = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
        std::vector<NewSample> batch;
        const SampleSource sources[] = {SampleSource::Canvas, SampleSource::Folder, SampleSource::Api};
        for (int i = 0; i < 9; ++i) {
            NewSample n = makeSample(i, sources[i % 3], i % 2);
            n.sample.created = t0.addSecs(60 * i);
            batch.push_back(n);
        }
        const QList<qint64> ids = store().add(batch);
        store().setLabel(ids[0], 1, false, QStringLiteral("ana"));
        store().setLabel(ids[1], 0, false, QStringLiteral("ana"));
        store().setLabel(ids[2], std::nullopt, true, QStringLiteral("ana"));

        SampleFilter f = all();
        QCOMPARE(store().count(f), 9);
        QCOMPARE(store().list(f).first().id, ids.last()); // newest first
        f.newestFirst = false;
        QCOMPARE(store().list(f).first().id, ids.first());

        SampleFilter folder = all();
        folder.source = SampleSource::Folder;
        QCOMPARE(store().count(folder), 3);
        for (const ProductionSample &s : store().list(folder))
            QCOMPARE(s.source, SampleSource::Folder);

        SampleFilter labeled = all();
        labeled.labelState = SampleFilter::LabelState::Labeled;
        QCOMPARE(store().count(labeled), 2);
        labeled.labelState = SampleFilter::LabelState::Discarded;
        QCOMPARE(store().list(labeled).size(), 1);
        QCOMPARE(store().list(labeled).first().id, ids[2]);
        labeled.labelState = SampleFilter::LabelState::Unlabeled;
        QCOMPARE(store().count(labeled), 6);

        SampleFilter range = all();
        range.from = t0.addSecs(60 * 2);
        range.to = t0.addSecs(60 * 5); // minutes 2, 3, 4
        QCOMPARE(store().count(range), 3);
        range.predicted = 1; // minute 3
        const QList<ProductionSample> one = store().list(range);
        QCOMPARE(one.size(), 1);
        QCOMPARE(one.first().id, ids[3]);
        QCOMPARE(one.first().created, t0.addSecs(180));

        SampleFilter page = all();
        page.limit = 2;
        page.offset = 3;
        const QList<ProductionSample> two = store().list(page);
        QCOMPARE(two.size(), 2);
        QCOMPARE(two[0].id, ids[5]);
        QCOMPARE(two[1].id, ids[4]);
        QCOMPARE(store().count(page), 9); // without limit and offset
        page.limit = -1;
        QCOMPARE(store().list(page).size(), 6);
    }

    void labelsKeepTheirHistory()
    {
        const qint64 id = store().add({makeSample(1)}).first();
        QVERIFY(store().labelHistory(id).isEmpty());
        store().setLabel(id, 4, false, QStringLiteral("ana"));
        ProductionSample s = *store().sample(id);
        QCOMPARE(s.label, std::optional<int>(4));
        QCOMPARE(s.labeledBy, QStringLiteral("ana"));
        QVERIFY(s.labeledAt.isValid());

        store().setLabel(id, 9, false, QStringLiteral("bob"));
        store().setLabel(id, -1, true, QStringLiteral("cy"));
        s = *store().sample(id);
        QVERIFY(!s.label.has_value());
        QVERIFY(s.discarded);
        QCOMPARE(s.labeledBy, QStringLiteral("cy"));

        store().setLabel(id, std::nullopt, false, QStringLiteral("dee")); // taken back
        s = *store().sample(id);
        QVERIFY(!s.label.has_value());
        QVERIFY(!s.discarded);
        QVERIFY(!s.labeledAt.isValid());

        const QList<QJsonObject> history = store().labelHistory(id);
        QCOMPARE(history.size(), 4);
        QCOMPARE(history[0][QStringLiteral("label")].toInt(), 4);
        QCOMPARE(history[0][QStringLiteral("by")].toString(), QStringLiteral("ana"));
        QCOMPARE(history[1][QStringLiteral("label")].toInt(), 9);
        QVERIFY(history[2][QStringLiteral("label")].isNull());
        QCOMPARE(history[2][QStringLiteral("discarded")].toBool(), true);
        QCOMPARE(history[3][QStringLiteral("by")].toString(), QStringLiteral("dee"));
        QVERIFY(!history[3][QStringLiteral("at")].toString().isEmpty());
    }

    void badLabelsAreRefused()
    {
        const qint64 id = store().add({makeSample(1)}).first(); // 10 classes
        QVERIFY_THROWS_EXCEPTION(UsageError, store().setLabel(id, 10, false, QStringLiteral("ana")));
        QVERIFY_THROWS_EXCEPTION(UsageError, store().setLabel(id, -1, false, QStringLiteral("ana")));
        QVERIFY_THROWS_EXCEPTION(UsageError, store().setLabel(id + 1, 1, false, QStringLiteral("ana")));
        QVERIFY(store().labelHistory(id).isEmpty());
        QVERIFY(!store().sample(id)->label.has_value());
        store().setLabel(id, 9, false, QStringLiteral("ana"));
        QCOMPARE(store().sample(id)->label, std::optional<int>(9));
    }
};

QTEST_GUILESS_MAIN(TestSampleStore)
#include "test_sample_store.moc"
