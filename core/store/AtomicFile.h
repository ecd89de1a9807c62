#pragma once
#include <QByteArray>
#include <QString>

#include <functional>

namespace mlwb {

// Writes `data` to `path` through QSaveFile (temporary file, fsync, rename): readers see the
// old content or the new one, never a half-written file. Creates missing parent folders.
// Throws Error naming the file.
void writeFileAtomically(const QString &path, const QByteArray &data);
void writeFileAtomically(const QString &path, const char *data, qint64 size);

// Builds a whole folder atomically: `fill` writes into `<dir>.partial-<random>`, which is
// then renamed to `dir`. When `fill` throws or the rename fails, the partial folder is
// removed and the exception propagates; `dir` is untouched. When `dir` already exists it
// is an error unless replaceExisting, in which case the old folder is moved aside, the new
// one renamed in and the old one deleted.
void writeDirectoryAtomically(const QString &dir, const std::function<void(const QString &partialDir)> &fill,
                              bool replaceExisting = false);

// Removes a folder tree; logs (does not throw) when something stays behind. For clean-up.
void removeDirectoryQuietly(const QString &dir);

} // namespace mlwb
