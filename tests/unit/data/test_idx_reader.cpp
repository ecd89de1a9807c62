#include "common/Error.h"
#include "data/Ingest.h"
#include "unit/data/DataFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;
using namespace fixtures;

namespace {

const std::vector<int> trainLabels = {3, 1, 4, 1, 5, 9, 2, 6};
const std::vector<int> testLabels = {7, 0, 2};

// An MNIST-style folder: 8 train and 3 test images of 4×5 pixels (H×W), raw or gzip'd.
void writeIdxFolder(const QString &dir, bool gz, bool withTest = true)
{
    auto put = [&](const QString &name, const QByteArray &bytes) {
        writeFile(dir + u'/' + name + (gz ? QStringLiteral(".gz") : QString()), gz ? gzip(bytes) : bytes);
    };
    put(QStringLiteral("train-images-idx3-ubyte"), idxImages(int(trainLabels.size()), 4, 5));
    put(QStringLiteral("train-labels-idx1-ubyte"), idxLabels(trainLabels));
    if (withTest) {
        put(QStringLiteral("t10k-images-idx3-ubyte"), idxImages(int(testLabels.size()), 4, 5));
        put(QStringLiteral("t10k-labels-idx1-ubyte"), idxLabels(testLabels));
    }
}

QString errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Error &e) {
        return e.message();
    }
    return {};
}

} // namespace

class TestIdxReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsRawAndGzipFolders_data()
    {
        QTest::addColumn<bool>("gz");
        QTest::newRow("raw") << false;
        QTest::newRow("gzip") << true;
    }
    void readsRawAndGzipFolders()
    {
        QFETCH(bool, gz);
        QTemporaryDir tmp;
        writeIdxFolder(tmp.path(), gz);
        IngestOptions options;
        QCOMPARE(detectFormat(tmp.path()), SourceFormat::Idx);
        const Dataset d = ingest(tmp.path(), options);
        QCOMPARE(d.size(), 11);
        QCOMPARE(d.channels, 1);
        QCOMPARE(d.height, 4);
        QCOMPARE(d.width, 5);
        QCOMPARE(d.classNames, QStringList({"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));
        QCOMPARE(d.count(Subset::Train), 8);
        QCOMPARE(d.count(Subset::Test), 3);
        QCOMPARE(int(d.labels[0]), 3);
        QCOMPARE(int(d.labels[8]), 7);
        QCOMPARE(d.subset(8), Subset::Test);
        QCOMPARE(d.image(2)[1 * 5 + 3], pixel(2, 1, 3));
        QCOMPARE(d.image(9)[0], pixel(1, 0, 0)); // second test image
    }

    void sameBytesSameHashRawOrGzip()
    {
        QTemporaryDir raw, gz;
        writeIdxFolder(raw.path(), false);
        writeIdxFolder(gz.path(), true);
        const QString a = ingest(raw.path()).contentHash();
        QCOMPARE(ingest(gz.path()).contentHash(), a);
        QCOMPARE(ingest(raw.path()).contentHash(), a); // and twice the same
    }

    void singleImagesFileWithLabelsNextToIt()
    {
        QTemporaryDir tmp;
        writeIdxFolder(tmp.path(), false, false);
        IngestOptions options;
        options.testFraction = 0.25;
        const QString file = tmp.filePath(QStringLiteral("train-images-idx3-ubyte"));
        QCOMPARE(detectFormat(file), SourceFormat::Idx);
        const Dataset d = ingest(file, options);
        QCOMPARE(d.size(), 8);
        // No test files: a share of each class becomes Test (class 1 has 2 images → 1 with 0.25).
        QCOMPARE(d.count(Subset::Test), 1);
    }

    void callerClassNames()
    {
        QTemporaryDir tmp;
        writeIdxFolder(tmp.path(), true);
        IngestOptions options;
        options.classNames = QStringList{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                         "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
        QCOMPARE(ingest(tmp.path(), options).classNames, options.classNames);
        options.classNames = QStringList{"a", "b", "c"};
        const QString message = errorOf([&] { ingest(tmp.path(), options); });
        QVERIFY2(message.contains(QStringLiteral("train-labels-idx1-ubyte.gz")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("label 3 at offset 8 (item 0) is outside the 3 classes")), qPrintable(message));
    }

    void progressAndCancel()
    {
        QTemporaryDir tmp;
        writeIdxFolder(tmp.path(), false);
        IngestOptions options;
        qint64 last = -1, total = 0;
        options.progress = [&](qint64 done, qint64 t) {
            QVERIFY(done >= last);
            last = done;
            total = t;
        };
        ingest(tmp.path(), options);
        QCOMPARE(total, 4);
        QCOMPARE(last, 4);
        CancelFlag cancel;
        cancel.cancel();
        options.cancel = &cancel;
        last = -1;
        QVERIFY_THROWS_EXCEPTION(Cancelled, ingest(tmp.path(), options));
    }

    void badFilesNamed_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray images = idxImages(8, 4, 5);
        QTest::newRow("truncated images") << "train-images-idx3-ubyte" << images.left(16 + 8 * 20 - 7)
                                          << "truncated: expected 176 bytes (16-byte header + 8×4×5), got 169";
        QTest::newRow("truncated header") << "train-images-idx3-ubyte" << images.left(10)
                                          << "truncated: expected 16 header bytes, got 10";
        QTest::newRow("truncated gzip") << "train-images-idx3-ubyte.gz" << gzip(images).left(40) << "truncated";
        QTest::newRow("images magic") << "train-images-idx3-ubyte" << QByteArray(be32(0x00000801) + images.mid(4))
                                      << "wrong magic number 0x00000801 at offset 0, expected 0x00000803";
        QTest::newRow("labels magic") << "train-labels-idx1-ubyte" << QByteArray(be32(0x12345678) + idxLabels(trainLabels).mid(4))
                                      << "wrong magic number 0x12345678 at offset 0, expected 0x00000801";
        QTest::newRow("counts differ") << "train-labels-idx1-ubyte" << idxLabels({1, 2, 3})
                                       << "holds 8 images but";
        QTest::newRow("label outside") << "train-labels-idx1-ubyte" << idxLabels({1, 2, 3, 4, 12, 1, 1, 1})
                                       << "label 12 at offset 12 (item 4) is outside the 10 classes (0..9)";
        QTest::newRow("trailing bytes") << "train-images-idx3-ubyte" << QByteArray(images + "xyz")
                                        << "3 unexpected bytes after offset 176";
    }
    void badFilesNamed()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        writeIdxFolder(tmp.path(), false, false);
        if (file.endsWith(QStringLiteral(".gz")))
            QFile::remove(tmp.filePath(file.chopped(3)));
        writeFile(tmp.filePath(file), bytes);
        const QString message = errorOf([&] { ingest(tmp.path()); });
        QVERIFY2(message.contains(file), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void missingTrainLabels()
    {
        QTemporaryDir tmp;
        writeIdxFolder(tmp.path(), false, false);
        QFile::remove(tmp.filePath(QStringLiteral("train-labels-idx1-ubyte")));
        const QString message = errorOf([&] { ingest(tmp.path()); });
        QVERIFY2(message.contains(QStringLiteral("no train-labels-idx1-ubyte")), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestIdxReader)
#include "test_idx_reader.moc"
