#include "data/SourcePreview.h"
#include "unit/data/DataFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;
using namespace fixtures;

// The import dialog's preview of an IDX source reads its header with the reader's own
// parser: what ingest would refuse shows no images, what it reads shows its first ones.
class TestSourcePreview : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void showsTheFirstImagesOfAnIdxFile_data()
    {
        QTest::addColumn<bool>("gz");
        QTest::newRow("raw") << false;
        QTest::newRow("gzip") << true;
    }
    void showsTheFirstImagesOfAnIdxFile()
    {
        QFETCH(bool, gz);
        QTemporaryDir tmp;
        const QByteArray images = idxImages(12, 4, 5);
        writeFile(tmp.filePath(QStringLiteral("train-images-idx3-ubyte") + (gz ? QStringLiteral(".gz") : QString())),
                  gz ? gzip(images) : images);
        const std::vector<QImage> shown = previewSource(tmp.path(), SourceFormat::Idx, 3);
        QCOMPARE(shown.size(), size_t(3));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(shown[size_t(i)].size(), QSize(5, 4));
            QCOMPARE(qGray(shown[size_t(i)].pixel(2, 1)), int(pixel(i, 1, 2)));
        }
    }

    void showsNothingForAHeaderTheFileCannotBack_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("dimensions past 2^64") << be32(0x00000803) + be32(0x00800000) + be32(0x00200000) + be32(0x00200000);
        QTest::newRow("truncated") << idxImages(12, 4, 5).left(16 + 30);
        QTest::newRow("labels magic") << be32(0x00000801) + be32(1) + be32(1) + be32(1) + QByteArray(1, '\0');
        QTest::newRow("zero rows") << be32(0x00000803) + be32(1) + be32(0) + be32(5);
        QTest::newRow("gzip bomb header") << gzip(be32(0x00000803) + be32(60000) + be32(28) + be32(28));
    }
    void showsNothingForAHeaderTheFileCannotBack()
    {
        QFETCH(QByteArray, bytes);
        QTemporaryDir tmp;
        const QString file = tmp.filePath(QStringLiteral("train-images-idx3-ubyte"));
        writeFile(file, bytes);
        QVERIFY(previewSource(file, SourceFormat::Idx, 8).empty());
    }
};

QTEST_MAIN(TestSourcePreview)
#include "test_source_preview.moc"
