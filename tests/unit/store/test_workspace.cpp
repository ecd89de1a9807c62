#include "common/Error.h"
#include "common/Log.h"
#include "common/AtomicFolder.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every name in dir (hidden ones too), sorted.
QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        initLogging(LogMode::Test);
    }
    void cleanup() { qunsetenv("MLWB_WORKSPACE"); }

    void resolvesExplicitThenEnvironmentThenDefault()
    {
        QTemporaryDir a, b;
        qputenv("MLWB_WORKSPACE", b.path().toLocal8Bit());
        QCOMPARE(Workspace::resolvePath(a.path()), a.path());
        QCOMPARE(Workspace::resolvePath(), b.path());
        qunsetenv("MLWB_WORKSPACE");
        const QString expected =
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/workspace");
        QCOMPARE(Workspace::resolvePath(), QDir::cleanPath(expected));
        QVERIFY(QDir::isAbsolutePath(Workspace::resolvePath(QStringLiteral("relative/ws"))));
        QCOMPARE(Workspace::resolvePath(QStringLiteral("relative/ws")), QDir::current().absoluteFilePath(QStringLiteral("relative/ws")));
    }

    void openCreatesTheLayout()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("new/ws"));
        const WorkspacePtr ws = Workspace::open(root);
        QCOMPARE(ws->root(), root);
        for (const QString &sub : {ws->datasetsDir(), ws->runsDir(), ws->modelsDir(), ws->productionSamplesDir(),
                                   ws->logsDir()})
            QVERIFY2(QFileInfo(sub).isDir(), qPrintable(sub));
        QVERIFY(QFileInfo(ws->databasePath()).isFile());
        QCOMPARE(ws->productionSamplesDir(), root + QStringLiteral("/production/samples"));
        QCOMPARE(ws->runDir(12), root + QStringLiteral("/runs/12"));
        QCOMPARE(ws->modelDir(3), root + QStringLiteral("/models/3"));
        QCOMPARE(Workspace::modelRelativePath(3), QStringLiteral("models/3"));
        QCOMPARE(ws->absolute(QStringLiteral("models/3")), ws->modelDir(3));
        QCOMPARE(ws->datasetDir(QStringLiteral("abc")), root + QStringLiteral("/datasets/abc"));
    }

    // A writer killed mid-write leaves its hidden temporary folder; the next start removes it.
    void openRemovesWhatAKilledWriterLeft()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("ws"));
        Workspace::open(root);
        const QString leftDataset = root + QStringLiteral("/datasets/.abc.partial-x1y2");
        const QString leftModel = root + QStringLiteral("/models/.7.partial-zz9");
        const QString kept = root + QStringLiteral("/models/7");
        for (const QString &folder : {leftDataset, leftModel, kept}) {
            QVERIFY(QDir().mkpath(folder));
            QFile file(folder + QStringLiteral("/weights.pt"));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        Workspace::open(root);
        QVERIFY(!QFileInfo::exists(leftDataset));
        QVERIFY(!QFileInfo::exists(leftModel));
        QVERIFY(QFileInfo::exists(kept + QStringLiteral("/weights.pt")));
    }

    void openRefusesAFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("plain"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        try {
            Workspace::open(file);
            QFAIL("opened a file as a workspace");
        } catch (const Error &e) {
            QVERIFY2(e.message().startsWith(file), qPrintable(e.message()));
        }
    }

    void writesFilesAtomically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("deep/er/file.json"));
        writeFileAtomically(path, QByteArray("first"));
        QCOMPARE(readAll(path), QByteArray("first"));
        writeFileAtomically(path, QByteArray("second, longer"));
        QCOMPARE(readAll(path), QByteArray("second, longer"));
        QCOMPARE(entries(dir.filePath(QStringLiteral("deep/er"))), QStringList{QStringLiteral("file.json")});
        // A folder where the file should go: an error naming the path.
        QDir().mkpath(dir.filePath(QStringLiteral("taken")));
        try {
            writeFileAtomically(dir.filePath(QStringLiteral("taken")), QByteArray("x"));
            QFAIL("wrote over a folder");
        } catch (const Error &e) {
            QVERIFY(e.message().contains(dir.filePath(QStringLiteral("taken"))));
        }
    }

    void writesFoldersAtomically()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("out"));
        writeDirectoryAtomically(target, [](const QString &partial) {
            QVERIFY(partial.contains(QStringLiteral(".partial-")));
            writeFileAtomically(partial + QStringLiteral("/a.txt"), QByteArray("A"));
        });
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("out")});
        QCOMPARE(readAll(target + QStringLiteral("/a.txt")), QByteArray("A"));

        // Existing and not replaced: error, untouched.
        QVERIFY_THROWS_EXCEPTION(Error, writeDirectoryAtomically(target, [](const QString &) {}));
        QCOMPARE(readAll(target + QStringLiteral("/a.txt")), QByteArray("A"));

        // Replaced: new content only, nothing left aside.
        writeDirectoryAtomically(
            target, [](const QString &partial) { writeFileAtomically(partial + QStringLiteral("/b.txt"), "B"); },
            /*replaceExisting=*/true);
        QCOMPARE(entries(target), QStringList{QStringLiteral("b.txt")});
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("out")});
    }

    void failedFolderLeavesNothing()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("out"));
        QVERIFY_THROWS_EXCEPTION(Error, writeDirectoryAtomically(target, [](const QString &partial) {
            writeFileAtomically(partial + QStringLiteral("/half.bin"), QByteArray(1000, 'x'));
            throw Error(QStringLiteral("disk on fire"));
        }));
        QVERIFY(entries(dir.path()).isEmpty());

        // A failed replacement keeps the old folder.
        writeDirectoryAtomically(target, [](const QString &p) { writeFileAtomically(p + QStringLiteral("/old"), "o"); });
        QVERIFY_THROWS_EXCEPTION(Error, writeDirectoryAtomically(
                                            target, [](const QString &) { throw Error(QStringLiteral("no")); }, true));
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("out")});
        QCOMPARE(entries(target), QStringList{QStringLiteral("old")});
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "test_workspace.moc"
