#pragma once
// Shared by the libFuzzer targets: splitting one fuzz input into several files, a scratch
// folder per process, and the rule that a reader may only fail with mlwb::Error.
#include "common/Error.h"
#include "data/Ingest.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTemporaryDir>
#include <QtGlobal>

#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

namespace mlwb::fuzz {

// Separates the files of one input ("images\n====\nlabels"): readable in text seeds,
// and rare enough in binary ones that mutations keep the parts apart.
inline const QByteArray kPartSeparator("\n====\n");

// At most `maxParts` parts: the last one keeps any further separators.
inline std::vector<QByteArray> splitParts(const std::uint8_t *data, size_t size, size_t maxParts = 16)
{
    const auto *chars = reinterpret_cast<const char *>(data);
    const QByteArray all = QByteArray::fromRawData(chars, qsizetype(size));
    std::vector<QByteArray> parts;
    qsizetype from = 0;
    while (parts.size() + 1 < maxParts) {
        const qsizetype at = all.indexOf(kPartSeparator, from);
        if (at < 0)
            break;
        parts.emplace_back(chars + from, at - from); // copies: the input buffer is not ours to keep
        from = at + kPartSeparator.size();
    }
    parts.emplace_back(chars + from, qsizetype(size) - from);
    return parts;
}

// A folder emptied before every run, under one temporary folder per process (removed at
// exit). Fuzzing a folder reader means files on disk; keep them few and small.
class Scratch {
public:
    static Scratch &instance()
    {
        static Scratch scratch;
        return scratch;
    }

    // base()/run, empty. Things outside it (base()/outside.png) survive the runs.
    QString fresh()
    {
        QDir(m_run).removeRecursively();
        if (!QDir().mkpath(m_run))
            qFatal("cannot create %s", qPrintable(m_run));
        return m_run;
    }
    QString base() const { return m_dir.path(); }

private:
    Scratch() : m_dir(folder() + QStringLiteral("/mlwb-fuzz-XXXXXX")), m_run(m_dir.path() + QStringLiteral("/run"))
    {
        if (!m_dir.isValid())
            qFatal("cannot create a temporary folder");
    }
    // In memory (tmpfs) when there is one: on a disk, writing and removing the few files of
    // a run costs ten times the parsing.
    static QString folder()
    {
        if (const QByteArray chosen = qgetenv("MLWB_FUZZ_TMP"); !chosen.isEmpty())
            return QString::fromLocal8Bit(chosen);
        if (QFileInfo(QStringLiteral("/dev/shm")).isWritable())
            return QStringLiteral("/dev/shm");
        return QDir::tempPath();
    }
    QTemporaryDir m_dir;
    QString m_run;
};

// For names the fuzzer chose: false when the file system refuses them.
inline bool tryWriteFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

inline void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

// Runs `read`; a reader that refuses input does so with mlwb::Error (a message for the
// user). Anything else escaping (std::bad_alloc, std::length_error, cv::Exception) is a bug,
// and is left to terminate the run so that libFuzzer records the input.
template <typename Fn>
void expectOnlyErrors(Fn &&read)
{
    try {
        read();
    } catch (const mlwb::Error &) {
    }
}

// Aborts (a crash libFuzzer records) when an invariant the readers promise is broken.
#define MLWB_FUZZ_CHECK(cond)                                                                                        \
    do {                                                                                                             \
        if (!(cond)) {                                                                                               \
            fprintf(stderr, "MLWB_FUZZ_CHECK failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);                      \
            std::abort();                                                                                            \
        }                                                                                                            \
    } while (0)

// Qt's and OpenCV's warnings (a file that cannot be opened, a damaged JPEG 2000...) would
// flood the fuzzer's output.
inline void quiet()
{
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
    cv::setNumThreads(0); // decoding and resizing on the calling thread

    qputenv("QT_LOGGING_RULES", "*=false");
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &msg) {
        if (type == QtFatalMsg) {
            fprintf(stderr, "%s\n", qPrintable(msg));
            std::abort();
        }
    });
}

// Ingest as the CLI does, with `format` given, on one thread: the fuzzer's time goes to
// parsing, not to starting threads. The input's last byte picks two options too, so that
// their paths are fuzzed as well: bit 7 resizes every image to 5×7 (--resize --size 5x7),
// bit 6 gives the class names "0".."3" (--classes).
inline IngestOptions ingestOptions(SourceFormat format, const std::uint8_t *data, size_t size)
{
    IngestOptions options;
    options.format = format;
    options.threads = 1;
    const std::uint8_t last = size > 0 ? data[size - 1] : 0;
    if (last & 0x80) {
        options.resize = true;
        options.width = 5;
        options.height = 7;
    }
    if (last & 0x40)
        options.classNames = {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")};
    return options;
}

} // namespace mlwb::fuzz
