#include "store/AtomicFile.h"

#include "common/Error.h"
#include "common/Log.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>

namespace mlwb {
namespace {

QString randomSuffix()
{
    return QString::number(QRandomGenerator::global()->generate64(), 36);
}

} // namespace

void writeFileAtomically(const QString &path, const QByteArray &data)
{
    writeFileAtomically(path, data.constData(), data.size());
}

void writeFileAtomically(const QString &path, const char *data, qint64 size)
{
    const QString parent = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(parent))
        throw Error(QStringLiteral("%1: cannot create the folder %2").arg(path, parent));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(QStringLiteral("%1: cannot open for writing: %2").arg(path, file.errorString()));
    qint64 written = 0;
    while (written < size) {
        const qint64 n = file.write(data + written, size - written);
        if (n <= 0)
            throw Error(QStringLiteral("%1: write failed after %2 of %3 bytes: %4")
                            .arg(path).arg(written).arg(size).arg(file.errorString()));
        written += n;
    }
    if (!file.commit())
        throw Error(QStringLiteral("%1: cannot save: %2").arg(path, file.errorString()));
}

void removeDirectoryQuietly(const QString &dir)
{
    if (dir.isEmpty() || !QFileInfo::exists(dir))
        return;
    if (!QDir(dir).removeRecursively())
        spdlog::warn("{}: could not remove every file of this folder", dir);
}

void writeDirectoryAtomically(const QString &dir, const std::function<void(const QString &partialDir)> &fill,
                              bool replaceExisting)
{
    const QString target = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    const QString parent = QFileInfo(target).absolutePath();
    if (QFileInfo::exists(target) && !replaceExisting)
        throw Error(QStringLiteral("%1: already exists").arg(target));
    if (!QDir().mkpath(parent))
        throw Error(QStringLiteral("%1: cannot create the folder %2").arg(target, parent));

    const QString partial = target + QStringLiteral(".partial-") + randomSuffix();
    if (!QDir().mkdir(partial))
        throw Error(QStringLiteral("%1: cannot create the temporary folder %2").arg(target, partial));
    try {
        fill(partial);
        QString aside;
        if (QFileInfo::exists(target)) {
            aside = target + QStringLiteral(".old-") + randomSuffix();
            if (!QDir().rename(target, aside))
                throw Error(QStringLiteral("%1: cannot move the old folder aside to replace it").arg(target));
        }
        if (!QDir().rename(partial, target)) {
            if (!aside.isEmpty())
                QDir().rename(aside, target);
            throw Error(QStringLiteral("%1: cannot rename %2 into place").arg(target, partial));
        }
        removeDirectoryQuietly(aside);
    } catch (...) {
        removeDirectoryQuietly(partial);
        throw;
    }
}

} // namespace mlwb
