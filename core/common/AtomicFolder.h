#pragma once
#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <functional>

namespace mlwb {

// The one way mlwb writes a file or a folder that readers may see: they see the old content or
// the new one, never half of it, even when the writer is killed (SIGKILL) or the power fails.
// In core/common so that every layer (data sets, checkpoints, model folders) uses the same one.

// Writes `data` to `path` through QSaveFile (temporary file, fsync, rename). Creates missing
// parent folders. Throws Error naming the file. (The folder is not fsynced: after a power
// failure the file may be the old one, never a torn one; a stream of small files, such as
// production samples, would otherwise wait for the disk twice per file.)
void writeFileAtomically(const QString &path, const QByteArray &data);
void writeFileAtomically(const QString &path, const char *data, qint64 size);
// Writes all `size` bytes to an open `file` (named `path` in the error), or throws Error.
void writeAllBytes(QIODevice &file, const QString &path, const char *data, qint64 size);

// A folder being built. Its files go into path(), a hidden sibling of the target
// (".<name>.partial-<random>") that this object holds locked (flock) while it lives; commit()
// fsyncs every file and folder in it, renames it to the target and fsyncs the parent.
// Destroyed before commit() (an exception), it removes the temporary folder. Killed, it leaves
// the temporary folder behind unlocked: readers never look at it (hidden, never the target's
// name) and the next AtomicFolder made in the same parent removes it.
class AtomicFolder {
public:
    // Removes the parent's dead temporary folders, then creates and locks a new one. Throws Error.
    explicit AtomicFolder(const QString &target);
    ~AtomicFolder();
    AtomicFolder(const AtomicFolder &) = delete;
    AtomicFolder &operator=(const AtomicFolder &) = delete;

    const QString &path() const { return m_path; }
    const QString &target() const { return m_target; }

    // Makes the folder the target. When the target exists: an error (it is left as it was)
    // unless replaceExisting, in which case the two are swapped in one step (renameat2
    // RENAME_EXCHANGE; where the file system lacks it, the old one is moved aside first) and
    // the old content is deleted. Throws Error; the temporary folder is removed then too.
    void commit(bool replaceExisting = false);

    // For a caller that moves path() into place itself (the registry renames a staged model
    // to models/<id> in its database transaction): fsyncs the content. The lock stays until
    // destruction, so that no other process takes the folder for a dead one meanwhile.
    void sync() const;

private:
    void moveIntoPlace(bool replaceExisting);

    QString m_target;
    QString m_path;
    int m_lockFd = -1;
    bool m_committed = false;
};

// `fill` writes into an AtomicFolder's path(), then it is committed (see there). When `fill`
// throws, the temporary folder is removed and the exception propagates; `dir` is untouched.
// When `dir` already exists it is an error (before `fill` runs) unless replaceExisting.
void writeDirectoryAtomically(const QString &dir, const std::function<void(const QString &partialDir)> &fill,
                              bool replaceExisting = false);

// Removes the temporary folders in `parent` that no live AtomicFolder holds (left by a killed
// writer). Returns how many. Called by every AtomicFolder for its parent; harmless anywhere.
int removeDeadTemporaryFolders(const QString &parent);

// Whether `name` (a file name, not a path) is one of AtomicFolder's temporary folders.
bool isTemporaryFolderName(const QString &name);

// fsyncs a folder, so that what was just renamed into it stays there after a power failure.
// Throws Error, except where the file system cannot do it.
void syncDirectory(const QString &dir);

// Removes a folder tree; logs (does not throw) when something stays behind. For clean-up.
void removeDirectoryQuietly(const QString &dir);

} // namespace mlwb
