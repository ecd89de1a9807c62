#include "common/Error.h"
#include "common/Log.h"
#include "store/Database.h"
#include "store/DatasetStore.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <limits>

using namespace mlwb;

namespace {

// n tiny 2×3 images in 3 classes; `salt` changes the pixels (and so the id).
Dataset makeDataset(int n, int salt = 0)
{
    Dataset d;
    d.channels = 1;
    d.height = 2;
    d.width = 3;
    d.classNames = {QStringLiteral("zero"), QStringLiteral("one"), QStringLiteral("two")};
    for (int i = 0; i < n; ++i) {
        for (int p = 0; p < 6; ++p)
            d.pixels.push_back(std::uint8_t((i * 7 + p * 13 + salt) & 0xff));
        d.labels.push_back(std::uint8_t(i % 3));
        d.subsets.push_back(std::uint8_t(i % 4 == 0 ? Subset::Test : Subset::Train));
    }
    return d;
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

int datasetRows(const Workspace &ws)
{
    return ws.database().scalar(QStringLiteral("SELECT count(*) FROM datasets")).toInt();
}

} // namespace

class TestDatasetStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { initLogging(LogMode::Test); }

    void savesOnceForTheSameContent()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const DatasetStore store(*ws);
        const Dataset data = makeDataset(40);

        const auto first = store.save(data, QStringLiteral("digits"), QStringLiteral("idx"), QStringLiteral("/src/a"), 0.1, 42);
        QVERIFY(first.created);
        QCOMPARE(first.version.id, data.contentHash());
        QCOMPARE(first.version.trainCount, qint64(30));
        QCOMPARE(first.version.testCount, qint64(10));
        QCOMPARE(first.version.classNames, data.classNames);

