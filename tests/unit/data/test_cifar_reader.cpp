#include "common/Error.h"
#include "data/Ingest.h"
#include "unit/data/DataFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;
using namespace fixtures;

namespace {

QByteArray cifarBatch(const std::vector<int> &labels, int firstImage)
{
    QByteArray b;
    for (size_t i = 0; i < labels.size(); ++i) {
        b.append(char(labels[i]));
        for (int c = 0; c < 3; ++c)
            for (int y = 0; y < 32; ++y)
                for (int x = 0; x < 32; ++x)
                    b.append(char(pixel(firstImage + int(i), y, x, c)));
    }
    return b;
}

} // namespace

class TestCifarReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsBatches()
    {
        QTemporaryDir tmp;
        writeFile(tmp.filePath(QStringLiteral("data_batch_1.bin")), cifarBatch({6, 9, 9}, 0));
        writeFile(tmp.filePath(QStringLiteral("data_batch_2.bin")), cifarBatch({4}, 3));
        writeFile(tmp.filePath(QStringLiteral("test_batch.bin")), cifarBatch({3, 8}, 4));
        QCOMPARE(detectFormat(tmp.path()), SourceFormat::Cifar10);
        const Dataset d = ingest(tmp.path());
        QCOMPARE(d.size(), 6);
        QCOMPARE(d.channels, 3);
        QCOMPARE(d.height, 32);
        QCOMPARE(d.count(Subset::Test), 2);
        QCOMPARE(d.labels, std::vector<std::uint8_t>({6, 9, 9, 4, 3, 8}));
        QCOMPARE(d.classNames.size(), 10);
        QCOMPARE(d.classNames[0], QStringLiteral("airplane"));
        QCOMPARE(d.image(3)[2 * 1024 + 31 * 32 + 7], pixel(3, 31, 7, 2));
        QCOMPARE(d.image(5)[0], pixel(5, 0, 0, 0));
    }

    void classNamesFromMetaFile()
    {
        QTemporaryDir tmp;
        QDir(tmp.path()).mkpath(QStringLiteral("cifar-10-batches-bin"));
        const QString folder = tmp.filePath(QStringLiteral("cifar-10-batches-bin"));
        writeFile(folder + QStringLiteral("/data_batch_1.bin"), cifarBatch({0, 1, 2}, 0));
        writeFile(folder + QStringLiteral("/batches.meta.txt"), "red\ngreen\nblue\n\n");
        const Dataset d = ingest(tmp.path()); // the parent folder is found too
        QCOMPARE(d.classNames, QStringList({"red", "green", "blue"}));
    }

    void badBatches_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("short") << cifarBatch({1, 2}, 0).chopped(100) << "length 6046 bytes is not a multiple of the 3073-byte record";
        QTest::newRow("long") << QByteArray(cifarBatch({1}, 0) + "x") << "length 3074 bytes is not a multiple";
        QTest::newRow("label") << cifarBatch({1, 2, 10}, 0) << "label 10 of record 2 (offset 6146) is outside the 10 classes";
    }
    void badBatches()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        writeFile(tmp.filePath(QStringLiteral("data_batch_1.bin")), cifarBatch({1}, 0));
        writeFile(tmp.filePath(QStringLiteral("data_batch_3.bin")), bytes);
        const QString message = errorOf(tmp.path());
        QVERIFY2(message.contains(QStringLiteral("data_batch_3.bin: ") + expected), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestCifarReader)
#include "test_cifar_reader.moc"
