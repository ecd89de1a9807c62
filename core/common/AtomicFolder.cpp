#include "common/AtomicFolder.h"

#include "common/Error.h"
#include "common/Log.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>

#include <cerrno>
#include <cstdio> // renameat2
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mlwb {
namespace {

const QString kPartialMark = QStringLiteral(".partial-");

QString randomSuffix()
{
    return QString::number(QRandomGenerator::global()->generate64(), 36);
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QByteArray native(const QString &path)
{
    return QFile::encodeName(path);
}

// "Not supported here" (some file systems cannot fsync a folder, or lack a renameat2 flag):
// not an error, the step is skipped or done the older way.
bool unsupported(int error)
{
    return error == EINVAL || error == ENOTSUP || error == ENOSYS || error == EROFS;
}

void fsyncPath(const QString &path, bool directory)
{
    const int fd = ::open(native(path).constData(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
    if (fd < 0)
        throw Error(QStringLiteral("%1: cannot open to flush it to disk: %2").arg(path, systemError(errno)));
    const int result = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (result != 0 && !unsupported(error))
        throw Error(QStringLiteral("%1: cannot flush it to disk: %2").arg(path, systemError(error)));
}

// Every file and folder under `dir`, then `dir` itself: after this, a rename of `dir` cannot
// become durable before its content.
void fsyncTree(const QString &dir)
{
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        fsyncPath(it.filePath(), it.fileInfo().isDir());
    }
    fsyncPath(dir, true);
}

bool sameInode(int fd, const QString &path)
{
    struct stat byFd {}, byPath {};
    return ::fstat(fd, &byFd) == 0 && ::lstat(native(path).constData(), &byPath) == 0 && byFd.st_dev == byPath.st_dev
           && byFd.st_ino == byPath.st_ino;
}

// Opens `dir` and takes its exclusive lock, waiting (blocking) or not. -1 when it cannot.
int lockDirectory(const QString &dir, bool wait)
{
    const int fd = ::open(native(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return -1;
    if (::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// renameat2 with `flags`; false with errno set when it failed.
bool renameWithFlags(const QString &from, const QString &to, unsigned flags)
{
    return ::renameat2(AT_FDCWD, native(from).constData(), AT_FDCWD, native(to).constData(), flags) == 0;
}

} // namespace

void writeFileAtomically(const QString &path, const QByteArray &data)
{
    writeFileAtomically(path, data.constData(), data.size());
}

void writeAllBytes(QIODevice &file, const QString &path, const char *data, qint64 size)
{
    qint64 written = 0;
    while (written < size) {
        const qint64 n = file.write(data + written, size - written);
        if (n <= 0)
            throw Error(QStringLiteral("%1: write failed after %2 of %3 bytes: %4")
                            .arg(path).arg(written).arg(size).arg(file.errorString()));
        written += n;
    }
}

void writeFileAtomically(const QString &path, const char *data, qint64 size)
{
    const QString parent = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(parent))
        throw Error(QStringLiteral("%1: cannot create the folder %2").arg(path, parent));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(QStringLiteral("%1: cannot open for writing: %2").arg(path, file.errorString()));
    writeAllBytes(file, path, data, size);
    if (!file.commit()) // fsyncs the file, then renames it over the old one
        throw Error(QStringLiteral("%1: cannot save: %2").arg(path, file.errorString()));
}

void syncDirectory(const QString &dir)
{
    fsyncPath(dir, true);
}

void removeDirectoryQuietly(const QString &dir)
{
    if (dir.isEmpty() || !QFileInfo::exists(dir))
        return;
    if (!QDir(dir).removeRecursively())
        spdlog::warn("{}: could not remove every file of this folder", dir);
}

bool isTemporaryFolderName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^\\..+\\.partial-[0-9a-z]+$"));
    return pattern.match(name).hasMatch();
}

int removeDeadTemporaryFolders(const QString &parent)
{
    int removed = 0;
    const QDir dir(parent);
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot | QDir::NoSymLinks)) {
        if (!isTemporaryFolderName(name))
            continue;
        const QString path = dir.filePath(name);
        // A live writer holds the lock. One that created its folder but has not locked it yet
        // sees, once it has the lock, that the folder is gone, and makes another.
        const int fd = lockDirectory(path, /*wait=*/false);
        if (fd < 0)
            continue;
        if (sameInode(fd, path)) {
            spdlog::info("{}: removing the temporary folder a killed writer left", path);
            removeDirectoryQuietly(path);
            ++removed;
        }
        ::close(fd);
    }
    return removed;
}

AtomicFolder::AtomicFolder(const QString &target) : m_target(QDir::cleanPath(QFileInfo(target).absoluteFilePath()))
{
    const QFileInfo info(m_target);
    const QString parent = info.absolutePath();
    if (!QDir().mkpath(parent))
        throw Error(QStringLiteral("%1: cannot create the folder %2").arg(m_target, parent));
    removeDeadTemporaryFolders(parent);

    const QString prefix = parent + QStringLiteral("/.") + info.fileName() + kPartialMark;
    for (int attempt = 0; attempt < 8; ++attempt) {
        const QString path = prefix + randomSuffix();
        if (::mkdir(native(path).constData(), 0777) != 0) {
            if (errno == EEXIST)
                continue;
            throw Error(QStringLiteral("%1: cannot create the temporary folder %2: %3").arg(m_target, path, systemError(errno)));
        }
        const int fd = lockDirectory(path, /*wait=*/true);
        if (fd >= 0 && sameInode(fd, path)) {
            m_path = path;
            m_lockFd = fd;
            return;
        }
        if (fd >= 0) // removed by another process's clean-up before we held it
            ::close(fd);
    }
    throw Error(QStringLiteral("%1: cannot create a temporary folder beside it").arg(m_target));
}

AtomicFolder::~AtomicFolder()
{
    if (!m_committed)
        removeDirectoryQuietly(m_path); // gone already when the caller moved it into place
    if (m_lockFd >= 0)
        ::close(m_lockFd);
}

void AtomicFolder::sync() const
{
    fsyncTree(m_path);
}

void AtomicFolder::moveIntoPlace(bool replaceExisting)
{
    if (renameWithFlags(m_path, m_target, RENAME_NOREPLACE))
        return;
    int error = errno;
    if (unsupported(error)) { // a file system without renameat2's flags: look first
        if (!QFileInfo::exists(m_target)) {
            if (::rename(native(m_path).constData(), native(m_target).constData()) == 0)
                return;
            error = errno;
        } else {
            error = EEXIST;
        }
    }
    if (error != EEXIST && error != ENOTEMPTY)
        throw Error(QStringLiteral("%1: cannot rename %2 into place: %3").arg(m_target, m_path, systemError(error)));
    if (!replaceExisting)
        throw Error(QStringLiteral("%1: already exists").arg(m_target));
    if (renameWithFlags(m_path, m_target, RENAME_EXCHANGE)) {
        removeDirectoryQuietly(m_path); // holds the old content now
        return;
    }
    if (!unsupported(errno))
        throw Error(QStringLiteral("%1: cannot replace it with %2: %3").arg(m_target, m_path, systemError(errno)));
    // Two renames: a kill between them leaves no target (only where names cannot be swapped).
    const QString aside = QFileInfo(m_path).absolutePath() + QStringLiteral("/.") + QFileInfo(m_target).fileName()
                          + kPartialMark + randomSuffix();
    if (!QDir().rename(m_target, aside))
        throw Error(QStringLiteral("%1: cannot move the old folder aside to replace it").arg(m_target));
    if (!QDir().rename(m_path, m_target)) {
        QDir().rename(aside, m_target);
        throw Error(QStringLiteral("%1: cannot rename %2 into place").arg(m_target, m_path));
    }
    removeDirectoryQuietly(aside);
}

void AtomicFolder::commit(bool replaceExisting)
{
    if (m_committed)
        throw Error(QStringLiteral("%1: committed twice").arg(m_target));
    try {
        sync();
        moveIntoPlace(replaceExisting);
        m_committed = true;
        fsyncPath(QFileInfo(m_target).absolutePath(), true); // the rename
    } catch (...) {
        if (!m_committed)
            removeDirectoryQuietly(m_path);
        throw;
    }
}

void writeDirectoryAtomically(const QString &dir, const std::function<void(const QString &partialDir)> &fill,
                              bool replaceExisting)
{
    AtomicFolder folder(dir);
    if (QFileInfo::exists(folder.target()) && !replaceExisting)
        throw Error(QStringLiteral("%1: already exists").arg(folder.target()));
    fill(folder.path());
    folder.commit(replaceExisting);
}

} // namespace mlwb