        const auto second = store.save(data, QStringLiteral("other name"), QStringLiteral("npz"), QStringLiteral("/src/b"), 0.2, 7);
        QVERIFY(!second.created);
        QCOMPARE(second.version.id, first.version.id);
        QCOMPARE(second.version.name, QStringLiteral("digits")); // the stored version is returned
        QCOMPARE(datasetRows(*ws), 1);
        QCOMPARE(entries(ws->datasetsDir()), QStringList{first.version.id});
        QCOMPARE(entries(ws->datasetDir(first.version.id)),
                 (QStringList{QStringLiteral("images.u8"), QStringLiteral("labels.u8"), QStringLiteral("manifest.json"),
                              QStringLiteral("subsets.u8")}));
    }

    void loadsWhatWasSaved()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const DatasetStore store(*ws);
        const Dataset data = makeDataset(50, 3);
        const quint64 seed = std::numeric_limits<quint64>::max() - 5; // needs all 64 bits
        const auto saved = store.save(data, QStringLiteral("digits"), QStringLiteral("idx"), QStringLiteral("src"), 0.25, seed);

        const DatasetPtr loaded = store.load(saved.version.id, /*verifyContent=*/true);
        QCOMPARE(loaded->channels, data.channels);
        QCOMPARE(loaded->height, data.height);
        QCOMPARE(loaded->width, data.width);
        QCOMPARE(loaded->classNames, data.classNames);
        QVERIFY(loaded->pixels == data.pixels);
        QVERIFY(loaded->labels == data.labels);
        QVERIFY(loaded->subsets == data.subsets);

        const DatasetVersion v = store.require(saved.version.id);
        QCOMPARE(v.splitSeed, seed);
        QCOMPARE(v.validationFraction, 0.25);
        QCOMPARE(v.created, saved.version.created);
        QCOMPARE(v.format, QStringLiteral("idx"));
        QCOMPARE(v.toJson().value(QStringLiteral("splitSeed")).toString(), QString::number(seed));

        // A second workspace object (another process) sees the same.
        const WorkspacePtr again = Workspace::open(dir.path());
        QVERIFY(DatasetStore(*again).load(QStringLiteral("digits"))->pixels == data.pixels);
    }

    void findsByPrefixAndName()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const DatasetStore store(*ws);
        const auto older = store.save(makeDataset(10, 1), QStringLiteral("mnist"), QStringLiteral("idx"), {}, 0.1, 1);
        QTest::qWait(5); // distinct creation times
        const auto newer = store.save(makeDataset(10, 2), QStringLiteral("mnist"), QStringLiteral("idx"), {}, 0.1, 1);
        QVERIFY(older.version.id != newer.version.id);

        QCOMPARE(store.find(QStringLiteral("mnist"))->id, newer.version.id);
        QCOMPARE(store.find(older.version.id.left(6))->id, older.version.id);
        QCOMPARE(store.find(older.version.id.left(10).toUpper())->id, older.version.id);
        QVERIFY(!store.find(older.version.id.left(5))); // too short to be a prefix
        QVERIFY(!store.find(QStringLiteral("nothing")));
        QVERIFY(!store.find(QString()));
        QCOMPARE(store.list().size(), 2);
        QCOMPARE(store.list().first().id, newer.version.id);

        try {
            store.load(QStringLiteral("nothing"));
            QFAIL("loaded a data set that does not exist");
        } catch (const UsageError &e) {
            QVERIFY(e.message().contains(QStringLiteral("\"nothing\"")));
        }

        // Two ids sharing a prefix: ambiguous.
        for (const char *id : {"abcdef0000", "abcdef1111"})
            ws->database().exec(QStringLiteral("INSERT INTO datasets VALUES(?, 'x', 'idx', '', '2024-01-01T00:00:00.000Z', "
                                               "1, 1, 1, '[\"a\"]', 1, 0, 0.1, 1)"),
                                {QString::fromLatin1(id)});
        QVERIFY_THROWS_EXCEPTION(UsageError, store.find(QStringLiteral("abcdef")));
        QCOMPARE(store.find(QStringLiteral("abcdef1"))->id, QStringLiteral("abcdef1111"));
    }

    void damagedFilesAreReported_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content"); // empty: delete the file
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated images") << "images.u8" << QByteArray(17, 0) << "is 17 bytes but the manifest says";
        QTest::newRow("longer labels") << "labels.u8" << QByteArray(41, 1) << "is 41 bytes but the manifest says 40";
        QTest::newRow("missing subsets") << "subsets.u8" << QByteArray() << "missing";
        QTest::newRow("bad manifest") << "manifest.json" << QByteArray("{ not json") << "not a valid manifest";
        QTest::newRow("label outside classes") << "labels.u8" << QByteArray(40, 9) << "outside the 3 classes";
        QTest::newRow("unknown subset") << "subsets.u8" << QByteArray(40, 5) << "unknown subset 5";
    }
    // Found by fuzz_manifest: a size of 1e300 was converted to qint64 as it was (undefined).
    void absurdManifestSizeIsDamage()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const DatasetStore store(*ws);
        const auto saved = store.save(makeDataset(40), QStringLiteral("d"), QStringLiteral("idx"), {}, 0.1, 1);
        QFile f(ws->datasetDir(saved.version.id) + QStringLiteral("/manifest.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject manifest = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonObject files = manifest[QStringLiteral("files")].toObject();
        QVERIFY(files.contains(QStringLiteral("images.u8")));
        files[QStringLiteral("images.u8")] = 1e300;
        manifest[QStringLiteral("files")] = files;
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(manifest).toJson());
        f.close();
        try {
            store.load(saved.version.id);
            QFAIL("damaged data set loaded");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("images.u8")), qPrintable(e.message()));
        }
    }

    void damagedFilesAreReported()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const DatasetStore store(*ws);
        const auto saved = store.save(makeDataset(40), QStringLiteral("d"), QStringLiteral("idx"), {}, 0.1, 1);
        const QString path = ws->datasetDir(saved.version.id) + u'/' + file;
        QFile f(path);
        if (content.isEmpty()) {
            QVERIFY(f.remove());
        } else {
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(content);
            f.close();
        }
        try {
            store.load(saved.version.id);
            QFAIL("damaged data set loaded");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
            QVERIFY2(e.message().contains(ws->datasetDir(saved.version.id)), qPrintable(e.message()));
        }
    }

    void flippedByteNeedsTheContentCheck()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const DatasetStore store(*ws);
        const auto saved = store.save(makeDataset(40), QStringLiteral("d"), QStringLiteral("idx"), {}, 0.1, 1);
        QFile f(ws->datasetDir(saved.version.id) + QStringLiteral("/images.u8"));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(100);
        f.write("\xff");
        f.close();
        QVERIFY(store.load(saved.version.id)); // sizes still match
        QVERIFY_THROWS_EXCEPTION(Error, store.load(saved.version.id, /*verifyContent=*/true));
    }

    void failedSaveLeavesNothing()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const DatasetStore store(*ws);

        Dataset bad = makeDataset(10);
        bad.labels[3] = 7; // no class 7
        QVERIFY_THROWS_EXCEPTION(Error, store.save(bad, QStringLiteral("bad"), QStringLiteral("idx"), {}, 0.1, 1));
        QVERIFY_THROWS_EXCEPTION(UsageError, store.save(makeDataset(10), QStringLiteral("bad"), QStringLiteral("idx"), {}, 1.0, 1));
        QVERIFY_THROWS_EXCEPTION(UsageError, store.save(makeDataset(10), QStringLiteral(" "), QStringLiteral("idx"), {}, 0.1, 1));
        QCOMPARE(datasetRows(*ws), 0);
        QVERIFY(entries(ws->datasetsDir()).isEmpty());

        // The row cannot be inserted (a trigger on this thread's connection refuses it): the
        // folder written before must go too.
        ws->database().exec(QStringLiteral("CREATE TEMP TRIGGER refuse BEFORE INSERT ON datasets "
                                           "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"));
        try {
            store.save(makeDataset(10), QStringLiteral("x"), QStringLiteral("idx"), {}, 0.1, 1);
            QFAIL("saved despite the trigger");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("refused by the test")), qPrintable(e.message()));
        }
        QCOMPARE(datasetRows(*ws), 0);
        QVERIFY(entries(ws->datasetsDir()).isEmpty());
        ws->database().exec(QStringLiteral("DROP TRIGGER temp.refuse"));
    }

    void reusesAnIntactFolderWithoutARow()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const DatasetStore store(*ws);
        const Dataset data = makeDataset(12);
        const auto saved = store.save(data, QStringLiteral("d"), QStringLiteral("idx"), {}, 0.1, 1);
        // A process that died between the folder rename and the insert leaves this state.
        ws->database().exec(QStringLiteral("DELETE FROM datasets"));
        const auto again = store.save(data, QStringLiteral("d"), QStringLiteral("idx"), {}, 0.1, 1);
        QVERIFY(again.created);
        QCOMPARE(again.version.id, saved.version.id);
        QVERIFY(store.load(QStringLiteral("d"), true)->labels == data.labels);

        // A damaged leftover folder is replaced.
        ws->database().exec(QStringLiteral("DELETE FROM datasets"));
        QFile::remove(ws->datasetDir(saved.version.id) + QStringLiteral("/labels.u8"));
        QVERIFY(store.save(data, QStringLiteral("d"), QStringLiteral("idx"), {}, 0.1, 1).created);
        QVERIFY(store.load(QStringLiteral("d"), true)->labels == data.labels);
        QCOMPARE(entries(ws->datasetsDir()), QStringList{saved.version.id});
    }

    void loadsAnMnistSizedSetQuickly()
    {
        QTemporaryDir dir;
        const WorkspacePtr ws = Workspace::open(dir.path());
        const DatasetStore store(*ws);
        Dataset big;
        big.classNames = {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                          QStringLiteral("4"), QStringLiteral("5"), QStringLiteral("6"), QStringLiteral("7"),
                          QStringLiteral("8"), QStringLiteral("9")};
        const int n = 70000;
        big.pixels.resize(size_t(n) * 784);
        for (size_t i = 0; i < big.pixels.size(); ++i)
            big.pixels[i] = std::uint8_t(i * 2654435761u >> 24);
        for (int i = 0; i < n; ++i) {
            big.labels.push_back(std::uint8_t(i % 10));
            big.subsets.push_back(std::uint8_t(i < 60000 ? Subset::Train : Subset::Test));
        }
        const auto saved = store.save(big, QStringLiteral("mnist"), QStringLiteral("idx"), {}, 1.0 / 12, 1);
        QElapsedTimer timer;
        timer.start();
        const DatasetPtr loaded = store.load(QStringLiteral("mnist"));
        const qint64 ms = timer.elapsed();
        qInfo("loaded 70000 28×28 images in %lld ms", ms);
        QCOMPARE(loaded->size(), qsizetype(n));
        QVERIFY(loaded->pixels == big.pixels);
        QVERIFY2(ms < 2000, qPrintable(QString::number(ms)));
    }
};

QTEST_GUILESS_MAIN(TestDatasetStore)
#include "test_dataset_store.moc"
