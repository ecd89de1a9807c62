#pragma once
// Helpers shared by the readers behind ingest(). Not for use outside core/data.
#include "common/Error.h"
#include "data/Ingest.h"

#include <QByteArray>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <atomic>

namespace mlwb::detail {

// Whole file into memory; throws Error naming the file when it cannot be read.
QByteArray readWholeFile(const QString &path);

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
