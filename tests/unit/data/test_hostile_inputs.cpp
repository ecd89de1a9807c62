// Files crafted the way a broken exporter or a hostile download would make them: sizes that
// overflow, decompression bombs, paths that lead out of the data folder, labels whose
// meaning is a guess, links to devices. Each must be refused naming the file and what is
// wrong, without the memory a bomb asks for.
#include "common/Error.h"
#include "data/Ingest.h"
#include "unit/data/DataFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <zlib.h>

using namespace mlwb;
using namespace fixtures;

namespace {

constexpr qint64 bombBytes = qint64(256) << 20;

// Deflate of `head` followed by `zeros` zero bytes, compressed chunk by chunk: zeros
// compress about 1000:1, so a 256 MB bomb is a 250 KB file and is never held inflated.
// windowBits 31 gives a gzip file, -15 a raw stream (as in zip entries).
QByteArray deflateBomb(const QByteArray &head, qint64 zeros, int windowBits, quint32 *crc = nullptr)
{
    z_stream zs{};
    if (deflateInit2(&zs, 9, Z_DEFLATED, windowBits, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        qFatal("deflateInit2 failed");
    QByteArray out;
    uLong sum = crc32(0, nullptr, 0);
    const QByteArray chunk(1 << 20, '\0');
    auto feed = [&](const char *data, qint64 size, int flush) {
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
        zs.avail_in = uInt(size);
        if (size > 0) // crc32 of a null buffer restarts the sum
            sum = crc32(sum, reinterpret_cast<const Bytef *>(data), uInt(size));
        do {
            char buffer[1 << 16];
            zs.next_out = reinterpret_cast<Bytef *>(buffer);
            zs.avail_out = sizeof buffer;
            deflate(&zs, flush);
            out.append(buffer, qsizetype(sizeof buffer - zs.avail_out));
        } while (zs.avail_out == 0);
    };
    feed(head.constData(), head.size(), Z_NO_FLUSH);
    for (qint64 left = zeros; left > 0; left -= chunk.size())
        feed(chunk.constData(), std::min<qint64>(left, chunk.size()), Z_NO_FLUSH);
    feed(nullptr, 0, Z_FINISH);
    deflateEnd(&zs);
    if (crc)
        *crc = quint32(sum);
    return out;
}

qint64 peakResidentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    return -1;
}

// How much the peak resident memory grew while `f` ran; -1 where the kernel cannot reset
// the peak (writing 5 to clear_refs, Linux ≥ 4.0), so that an earlier, larger peak does not
// hide this one.
qint64 peakGrowth(const std::function<void()> &f)
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (!clear.open(QIODevice::WriteOnly) || clear.write("5") != 1)
        return -1;
    clear.close();
    const qint64 before = peakResidentBytes();
    f();
    const qint64 after = peakResidentBytes();
    return before < 0 || after < 0 ? -1 : after - before;
}

// A zip member given as bytes already compressed, with the sizes the archive should claim
// (they may lie); in zip64 extra fields when `zip64`.
struct RawMember {
    QString name;
    QByteArray stored;
    quint16 method = 8;
    quint32 crc = 0;
    quint64 size = 0;           // as the central directory says
    quint64 compressedSize = 0; // as the central directory says
    bool zip64 = false;
};

QByteArray zipOf(const std::vector<RawMember> &members)
{
    QByteArray out, central;
    for (const RawMember &m : members) {
        const QByteArray name = m.name.toUtf8();
        const QByteArray extra = m.zip64 ? le16(1) + le16(16) + le64(m.size) + le64(m.compressedSize) : QByteArray();
        const QByteArray sizes = m.zip64 ? le32(0xffffffffu) + le32(0xffffffffu)
                                         : le32(quint32(m.compressedSize)) + le32(quint32(m.size));
        const quint32 offset = quint32(out.size());
        out += le32(0x04034b50) + le16(45) + le16(0) + le16(m.method) + le16(0) + le16(0x21) + le32(m.crc) + sizes
               + le16(quint16(name.size())) + le16(quint16(extra.size())) + name + extra + m.stored;
        central += le32(0x02014b50) + le16(45) + le16(45) + le16(0) + le16(m.method) + le16(0) + le16(0x21) + le32(m.crc)
                   + sizes + le16(quint16(name.size())) + le16(quint16(extra.size())) + le16(0) + le16(0) + le16(0)
                   + le32(0) + le32(offset) + name + extra;
    }
    const quint32 centralOffset = quint32(out.size());
    out += central;
    out += le32(0x06054b50) + le16(0) + le16(0) + le16(quint16(members.size())) + le16(quint16(members.size()))
           + le32(quint32(central.size())) + le32(centralOffset) + le16(0);
    return out;
}

RawMember storedMember(const QString &name, const QByteArray &data)
{
    return {name, data, 0, crc32(data), quint64(data.size()), quint64(data.size()), false};
}

// The start of an .npy file (magic, version, header) for an array of `shape`, no data.
QByteArray npyHead(const QString &descr, const std::vector<qint64> &shape)
{
    return npy(descr, shape, QByteArray());
}

void writeTinyPng(const QString &path, int value = 0)
{
    QImage image(4, 4, QImage::Format_Grayscale8);
    image.fill(value);
    writePng(path, image);
}

// root/{0,1,2}.png and a groundtruth.csv of `rows` (after a header line).
void writeCsvFolder(const QString &root, const QStringList &rows)
{
    for (int i = 0; i < 3; ++i)
        writeTinyPng(QStringLiteral("%1/%2.png").arg(root).arg(i), i * 50);
    writeFile(root + QStringLiteral("/groundtruth.csv"), (QStringLiteral("file,label\n") + rows.join(u'\n') + u'\n').toUtf8());
}

} // namespace

