#include "common/Error.h"
#include "data/Ingest.h"
#include "unit/data/DataFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;
using namespace fixtures;

namespace {

const std::vector<qint64> trainLabels = {3, 1, 4, 1, 5, 9};
const std::vector<qint64> testLabels = {2, 6};

// A Keras-like mnist.npz with 6 train and 2 test images of 3×4 (H×W).
std::vector<ZipEntry> mnistEntries(bool deflate, int npyVersion = 1)
{
    return {
        {QStringLiteral("x_test.npy"), npy(QStringLiteral("|u1"), {2, 3, 4}, u8Images(2, 3, 4), npyVersion), deflate},
        {QStringLiteral("x_train.npy"), npy(QStringLiteral("|u1"), {6, 3, 4}, u8Images(6, 3, 4), npyVersion), deflate},
        {QStringLiteral("y_train.npy"), npy(QStringLiteral("<i8"), {6}, littleEndianArray<qint64>(trainLabels), npyVersion), deflate},
        {QStringLiteral("y_test.npy"), npy(QStringLiteral("|u1"), {2}, QByteArray("\x02\x06", 2), npyVersion), deflate},
    };
}

QString writeNpz(const QTemporaryDir &tmp, const QByteArray &bytes, const QString &name = QStringLiteral("mnist.npz"))
{
    const QString path = tmp.filePath(name);
    writeFile(path, bytes);
    return path;
}

} // namespace

class TestNpzReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsStoredAndDeflated_data()
    {
        QTest::addColumn<bool>("deflate");
        QTest::addColumn<int>("npyVersion");
        QTest::addColumn<bool>("zip64");
        QTest::newRow("stored v1") << false << 1 << false;
        QTest::newRow("deflated v1") << true << 1 << false;
        QTest::newRow("deflated v2") << true << 2 << false;
        QTest::newRow("deflated zip64 headers") << true << 1 << true;
    }
    void readsStoredAndDeflated()
    {
        QFETCH(bool, deflate);
        QFETCH(int, npyVersion);
        QFETCH(bool, zip64);
        QTemporaryDir tmp;
        const QString path = writeNpz(tmp, zipArchive(mnistEntries(deflate, npyVersion), zip64));
        QCOMPARE(detectFormat(path), SourceFormat::Npz);
        const Dataset d = ingest(path);
        QCOMPARE(d.size(), 8);
        QCOMPARE(d.count(Subset::Test), 2);
        QCOMPARE(d.height, 3);
        QCOMPARE(d.width, 4);
        QCOMPARE(d.channels, 1);
        for (size_t i = 0; i < trainLabels.size(); ++i)
            QCOMPARE(qint64(d.labels[i]), trainLabels[i]);
        QCOMPARE(int(d.labels[7]), 6);
        QCOMPARE(d.image(4)[2 * 4 + 1], pixel(4, 2, 1));
        QCOMPARE(d.image(7)[0], pixel(1, 0, 0));
    }

    void storedAndDeflatedGiveSameHash()
    {
        QTemporaryDir tmp;
        const QString a = writeNpz(tmp, zipArchive(mnistEntries(false)), QStringLiteral("a.npz"));
        const QString b = writeNpz(tmp, zipArchive(mnistEntries(true)), QStringLiteral("b.npz"));
        QCOMPARE(ingest(a).contentHash(), ingest(b).contentHash());
    }

    void channelsLastBecomesChannelsFirst()
    {
        QTemporaryDir tmp;
        const QString path = writeNpz(tmp, zipArchive({
            {QStringLiteral("x_train.npy"), npy(QStringLiteral("|u1"), {2, 3, 4, 3}, u8Images(2, 3, 4, 3)), true},
            {QStringLiteral("y_train.npy"), npy(QStringLiteral("<i4"), {2, 1}, littleEndianArray<qint32>({1, 0})), false},
        }));
        IngestOptions options;
        options.testFraction = 0;
        const Dataset d = ingest(path, options);
        QCOMPARE(d.channels, 3);
        QCOMPARE(d.count(Subset::Test), 0);
        // Channel c of pixel (y, x) of image i sits at c×H×W + y×W + x.
        for (int c = 0; c < 3; ++c)
            QCOMPARE(d.image(1)[c * 12 + 2 * 4 + 3], pixel(1, 2, 3, c));
    }

    void badArchives_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a zip") << QByteArray("just some text, certainly not a zip archive") << "not a zip archive";
        QTest::newRow("empty file") << QByteArray() << "not a zip archive";
        QTest::newRow("zip, not npz")
            << zipArchive({{QStringLiteral("readme.txt"), "hello", true}, {QStringLiteral("data.csv"), "1,2", false}})
            << "a zip archive but not a Keras MNIST .npz: it has no x_train.npy (it holds: readme.txt, data.csv)";
        QByteArray truncated = zipArchive(mnistEntries(true));
        QTest::newRow("truncated zip") << truncated.left(truncated.size() / 2) << "not a zip archive";

        std::vector<ZipEntry> entries = mnistEntries(false);
        entries[2].data = npy(QStringLiteral("<i8"), {6}, littleEndianArray<qint64>({3, 1, 4, 10, 5, 9}));
        QTest::newRow("label outside") << zipArchive(entries) << "array y_train: label 10 at index 3 is outside the 10 classes";
        entries = mnistEntries(false);
        entries[2].data = npy(QStringLiteral("<i8"), {6}, littleEndianArray<qint64>({3, 1, -1, 1, 5, 9}));
        QTest::newRow("negative label") << zipArchive(entries) << "label -1 at index 2";
        entries = mnistEntries(false);
        entries[1].data = npy(QStringLiteral("<f4"), {6, 3, 4}, QByteArray(6 * 12 * 4, '\0'));
        QTest::newRow("float images") << zipArchive(entries) << "images must be uint8 ('|u1'), got dtype '<f4'";
        entries = mnistEntries(false);
        entries[2].data = npy(QStringLiteral("<i8"), {5}, littleEndianArray<qint64>({3, 1, 4, 1, 5}));
        QTest::newRow("counts differ") << zipArchive(entries) << "holds 6 images but";
        entries = mnistEntries(false);
        entries[1].data = entries[1].data.left(entries[1].data.size() - 5);
        QTest::newRow("short array") << zipArchive(entries) << "needs 72 bytes after offset 128, got 67";
        entries = mnistEntries(false);
        entries.erase(entries.begin()); // no x_test
        QTest::newRow("half a test pair") << zipArchive(entries) << "has y_test.npy but not x_test.npy";
        QByteArray damaged = zipArchive(mnistEntries(false));
        damaged[250] = char(damaged[250] ^ 0x55); // inside x_train's pixels
        QTest::newRow("damaged") << damaged << "CRC mismatch";
    }
    void badArchives()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const QString path = writeNpz(tmp, bytes);
        const QString message = errorOf(path);
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestNpzReader)
#include "test_npz_reader.moc"
