#pragma once
// Helpers shared by the readers behind ingest(). Not for use outside core/data.
#include "common/Error.h"
#include "data/Ingest.h"

#include <QByteArray>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <atomic>
#include <vector>

namespace mlwb::detail {

// Throws Error naming `path` when it exists but is not a regular file (symlinks followed):
// a pipe would block the open, /dev/zero would never end.
void checkRegularFile(const QString &path);

// Whole file into memory; throws Error naming the file when it cannot be read or is not a
// regular file.
QByteArray readWholeFile(const QString &path);

// Sizes read from a file are never trusted: products are checked for overflow, and what
// they ask for is checked against what the machine could ever hold.

// a × b, or throws Error "`origin`: `what` (a × b) is too large" when it overflows qint64.
// Both factors must be non-negative.
qint64 checkedMul(qint64 a, qint64 b, const QString &origin, const QString &what);

// The product of `factors` (each non-negative), overflow-checked as checkedMul.
qint64 checkedProduct(const std::vector<qint64> &factors, const QString &origin, const QString &what);

// Throws Error naming `origin` when `bytes` (what `what` would need in memory) exceeds the
// machine's physical memory: such a data set could only end in the process being killed.
void checkFitsInMemory(qint64 bytes, const QString &origin, const QString &what);

// "1.5 GB", "812 MB", "3 KB", "17 bytes": sizes in messages.
QString byteText(qint64 bytes);

// Throws Cancelled when the flag is raised.
inline void throwIfCancelled(const CancelFlag *cancel)
{
    if (cancel && cancel->isCancelled())
        throw Cancelled();
}

// Counts work done from any thread and forwards it to the caller's ProgressFn, one call at
// a time, at most about every 1% of `total` (and always at the end).
class ProgressCounter {
public:
    ProgressCounter(const ProgressFn &fn, qint64 total);
    void advance(qint64 units);
    void finish();

private:
    void report(qint64 done);

    ProgressFn m_fn;
    qint64 m_total;
    qint64 m_step;
    std::atomic<qint64> m_done{0};
    std::atomic<qint64> m_nextReport;
    QMutex m_callMutex;
    qint64 m_lastReported = 0; // under m_callMutex
};

// "0".."9", the class names of MNIST-like digit sets.
QStringList digitClassNames();

// Options check common to every reader (fractions, sizes); throws UsageError.
void checkOptions(const IngestOptions &options);

// For sources without a test part: moves round(testFraction × n_c) images of each class c
// to Subset::Test, chosen by seededShuffle(options.seed). Does nothing when the data set
// already has test images.
void assignTestSubsetIfMissing(Dataset &data, const IngestOptions &options);

// Resizes every image to options.width×options.height when those are set and differ
// (options.resize), or throws naming `origin` and both sizes.
void conformImageSize(Dataset &data, const IngestOptions &options, const QString &origin);

// Is `name` an image file the PNG/class-folder readers take (by extension)?
bool hasImageExtension(const QString &name);

// The names of image files directly in `folder`, sorted by code point (same order on
// every platform, so the same folder always gives the same content hash).
QStringList sortedImageFiles(const QString &folder);

} // namespace mlwb::detail