class TestHostileInputs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // 8,388,608 × 2,097,152 × 2,097,152 = 2^65 wraps to 0 in 64 bits: a 16-byte file whose
    // payload looked complete.
    void idxDimensionsThatOverflowAreRefused()
    {
        QTemporaryDir tmp;
        const QString images = tmp.filePath(QStringLiteral("train-images-idx3-ubyte"));
        writeFile(images, be32(0x00000803) + be32(8388608) + be32(2097152) + be32(2097152));
        writeFile(tmp.filePath(QStringLiteral("train-labels-idx1-ubyte")), be32(0x00000801) + be32(8388608));
        const QString message = errorOf(tmp.path());
        QVERIFY2(message.contains(images), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("8388608 × 2097152 × 2097152) is too large")), qPrintable(message));
    }

    // The header says 10 images of 28×28; the file inflates to 256 MB more.
    void gzipIdxBombStopsAtWhatItsHeaderDeclares()
    {
        QTemporaryDir tmp;
        const QString images = tmp.filePath(QStringLiteral("train-images-idx3-ubyte.gz"));
        writeFile(images, deflateBomb(be32(0x00000803) + be32(10) + be32(28) + be32(28), bombBytes, 31));
        writeFile(tmp.filePath(QStringLiteral("train-labels-idx1-ubyte")), idxLabels(std::vector<int>(10, 1)));
        QString message;
        const qint64 growth = peakGrowth([&] { message = errorOf(tmp.path()); });
        QVERIFY2(message.contains(images), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("inflates to more than the 7856 bytes its header declares")), qPrintable(message));
        if (growth >= 0)
            QVERIFY2(growth < bombBytes / 4, qPrintable(QStringLiteral("peak memory grew by %1 bytes").arg(growth)));
    }

    // 60,000 images of 28×28 cannot come out of a few dozen compressed bytes: refused before
    // inflating anything.
    void gzipIdxDeclaringTheImpossibleIsRefusedAtOnce()
    {
        QTemporaryDir tmp;
        const QString images = tmp.filePath(QStringLiteral("train-images-idx3-ubyte.gz"));
        writeFile(images, gzip(be32(0x00000803) + be32(60000) + be32(28) + be32(28)));
        writeFile(tmp.filePath(QStringLiteral("train-labels-idx1-ubyte")), be32(0x00000801) + be32(60000));
        const QString message = errorOf(tmp.path());
        QVERIFY2(message.contains(images), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("60000×28×28 = 47040016 bytes")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("can inflate to at most")), qPrintable(message));
    }

    // An .npz whose x_train.npy declares 10×28×28 but inflates to 256 MB: whether the archive
    // records the true size or the shape's, the member is not inflated past the shape.
    void npzBombStopsAtWhatItsShapeDeclares_data()
    {
        QTest::addColumn<bool>("archiveTellsTheTruth");
        QTest::addColumn<QString>("expected");
        QTest::newRow("archive records 256 MB") << true << "needs 7840 bytes after offset 128, got 268435456";
        QTest::newRow("archive records the shape's size") << false << "inflates to more than the 7968 bytes expected";
    }
    void npzBombStopsAtWhatItsShapeDeclares()
    {
        QFETCH(bool, archiveTellsTheTruth);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const QByteArray head = npyHead(QStringLiteral("|u1"), {10, 28, 28});
        QCOMPARE(head.size(), 128);
        quint32 crc = 0;
        const QByteArray stream = deflateBomb(head, bombBytes, -15, &crc);
        const quint64 size = archiveTellsTheTruth ? quint64(head.size() + bombBytes) : quint64(head.size() + 7840);
        const QString path = tmp.filePath(QStringLiteral("bomb.npz"));
        writeFile(path, zipOf({{QStringLiteral("x_train.npy"), stream, 8, crc, size, quint64(stream.size()), true},
                               storedMember(QStringLiteral("y_train.npy"), npy(QStringLiteral("|u1"), {10}, QByteArray(10, '\1')))}));
        QString message;
        const qint64 growth = peakGrowth([&] { message = errorOf(path); });
        QVERIFY2(message.contains(path + QStringLiteral(", ")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("x_train")), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        if (growth >= 0)
            QVERIFY2(growth < bombBytes / 4, qPrintable(QStringLiteral("peak memory grew by %1 bytes").arg(growth)));
    }

    // Sizes read into signed integers turn negative, and offset + size can wrap: refused as
    // corrupt, naming the archive.
    void npzSizesThatOverflowAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray x = npy(QStringLiteral("|u1"), {2, 2, 2}, QByteArray(8, '\0'));
        const QByteArray y = npy(QStringLiteral("|u1"), {2}, QByteArray(2, '\0'));
        RawMember member = storedMember(QStringLiteral("x_train.npy"), x);
        member.zip64 = true;
        member.compressedSize = ~quint64(0); // -1 as a signed number
        QTest::newRow("zip64 compressed size 2^64-1")
            << zipOf({member, storedMember(QStringLiteral("y_train.npy"), y)}) << "claims 18446744073709551615 compressed bytes";
        member = storedMember(QStringLiteral("x_train.npy"), x);
        member.zip64 = true;
        member.size = quint64(1) << 63;
        QTest::newRow("zip64 size 2^63") << zipOf({member, storedMember(QStringLiteral("y_train.npy"), y)})
                                         << "claims a size of 9223372036854775808 bytes";
        // A zip64 end record whose directory offset + size wraps past 2^63.
        QByteArray wrap = le32(0x06064b50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0) + le64(1) + le64(1)
                          + le64(quint64(1) << 40) + le64((quint64(1) << 63) - 1);
        wrap += le32(0x07064b50) + le32(0) + le64(0) + le32(1);
        wrap += le32(0x06054b50) + le16(0) + le16(0) + le16(0xffff) + le16(0xffff) + le32(0xffffffffu) + le32(0xffffffffu) + le16(0);
        QTest::newRow("directory offset + size wraps") << wrap << "corrupt zip: central directory";
        // (2^62, 4, 4) bytes = 2^66, which wraps to 0 in 64 bits: an empty payload looked right.
        QTest::newRow("npy shape product wraps")
            << zipArchive({{QStringLiteral("x_train.npy"), npy(QStringLiteral("|u1"), {qint64(1) << 62, 4, 4}, QByteArray())},
                           {QStringLiteral("y_train.npy"), npy(QStringLiteral("<i8"), {qint64(1) << 61}, QByteArray())}})
            << "array x_train: the data of shape (4611686018427387904, 4, 4) (4611686018427387904 × 4 × 4) is too large";
    }
    void npzSizesThatOverflowAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("bad.npz"));
        writeFile(path, bytes);
        const QString message = errorOf(path);
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    // A name in groundtruth.csv that leads out of the data folder is refused before it is read.
    void csvPathsStayInsideTheDataFolder_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("dot-dot") << "../../outside/secret.png" << "lies outside the data folder";
        QTest::newRow("absolute") << "ABSOLUTE" << "is an absolute path";
        QTest::newRow("symlink out") << "link.png" << "lies outside the data folder";
        QTest::newRow("symlink to a device") << "zero.png" << "lies outside the data folder";
    }
    void csvPathsStayInsideTheDataFolder()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const QString secret = tmp.filePath(QStringLiteral("outside/secret.png"));
        writeTinyPng(secret, 255);
        const QString root = tmp.filePath(QStringLiteral("deep/data"));
        if (name == u"ABSOLUTE")
            name = secret;
        writeCsvFolder(root, {QStringLiteral("0.png,0"), QStringLiteral("1.png,1"), QStringLiteral("2.png,0"), name + QStringLiteral(",1")});
        QVERIFY(QFile::link(QStringLiteral("../../outside/secret.png"), root + QStringLiteral("/link.png")));
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), root + QStringLiteral("/zero.png")));
        const QString message = errorOf(root);
        QVERIFY2(message.contains(root + QStringLiteral("/groundtruth.csv: line 5")), qPrintable(message));
        QVERIFY2(message.contains(name), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    // Links and `..` that stay inside are fine.
    void csvPathsInsideTheFolderAreRead()
    {
        QTemporaryDir tmp;
        const QString root = tmp.filePath(QStringLiteral("data"));
        writeCsvFolder(root, {QStringLiteral("0.png,a"), QStringLiteral("alias.png,b"), QStringLiteral("sub/../2.png,a"),
                              QStringLiteral("sub/inner.png,b")});
        QDir().mkpath(root + QStringLiteral("/sub"));
        QVERIFY(QFile::link(QStringLiteral("1.png"), root + QStringLiteral("/alias.png")));
        QVERIFY(QFile::link(QStringLiteral("../2.png"), root + QStringLiteral("/sub/inner.png")));
        IngestOptions options;
        options.testFraction = 0;
        const Dataset d = ingest(root, options);
        QCOMPARE(d.size(), 4);
        QCOMPARE(int(d.image(1)[0]), 50); // alias.png is 1.png
        QCOMPARE(int(d.image(3)[0]), 100);
    }

    // "0".."3" and one "cat": are the numbers class indices or names? Refused naming the
    // row, unless the class names are given.
    void numbersMixedWithNamesAreRefused()
    {
        QTemporaryDir tmp;
        QStringList rows;
        for (int i = 0; i < 12; ++i)
            rows << QStringLiteral("%1.png,%2").arg(i % 3).arg(i % 4);
        rows << QStringLiteral("2.png,cat");
        writeCsvFolder(tmp.path(), rows);
        const QString message = errorOf(tmp.path());
        QVERIFY2(message.contains(tmp.filePath(QStringLiteral("groundtruth.csv: line 14 (2.png)"))), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("label \"cat\" is a name, but 12 other labels are numbers")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("--classes")), qPrintable(message));

        IngestOptions options;
        options.classNames = QStringList{"0", "1", "2", "3", "cat"};
        options.testFraction = 0;
        const Dataset d = ingest(tmp.path(), options);
        QCOMPARE(d.classNames, options.classNames);
        QCOMPARE(int(d.labels[3]), 3);
        QCOMPARE(int(d.labels[12]), 4);
    }

    // One "cta" among 1,000 "cat"s and "dog"s is taken for a typo; in a smaller data set a
    // class of one is believed.
    void aClassOfOneAmongThousandsIsRefused_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("odd");
        QTest::addColumn<bool>("refused");
        QTest::newRow("1000 rows, a name") << 1000 << "cta" << true;
        QTest::newRow("1000 rows, a number") << 1000 << "7" << true;
        QTest::newRow("999 rows") << 999 << "cta" << false;
    }
    void aClassOfOneAmongThousandsIsRefused()
    {
        QFETCH(int, rows);
        QFETCH(QString, odd);
        QFETCH(bool, refused);
        const bool numbers = odd == u"7";
        QTemporaryDir tmp;
        QStringList lines;
        for (int i = 0; i < rows - 1; ++i)
            lines << QStringLiteral("%1.png,%2").arg(i % 3).arg(numbers ? QString::number(i % 2) : QLatin1String(i % 2 ? "dog" : "cat"));
        lines.insert(500, QStringLiteral("1.png,") + odd);
        writeCsvFolder(tmp.path(), lines);
        IngestOptions options;
        options.testFraction = 0;
        const QString message = errorOf(tmp.path(), options);
        if (!refused) {
            QVERIFY2(message.isEmpty(), qPrintable(message));
            return;
        }
        QVERIFY2(message.contains(tmp.filePath(QStringLiteral("groundtruth.csv: line 502 (1.png)"))), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("class \"%1\" appears on this row only, among %2 labels").arg(odd).arg(rows)),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("--classes")), qPrintable(message));
        options.classNames = numbers ? QStringList{"0", "1", "2", "3", "4", "5", "6", "7"} : QStringList{"cat", "dog", "cta"};
        QCOMPARE(ingest(tmp.path(), options).size(), rows);
    }

    // Class folders that link back to their parent are listed once, not followed for ever.
    void classFolderSymlinkLoopsTerminate()
    {
        QTemporaryDir tmp;
        const QString root = tmp.filePath(QStringLiteral("classes"));
        writeTinyPng(root + QStringLiteral("/a/x.png"), 10);
        writeTinyPng(root + QStringLiteral("/a/y.png"), 20);
        writeTinyPng(root + QStringLiteral("/b/z.png"), 30);
        QVERIFY(QFile::link(QStringLiteral(".."), root + QStringLiteral("/a/loop")));
        QVERIFY(QFile::link(QStringLiteral("../a"), root + QStringLiteral("/b/again")));
        IngestOptions options;
        options.testFraction = 0;
        const Dataset d = ingest(root, options);
        QCOMPARE(d.classNames, QStringList({"a", "b"}));
        QCOMPARE(d.size(), 3);
    }

    // A first image of 4096×4096 (a 16 MB image from a small file) among 100 small ones: the
    // pixel buffer grows with the images that really decode at that size, it is not sized
    // for 100 of them up front.
    void hugeFirstImageDoesNotSizeTheWholeBuffer()
    {
        QTemporaryDir tmp;
        const QString root = tmp.filePath(QStringLiteral("classes"));
        QImage big(4096, 4096, QImage::Format_Grayscale8);
        big.fill(0);
        writePng(root + QStringLiteral("/a/0000.png"), big);
        for (int i = 1; i < 100; ++i)
            writeTinyPng(root + QStringLiteral("/%1/%2.png").arg(QLatin1String(i % 2 ? "a" : "b")).arg(i, 4, 10, QLatin1Char('0')));
        QString message;
        const qint64 growth = peakGrowth([&] { message = errorOf(root); });
        QVERIFY2(message.contains(root + QStringLiteral("/a/0001.png: image is 4×4")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("4096×4096 (the size of the first image, 0000.png)")), qPrintable(message));
        const qint64 wholeBuffer = qint64(100) * 4096 * 4096;
        if (growth >= 0)
            QVERIFY2(growth < wholeBuffer / 4, qPrintable(QStringLiteral("peak memory grew by %1 bytes").arg(growth)));
    }

    // An image name that leads to /dev/zero would be read for ever.
    void imageLinkedToADeviceIsRefused()
    {
        QTemporaryDir tmp;
        const QString root = tmp.filePath(QStringLiteral("classes"));
        writeTinyPng(root + QStringLiteral("/a/x.png"));
        writeTinyPng(root + QStringLiteral("/b/y.png"));
        const QString zero = root + QStringLiteral("/b/z.png");
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), zero));
        const QString message = errorOf(root);
        QVERIFY2(message.contains(zero), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("not a regular file")), qPrintable(message));
    }

    // An IDX "file" that is a pipe would block the open for ever.
    void idxPipeIsRefused()
    {
        QTemporaryDir tmp;
        writeFile(tmp.filePath(QStringLiteral("train-images-idx3-ubyte")), idxImages(2, 2, 2));
        const QString labels = tmp.filePath(QStringLiteral("train-labels-idx1-ubyte"));
        QCOMPARE(mkfifo(QFile::encodeName(labels).constData(), 0600), 0);
        const QString message = errorOf(tmp.path());
        QVERIFY2(message.contains(labels), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("not a regular file")), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "test_hostile_inputs.moc"
