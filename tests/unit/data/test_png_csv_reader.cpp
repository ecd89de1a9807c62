#include "common/Error.h"
#include "data/Ingest.h"
#include "unit/data/DataFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;
using namespace fixtures;

namespace {

// root/train: 6 images (labels 0,1,2,0,1,2), root/test: 3 images (2,1,0); all 6×5 (W×H).
void writePngCsvTree(const QString &root, bool header, bool namedLabels, bool colour = false)
{
    const QStringList names = {QStringLiteral("zero"), QStringLiteral("one"), QStringLiteral("two")};
    int image = 0;
    for (const QString &part : {QStringLiteral("train"), QStringLiteral("test")}) {
        QString csv = header ? QStringLiteral("file name,label\n") : QString();
        const int n = part == QLatin1String("train") ? 6 : 3;
        for (int k = 0; k < n; ++k, ++image) {
            const int label = part == QLatin1String("train") ? k % 3 : 2 - k;
            const QString file = QStringLiteral("img_%1.png").arg(k);
            writePng(root + u'/' + part + u'/' + file, patternImage(image, 6, 5, colour));
            csv += file + u',' + (namedLabels ? names[label] : QString::number(label)) + QStringLiteral("\r\n");
        }
        writeFile(root + u'/' + part + QStringLiteral("/groundtruth.csv"), csv.toUtf8());
    }
}

} // namespace

class TestPngCsvReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsTrainAndTest_data()
    {
        QTest::addColumn<bool>("header");
        QTest::addColumn<bool>("namedLabels");
        QTest::newRow("numbers") << false << false;
        QTest::newRow("header + numbers") << true << false;
        QTest::newRow("header + names") << true << true;
    }
    void readsTrainAndTest()
    {
        QFETCH(bool, header);
        QFETCH(bool, namedLabels);
        QTemporaryDir tmp;
        writePngCsvTree(tmp.path(), header, namedLabels);
        QCOMPARE(detectFormat(tmp.path()), SourceFormat::PngCsv);
        IngestOptions options;
        options.threads = 2;
        const Dataset d = ingest(tmp.path(), options);
        QCOMPARE(d.size(), 9);
        QCOMPARE(d.channels, 1);
        QCOMPARE(d.width, 6);
        QCOMPARE(d.height, 5);
        QCOMPARE(d.count(Subset::Test), 3);
        // Names are sorted: one, two, zero.
        const QStringList expectedClasses = namedLabels ? QStringList{"one", "two", "zero"} : QStringList{"0", "1", "2"};
        QCOMPARE(d.classNames, expectedClasses);
        QCOMPARE(d.classNames[d.labels[1]], expectedClasses[namedLabels ? 0 : 1]);
        QCOMPARE(d.classNames[d.labels[6]], expectedClasses[namedLabels ? 1 : 2]);
        for (int i : {0, 4, 8})
            QCOMPARE(d.image(i)[3 * 6 + 2], pixel(i, 3, 2));
    }

    void colourFromFirstImage()
    {
        QTemporaryDir tmp;
        writePngCsvTree(tmp.path(), false, false, true);
        const Dataset d = ingest(tmp.path());
        QCOMPARE(d.channels, 3);
        for (int c = 0; c < 3; ++c) // R, G, B planes
            QCOMPARE(d.image(2)[c * 30 + 4 * 6 + 5], pixel(2, 4, 5, c));
    }

    void callerClassNamesMapNumbersAndNames()
    {
        QTemporaryDir tmp;
        writePngCsvTree(tmp.path(), true, true);
        IngestOptions options;
        options.classNames = QStringList{"zero", "one", "two", "three"};
        const Dataset d = ingest(tmp.path(), options);
        QCOMPARE(d.classNames, options.classNames);
        QCOMPARE(int(d.labels[2]), 2);
        options.classNames = QStringList{"zero", "one"};
        const QString message = errorOf(tmp.path(), options);
        QVERIFY2(message.contains(QStringLiteral("line 4: unknown class \"two\"")), qPrintable(message));
    }

    void badTrees_data()
    {
        QTest::addColumn<QString>("csv");         // train/groundtruth.csv, or empty to keep it
        QTest::addColumn<QString>("brokenImage"); // a train/ file to overwrite with junk
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing file") << "img_0.png,0\nimg_1.png,1\nnope.png,2\n" << ""
                                      << "train/groundtruth.csv: line 3: file \"nope.png\" does not exist";
        QTest::newRow("no label") << "img_0.png,0\nimg_1.png\n" << "" << "train/groundtruth.csv: line 2: row has no label";
        QTest::newRow("empty label") << "file,label\nimg_0.png,\n" << "" << "train/groundtruth.csv: line 2: row has no label";
        QTest::newRow("no rows") << "file,label\n\n" << "" << "train/groundtruth.csv: lists no images";
        QTest::newRow("not an image") << "" << "img_4.png" << "train/img_4.png: not an image";
    }
    void badTrees()
    {
        QFETCH(QString, csv);
        QFETCH(QString, brokenImage);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        writePngCsvTree(tmp.path(), false, false);
        if (!csv.isEmpty())
            writeFile(tmp.filePath(QStringLiteral("train/groundtruth.csv")), csv.toUtf8());
        if (!brokenImage.isEmpty())
            writeFile(tmp.filePath(QStringLiteral("train/") + brokenImage), "this is text, not a PNG");
        const QString message = errorOf(tmp.path());
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void emptyFolderRefused()
    {
        QTemporaryDir tmp;
        IngestOptions options;
        options.format = SourceFormat::PngCsv;
        QString message = errorOf(tmp.path(), options);
        QVERIFY2(message.contains(tmp.path()) && message.contains(QStringLiteral("no groundtruth.csv")), qPrintable(message));
        message = errorOf(tmp.path()); // auto-detection says the folder is empty
        QVERIFY2(message.contains(QStringLiteral("the folder is empty")), qPrintable(message));
    }

    void wrongSizeRefusedOrResized()
    {
        QTemporaryDir tmp;
        writePngCsvTree(tmp.path(), false, false);
        writePng(tmp.filePath(QStringLiteral("test/img_1.png")), patternImage(0, 12, 10));
        QString message = errorOf(tmp.path());
        QVERIFY2(message.contains(QStringLiteral("test/img_1.png: image is 12×10, but the data set's images are 6×5")),
                 qPrintable(message));

        IngestOptions options;
        options.resize = true;
        const Dataset d = ingest(tmp.path(), options);
        QCOMPARE(d.width, 6);
        QCOMPARE(d.height, 5);
        // Area resizing by 2 averages 2×2 blocks.
        const auto big = patternImage(0, 12, 10);
        const int expected = (big.pixel(4, 2) & 0xff) + (big.pixel(5, 2) & 0xff) + (big.pixel(4, 3) & 0xff) + (big.pixel(5, 3) & 0xff);
        QVERIFY(std::abs(int(d.image(7)[1 * 6 + 2]) - expected / 4.0) <= 1);

        // A size asked for: every image must have it, or be resized to it.
        options.resize = false;
        options.width = 12;
        options.height = 10;
        message = errorOf(tmp.path(), options);
        QVERIFY2(message.contains(QStringLiteral("train/img_0.png: image is 6×5, but the data set's images are 12×10 (the size asked for)")),
                 qPrintable(message));
        options.resize = true;
        QCOMPARE(ingest(tmp.path(), options).width, 12);
    }

    void flatFolderGetsTestShare()
    {
        QTemporaryDir tmp;
        writePngCsvTree(tmp.path(), true, false);
        const QString train = tmp.filePath(QStringLiteral("train"));
        IngestOptions options;
        options.testFraction = 0.34; // one of the two images of each class
        options.seed = 5;
        const Dataset a = ingest(train, options), b = ingest(train, options);
        QCOMPARE(a.count(Subset::Test), 3);
        QCOMPARE(a.subsets, b.subsets);
        for (qint64 n : a.classCounts(Subset::Test))
            QCOMPARE(n, 1);
    }
};

QTEST_GUILESS_MAIN(TestPngCsvReader)
#include "test_png_csv_reader.moc"
