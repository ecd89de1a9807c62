#include "common/Error.h"
#include "data/Ingest.h"
#include "unit/data/DataFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;
using namespace fixtures;

class TestIngestFormats : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void namesRoundTrip()
    {
        for (SourceFormat f : {SourceFormat::Auto, SourceFormat::Idx, SourceFormat::Npz, SourceFormat::PngCsv,
                               SourceFormat::ClassFolders, SourceFormat::Cifar10})
            QCOMPARE(parseFormat(formatName(f)), f);
        QCOMPARE(formatName(SourceFormat::PngCsv), QStringLiteral("png-csv"));
        QCOMPARE(parseFormat(QStringLiteral("CIFAR10")), SourceFormat::Cifar10);
        try {
            parseFormat(QStringLiteral("jpeg-folder"));
            QFAIL("no UsageError");
        } catch (const UsageError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("jpeg-folder")) && e.message().contains(QStringLiteral("idx, npz, png-csv, class-folders, cifar10")),
                     qPrintable(e.message()));
        }
    }

    void detectsEachLayout_data()
    {
        QTest::addColumn<QString>("file");      // written under the temporary folder
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("path");      // what detectFormat is given, relative
        QTest::addColumn<int>("format");
        QTest::newRow("idx folder, gz") << "train-images-idx3-ubyte.gz" << gzip(idxImages(1, 2, 2)) << "." << int(SourceFormat::Idx);
        QTest::newRow("idx file, odd name") << "digits.bin" << idxImages(1, 2, 2) << "digits.bin" << int(SourceFormat::Idx);
        QTest::newRow("npz by name") << "mnist.npz" << QByteArray("x") << "mnist.npz" << int(SourceFormat::Npz);
        QTest::newRow("zip by magic") << "data.bin" << zipArchive({}) << "data.bin" << int(SourceFormat::Npz);
        QTest::newRow("cifar") << "test_batch.bin" << QByteArray(3073, '\0') << "." << int(SourceFormat::Cifar10);
        QTest::newRow("png-csv flat") << "groundtruth.csv" << QByteArray("a.png,1\n") << "." << int(SourceFormat::PngCsv);
        QTest::newRow("png-csv split") << "train/groundtruth.csv" << QByteArray("a.png,1\n") << "." << int(SourceFormat::PngCsv);
    }
    void detectsEachLayout()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, path);
        QFETCH(int, format);
        QTemporaryDir tmp;
        writeFile(tmp.filePath(file), bytes);
        QCOMPARE(int(detectFormat(QDir(tmp.path()).filePath(path))), format);
    }

    void undetectableNamed_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty folder") << "" << "the folder is empty";
        QTest::newRow("unrelated folder") << "notes.txt" << "no IDX files, CIFAR-10 batches, groundtruth.csv";
        QTest::newRow("unrelated file") << "@notes.txt" << "cannot tell the data set format of this file";
        QTest::newRow("missing") << "@nothing-here" << "no such file or folder";
    }
    void undetectableNamed()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        QString path = tmp.path();
        if (file.startsWith(u'@')) {
            path = tmp.filePath(file.mid(1));
            if (file != QLatin1String("@nothing-here"))
                writeFile(path, "hello");
        } else if (!file.isEmpty()) {
            writeFile(tmp.filePath(file), "hello");
        }
        try {
            detectFormat(path);
            QFAIL("no Error");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(path) && e.message().contains(expected), qPrintable(e.message()));
        }
        QVERIFY_THROWS_EXCEPTION(Error, ingest(path));
    }

    void badOptionsRefused_data()
    {
        QTest::addColumn<double>("testFraction");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("fraction 1") << 1.0 << 0 << 0;
        QTest::newRow("negative fraction") << -0.5 << 0 << 0;
        QTest::newRow("width only") << 0.2 << 28 << 0;
    }
    void badOptionsRefused()
    {
        QFETCH(double, testFraction);
        QFETCH(int, width);
        QFETCH(int, height);
        IngestOptions options;
        options.testFraction = testFraction;
        options.width = width;
        options.height = height;
        QVERIFY_THROWS_EXCEPTION(UsageError, ingest(QStringLiteral("/nonexistent"), options));
    }

    void fixedSizeResizesRawFormats()
    {
        QTemporaryDir tmp;
        writeFile(tmp.filePath(QStringLiteral("train-images-idx3-ubyte")), idxImages(2, 4, 4));
        writeFile(tmp.filePath(QStringLiteral("train-labels-idx1-ubyte")), idxLabels({1, 2}));
        IngestOptions options;
        options.width = options.height = 2;
        try {
            ingest(tmp.path(), options);
            QFAIL("no Error");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("images are 4×4, expected 2×2")), qPrintable(e.message()));
        }
        options.resize = true;
        const Dataset d = ingest(tmp.path(), options);
        QCOMPARE(d.width, 2);
        const int mean = (pixel(1, 0, 0) + pixel(1, 0, 1) + pixel(1, 1, 0) + pixel(1, 1, 1)) / 4;
        QVERIFY(std::abs(int(d.image(1)[0]) - mean) <= 1);
    }
};

QTEST_GUILESS_MAIN(TestIngestFormats)
#include "test_ingest_formats.moc"
