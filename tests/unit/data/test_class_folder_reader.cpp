#include "common/Error.h"
#include "data/Ingest.h"
#include "unit/data/DataFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;
using namespace fixtures;

namespace {

// `perClass` 4×4 grey PNGs in folder/<class>/, numbered from `first`.
int writeClasses(const QString &folder, const QStringList &classes, int perClass, int first = 0)
{
    for (const QString &c : classes)
        for (int k = 0; k < perClass; ++k, ++first)
            writePng(QStringLiteral("%1/%2/%3.png").arg(folder, c).arg(k, 3, 10, QLatin1Char('0')), patternImage(first, 4, 4));
    return first;
}

} // namespace

class TestClassFolderReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void flatTreeGetsDeterministicTestShare()
    {
        QTemporaryDir tmp;
        writeClasses(tmp.path(), {QStringLiteral("dog"), QStringLiteral("cat"), QStringLiteral("bird")}, 10);
        writeFile(tmp.filePath(QStringLiteral("cat/notes.txt")), "not an image: ignored");
        QCOMPARE(detectFormat(tmp.path()), SourceFormat::ClassFolders);
        IngestOptions options;
        options.seed = 42;
        const Dataset a = ingest(tmp.path(), options);
        QCOMPARE(a.classNames, QStringList({"bird", "cat", "dog"}));
        QCOMPARE(a.size(), 30);
        QCOMPARE(a.classCounts(Subset::Test), std::vector<qint64>({2, 2, 2}));
        // bird's images come first, in name order: bird was written third (images 20..29).
        QCOMPARE(int(a.labels[0]), 0);
        QCOMPARE(a.image(0)[5], pixel(20, 1, 1));
        QCOMPARE(a.image(10)[5], pixel(10, 1, 1));

        const Dataset b = ingest(tmp.path(), options);
        QCOMPARE(b.subsets, a.subsets);
        QCOMPARE(b.contentHash(), a.contentHash());
        options.seed = 43;
        QVERIFY(ingest(tmp.path(), options).subsets != a.subsets);
        options.testFraction = 0.5;
        QCOMPARE(ingest(tmp.path(), options).count(Subset::Test), 15);
    }

    void splitTree()
    {
        QTemporaryDir tmp;
        const int next = writeClasses(tmp.filePath(QStringLiteral("train")), {QStringLiteral("a"), QStringLiteral("b")}, 3);
        writeClasses(tmp.filePath(QStringLiteral("test")), {QStringLiteral("b")}, 2, next);
        const Dataset d = ingest(tmp.path());
        QCOMPARE(d.classNames, QStringList({"a", "b"}));
        QCOMPARE(d.count(Subset::Train), 6);
        QCOMPARE(d.count(Subset::Test), 2);
        QCOMPARE(d.subset(6), Subset::Test);
        QCOMPARE(int(d.labels[6]), 1);
        QCOMPARE(d.image(7)[0], pixel(7, 0, 0));
    }

    void callerClassNames()
    {
        QTemporaryDir tmp;
        writeClasses(tmp.path(), {QStringLiteral("3"), QStringLiteral("7")}, 2);
        IngestOptions options;
        options.classNames = QStringList{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
        const Dataset d = ingest(tmp.path(), options);
        QCOMPARE(d.labels, std::vector<std::uint8_t>({3, 3, 7, 7}));
        options.classNames = QStringList{"3", "4"};
        const QString message = errorOf(tmp.path(), options);
        QVERIFY2(message.contains(QStringLiteral("/7: folder is not one of the classes (3, 4)")), qPrintable(message));
    }

    void emptyTreesRefused_data()
    {
        QTest::addColumn<QStringList>("folders");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty folder") << QStringList() << "empty: no class folders";
        QTest::newRow("empty class folders") << QStringList{"a", "b"} << "empty: its class folders (a, b) hold no images";
    }
    void emptyTreesRefused()
    {
        QFETCH(QStringList, folders);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        for (const QString &f : folders)
            QDir(tmp.path()).mkpath(f);
        IngestOptions options;
        options.format = SourceFormat::ClassFolders;
        const QString message = errorOf(tmp.path(), options);
        QVERIFY2(message.contains(tmp.path()) && message.contains(expected), qPrintable(message));
    }

    void progressPerPercentAndCancel()
    {
        QTemporaryDir tmp;
        writeClasses(tmp.path(), {QStringLiteral("a"), QStringLiteral("b")}, 150);
        IngestOptions options;
        options.threads = 2;
        int calls = 0;
        qint64 last = -1;
        options.progress = [&](qint64 done, qint64 total) {
            QCOMPARE(total, 300);
            QVERIFY(done >= last);
            last = done;
            ++calls;
        };
        ingest(tmp.path(), options);
        QCOMPARE(last, 300);
        QVERIFY2(calls >= 50 && calls <= 102, qPrintable(QString::number(calls)));

        CancelFlag cancel;
        options.cancel = &cancel;
        options.progress = [&](qint64 done, qint64) {
            if (done >= 30)
                cancel.cancel();
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled, ingest(tmp.path(), options));
    }

    void notAnImageNamed()
    {
        QTemporaryDir tmp;
        writeClasses(tmp.path(), {QStringLiteral("a"), QStringLiteral("b")}, 40);
        writeFile(tmp.filePath(QStringLiteral("b/007.png")), QByteArray("\x89PNG\r\n\x1a\n but then garbage", 26));
        writeFile(tmp.filePath(QStringLiteral("b/031.png")), "");
        IngestOptions options;
        options.threads = 3;
        // The first broken file in reading order is named, whatever thread found it first.
        for (int i = 0; i < 3; ++i) {
            const QString message = errorOf(tmp.path(), options);
            QVERIFY2(message.contains(QStringLiteral("b/007.png: not an image")), qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestClassFolderReader)
#include "test_class_folder_reader.moc"
