// The one atomic folder writer: hidden, locked temporary siblings; a commit that swaps them in
// whole; the leftovers of a killed writer removed by the next one, a live writer's never.
#include "common/AtomicFolder.h"
#include "common/Error.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace mlwb;

namespace {

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Whether another open file description holds the folder's flock.
bool lockedElsewhere(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool locked = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    ::close(fd); // releases ours, if we got it
    return locked;
}

} // namespace

class TestAtomicFolder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void buildsInAHiddenSiblingAndCommitsWhole()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("model"));
        {
            AtomicFolder folder(target);
            const QString name = QFileInfo(folder.path()).fileName();
            QVERIFY2(name.startsWith(QStringLiteral(".model.partial-")), qPrintable(name));
            QVERIFY(isTemporaryFolderName(name));
            QCOMPARE(QFileInfo(folder.path()).absolutePath(), dir.path()); // a sibling: one rename
            writeFileAtomically(folder.path() + QStringLiteral("/weights.pt"), QByteArray("w1"));
            QVERIFY(!QFileInfo::exists(target)); // nothing visible before the commit
            folder.commit();
        }
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("model")});
        QCOMPARE(readAll(target + QStringLiteral("/weights.pt")), QByteArray("w1"));

        // Replacing swaps the whole folder: no old file stays, nothing is left beside it.
        {
            AtomicFolder folder(target);
            writeFileAtomically(folder.path() + QStringLiteral("/model.json"), QByteArray("{}"));
            QVERIFY_THROWS_EXCEPTION(Error, folder.commit()); // exists, not replacing: an error
        }
        QCOMPARE(entries(target), QStringList{QStringLiteral("weights.pt")});
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("model")});
        writeDirectoryAtomically(
            target, [](const QString &p) { writeFileAtomically(p + QStringLiteral("/model.json"), QByteArray("{}")); },
            /*replaceExisting=*/true);
        QCOMPARE(entries(target), QStringList{QStringLiteral("model.json")});
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("model")});
    }

    void uncommittedFolderIsRemoved()
    {
        QTemporaryDir dir;
        {
            AtomicFolder folder(dir.filePath(QStringLiteral("data")));
            writeFileAtomically(folder.path() + QStringLiteral("/half.bin"), QByteArray(100, 'x'));
        }
        QVERIFY(entries(dir.path()).isEmpty());
    }

    // The registry renames a staged folder into models/<id> itself: the writer must not
    // remove it afterwards, nor may anyone else take it for dead before.
    void callerMovesTheFolderIntoPlace()
    {
        QTemporaryDir dir;
        const QString moved = dir.filePath(QStringLiteral("7"));
        {
            AtomicFolder staging(dir.filePath(QStringLiteral("import")));
            writeFileAtomically(staging.path() + QStringLiteral("/imported.pt"), QByteArray("ts"));
            staging.sync();
            QCOMPARE(removeDeadTemporaryFolders(dir.path()), 0); // held: alive
            QVERIFY(QFileInfo::exists(staging.path()));
            QVERIFY(QDir().rename(staging.path(), moved));
        }
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("7")});
        QCOMPARE(readAll(moved + QStringLiteral("/imported.pt")), QByteArray("ts"));
    }

    // A killed writer leaves its temporary folder unlocked: the next writer in the same parent
    // removes it, and leaves a live writer's alone.
    void killedWritersLeftoversAreRemovedByTheNext()
    {
        QTemporaryDir dir;
        const QString dead = dir.filePath(QStringLiteral(".set.partial-dead1"));
        QVERIFY(QDir().mkpath(dead + QStringLiteral("/sub")));
        QVERIFY(QFile(dead + QStringLiteral("/sub/images.u8")).open(QIODevice::WriteOnly));
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("keep.partial-notours")))); // not hidden: not ours

        AtomicFolder live(dir.filePath(QStringLiteral("other")));
        AtomicFolder next(dir.filePath(QStringLiteral("set")));
        QVERIFY(!QFileInfo::exists(dead));
        QVERIFY(QFileInfo::exists(live.path()));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("keep.partial-notours"))));
    }

    void killedProcessReleasesItsFolder()
    {
        // `flock -o` holds a folder's lock for as long as its command runs, as a writer does;
        // killing it must make the folder removable. Its command says when it runs: until then
        // the forked child may still hold a copy of the lock's descriptor, and a kill before
        // that would leave the lock with the child.
        if (QStandardPaths::findExecutable(QStringLiteral("flock")).isEmpty())
            QSKIP("no flock(1) to hold a lock from another process");
        QTemporaryDir dir;
        const QString held = dir.filePath(QStringLiteral(".model.partial-held1"));
        QVERIFY(QDir().mkpath(held));
        QProcess holder;
        holder.start(QStringLiteral("flock"), {QStringLiteral("-o"), held, QStringLiteral("sh"), QStringLiteral("-c"),
                                               QStringLiteral("echo running; exec sleep 10")});
        QVERIFY(holder.waitForStarted());
        QByteArray said;
        while (!said.contains("running") && holder.waitForReadyRead(30000))
            said += holder.readAllStandardOutput();
        QVERIFY2(said.contains("running"), said.constData());
        QVERIFY(lockedElsewhere(held));
        QCOMPARE(removeDeadTemporaryFolders(dir.path()), 0);
        QVERIFY(QFileInfo::exists(held));
        ::kill(pid_t(holder.processId()), SIGKILL);
        QVERIFY(holder.waitForFinished());
        QCOMPARE(removeDeadTemporaryFolders(dir.path()), 1);
        QVERIFY(!QFileInfo::exists(held));
    }

    void fileWriterStillAtomic()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a/b/c.json"));
        writeFileAtomically(path, QByteArray("one"));
        writeFileAtomically(path, QByteArray("two, longer"));
        QCOMPARE(readAll(path), QByteArray("two, longer"));
        QCOMPARE(entries(dir.filePath(QStringLiteral("a/b"))), QStringList{QStringLiteral("c.json")});
    }
};

QTEST_GUILESS_MAIN(TestAtomicFolder)
#include "test_atomic_folder.moc"
