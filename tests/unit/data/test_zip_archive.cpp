#include "common/Error.h"
#include "data/Ingest.h"
#include "data/ZipArchive.h"
#include "unit/data/DataFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;
using namespace mlwb::detail;
using namespace fixtures;

namespace {

// Written by NumPy 1.24 (Debian 12): np.savez_compressed / np.savez of
// x_train = (arange(24).reshape(2, 3, 4) * 7 % 256).astype(uint8), y_train = [3, 1] (int64).
// Zip64 extra fields in the local headers only, as NumPy's force_zip64 writes them.
const char *const numpyCompressed =
    "UEsDBBQAAAAIAAAAIQBsNKA4YgAAAJgAAAALABQAeF90cmFpbi5ucHkBABAAmAAAAAAAAABiAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loF5T"
    "aqiuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GkY6CsY6CiaaOgq1CuQBLgZ2PlEZZS1DC3s335DopMyC8rrWnsmzFgIAUEsDBBQAAAAI"
    "AAAAIQCM3jPgSgAAAJAAAAALABQAeV90cmFpbi5ucHkBABAAkAAAAAAAAABKAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaGuo6Cell9U"
    "UpSYF59flJIKEndLzClOBYoXZyQWpAL5GkY6mjoKtQoUAC5mBghghNIAUEsBAhQDFAAAAAgAAAAhAGw0oDhiAAAAmAAAAAsAAAAAAAAAAAAAAIAB"
    "AAAAAHhfdHJhaW4ubnB5UEsBAhQDFAAAAAgAAAAhAIzeM+BKAAAAkAAAAAsAAAAAAAAAAAAAAIABnwAAAHlfdHJhaW4ubnB5UEsFBgAAAAACAAIA"
    "cgAAACYBAAAAAA==";
const char *const numpyStored =
    "UEsDBBQAAAAAAAAAIQBsNKA4mAAAAJgAAAALABQAeF90cmFpbi5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJ3x1"
    "MScsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgyLCAzLCA0KSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAg"
    "ICAgICAgICAgICAgICAgICAgICAKAAcOFRwjKjE4P0ZNVFtiaXB3foWMk5qhUEsDBBQAAAAAAAAAIQCM3jPgkAAAAJAAAAALABQAeV90cmFpbi5u"
    "cHkBABAAkAAAAAAAAACQAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgy"
    "LCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAwAAAAAAAAABAAAAAAAAAFBL"
    "AQIUAxQAAAAAAAAAIQBsNKA4mAAAAJgAAAALAAAAAAAAAAAAAACAAQAAAAB4X3RyYWluLm5weVBLAQIUAxQAAAAAAAAAIQCM3jPgkAAAAJAAAAAL"
    "AAAAAAAAAAAAAACAAdUAAAB5X3RyYWluLm5weVBLBQYAAAAAAgACAHIAAACiAQAAAAA=";

QString writeArchive(const QTemporaryDir &tmp, const QByteArray &bytes)
{
    const QString path = tmp.filePath(QStringLiteral("numpy.npz"));
    writeFile(path, bytes);
    return path;
}

} // namespace

class TestZipArchive : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsWhatNumpyWrites_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("method");
        QTest::newRow("savez_compressed") << QByteArray::fromBase64(numpyCompressed) << 8;
        QTest::newRow("savez") << QByteArray::fromBase64(numpyStored) << 0;
    }
    void readsWhatNumpyWrites()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, method);
        QTemporaryDir tmp;
        const QString path = writeArchive(tmp, bytes);
        const ZipArchive zip(path);
        QCOMPARE(zip.names(), QStringList({QStringLiteral("x_train.npy"), QStringLiteral("y_train.npy")}));
        const ZipArchive::Entry *x = zip.find(QStringLiteral("x_train.npy"));
        QVERIFY(x);
        QVERIFY(!zip.find(QStringLiteral("x_test.npy")));
        QCOMPARE(int(x->method), method);
        QCOMPARE(x->size, qint64(128 + 24)); // NumPy pads its header to 128 bytes
        const QByteArray content = zip.read(*x);
        QCOMPARE(content.size(), x->size);
        QCOMPARE(crc32(content), x->crc32);
        QCOMPARE(zip.readPrefix(*x, 10), content.left(10));
        QCOMPARE(zip.readPrefix(*x, 1000), content); // no more than there is

        const Dataset d = ingest(path, {});
        QCOMPARE(d.size(), 2);
        QCOMPARE(d.height, 3);
        QCOMPARE(d.width, 4);
        QCOMPARE(int(d.labels[0]), 3);
        QCOMPARE(int(d.labels[1]), 1);
        QCOMPARE(int(d.image(1)[2 * 4 + 3]), (12 + 2 * 4 + 3) * 7 % 256);
    }

    // A flipped bit in a stored member's pixels: only the CRC can tell, and it does.
    void refusesADamagedMember()
    {
        QByteArray bytes = QByteArray::fromBase64(numpyStored);
        const qint64 pixel = bytes.indexOf("\x93NUMPY") + 128 + 5; // x_train's sixth pixel
        bytes[pixel] = char(bytes[pixel] ^ 0x40);
        QTemporaryDir tmp;
        const ZipArchive zip(writeArchive(tmp, bytes));
        try {
            zip.read(*zip.find(QStringLiteral("x_train.npy")));
            QFAIL("a damaged member was read");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("numpy.npz, entry x_train.npy: CRC mismatch")), qPrintable(e.message()));
        }
    }

    // Sizes that the compressed bytes cannot give are refused before anything is read or
    // allocated: the archive says 1 GB, the member holds a few dozen compressed bytes.
    void refusesASizeItsCompressedBytesCannotGive()
    {
        QTemporaryDir tmp;
        const QByteArray npyBytes = npy(QStringLiteral("|u1"), {4}, QByteArray(4, '\1'));
        const QByteArray stream = rawDeflate(npyBytes);
        QByteArray archive = zipArchive({{QStringLiteral("x_train.npy"), npyBytes, true}});
        // The uncompressed size, in the local header (offset 22) and the central directory (offset 24 of it).
        const qint64 central = archive.indexOf(QByteArray("PK\x01\x02", 4));
        archive.replace(22, 4, le32(1u << 30));
        archive.replace(central + 24, 4, le32(1u << 30));
        const ZipArchive zip(writeArchive(tmp, archive));
        const ZipArchive::Entry *e = zip.find(QStringLiteral("x_train.npy"));
        QCOMPARE(e->size, qint64(1) << 30);
        QCOMPARE(e->compressedSize, qint64(stream.size()));
        try {
            zip.read(*e);
            QFAIL("an impossible size was read");
        } catch (const Error &error) {
            QVERIFY2(error.message().contains(QStringLiteral("compressed bytes inflate to at most")), qPrintable(error.message()));
        }
    }

    void refusesWhatIsNotAZipArchive_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << "not a zip archive (an empty file)";
        QTest::newRow("text") << QByteArray("certainly not a zip archive, just text") << "no zip end-of-central-directory record";
        QTest::newRow("cut before its directory") << QByteArray::fromBase64(numpyStored).left(200) << "truncated?";
    }
    void refusesWhatIsNotAZipArchive()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const QString path = writeArchive(tmp, bytes);
        try {
            const ZipArchive zip(path);
            QFAIL("opened");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(path) && e.message().contains(expected), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestZipArchive)
#include "test_zip_archive.moc"
