#include "data/ImageDecode.h"

#include "common/Error.h"
#include "data/IngestSupport.h"
#include "data/PngFastDecode.h"

#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <numeric>

namespace mlwb::detail {
namespace {

struct FileBytes {
    const char *data;
    size_t size;
};

// The whole file, read into a buffer the thread reuses and never shrinks (QFile's set-up,
// and zeroing a fresh buffer, show with 70,000 small files). Valid until the thread's next
// call. Only regular files: a name that leads to /dev/zero or a pipe would never end (or
// never start); the open does not block on a pipe, and fstat tells before anything is read.
FileBytes readFile(const QString &path)
{
    thread_local std::vector<char> buffer(size_t(1) << 16);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        throw Error(QStringLiteral("%1: cannot open: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(QStringLiteral("%1: not a regular file (a device, pipe or socket, or a link to one): not read").arg(path));
    }
    if (size_t(st.st_size) >= buffer.size())
        buffer.resize(size_t(st.st_size) + 1);
    size_t got = 0;
    int readError = 0;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data() + got, buffer.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            readError = n < 0 ? errno : 0;
            break;
        }
        got += size_t(n);
        if (got == buffer.size()) // it grew since fstat
            buffer.resize(buffer.size() * 2);
    }
    ::close(fd);
    if (readError != 0)
        throw Error(QStringLiteral("%1: read error: %2").arg(path, QString::fromLocal8Bit(std::strerror(readError))));
    return {buffer.data(), got};
}

[[noreturn]] void notAnImage(const QString &path, size_t bytes)
{
    throw Error(QStringLiteral("%1: not an image (%2 bytes that do not decode as PNG, JPEG, BMP or PNM)").arg(path).arg(bytes));
}

cv::Mat imdecode(FileBytes bytes, int flags)
{
    if (bytes.size == 0)
        return {};
    try {
        return cv::imdecode(cv::Mat(1, int(bytes.size), CV_8UC1, const_cast<char *>(bytes.data)), flags);
    } catch (const cv::Exception &) {
        return {}; // a malformed file: reported as "not an image" by the caller
    }
}

cv::Mat decodeFile(const QString &path, int flags)
{
    const FileBytes bytes = readFile(path);
    cv::Mat image = imdecode(bytes, flags);
    if (image.empty())
        notAnImage(path, bytes.size);
    return image;
}

// The first image sets channels and (unless asked otherwise) size. Does it need colour?
// Grey PNGs are sometimes saved as RGB or with a palette: R = G = B everywhere is grey.
struct FirstImage {
    int channels, height, width;
};
FirstImage probe(const QString &path)
{
    const cv::Mat unchanged = decodeFile(path, cv::IMREAD_UNCHANGED);
    FirstImage first{1, unchanged.rows, unchanged.cols};
    if (unchanged.channels() <= 2)
        return first;
    const cv::Mat bgr = decodeFile(path, cv::IMREAD_COLOR);
    for (int y = 0; y < bgr.rows; ++y) {
        const auto *row = bgr.ptr<cv::Vec3b>(y);
        for (int x = 0; x < bgr.cols; ++x)
            if (row[x][0] != row[x][1] || row[x][1] != row[x][2]) {
                first.channels = 3;
                return first;
            }
    }
    return first;
}

// The error of the lowest-numbered failing image, so that the message does not depend on
// thread timing.
class FirstFailure {
public:
    void record(qint64 index, const QString &message)
    {
        QMutexLocker lock(&m_mutex);
        if (index < m_index.load()) {
            m_index.store(index);
            m_message = message;
        }
    }
    // Images after a failure need not be decoded; those before it must, in case one of
    // them fails too.
    bool failedBefore(qint64 index) const { return m_index.load(std::memory_order_relaxed) < index; }
    void rethrow()
    {
        QMutexLocker lock(&m_mutex);
        if (m_index.load() != std::numeric_limits<qint64>::max())
            throw Error(m_message);
    }

private:
    QMutex m_mutex;
    std::atomic<qint64> m_index{std::numeric_limits<qint64>::max()};
    QString m_message;
};

struct Geometry {
    int channels, height, width;
    QString sizeOrigin; // why this size: the first file, or "the size asked for"
};

// One image into `out` (C×H×W). Simple PNGs take the fast path; the rest go through OpenCV.
void decodeOne(const QString &path, const Geometry &g, bool resize, std::uint8_t *out)
{
    const FileBytes bytes = readFile(path);
    thread_local SimplePng png;
    cv::Mat image;
    bool rgbOrder = false; // OpenCV gives B, G, R; the fast path R, G, B
    if (decodeSimplePng(bytes.data, qint64(bytes.size), g.channels, png)) {
        image = cv::Mat(png.height, png.width, CV_8UC(png.channels), png.pixels.data());
        rgbOrder = true;
    } else {
        image = imdecode(bytes, g.channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
        if (image.empty())
            notAnImage(path, bytes.size);
    }
    if (image.cols != g.width || image.rows != g.height) {
        if (!resize)
            throw Error(QStringLiteral("%1: image is %2×%3, but the data set's images are %4×%5 (%6); "
                                       "allow resizing to convert it")
                            .arg(path).arg(image.cols).arg(image.rows).arg(g.width).arg(g.height).arg(g.sizeOrigin));
        cv::Mat resized;
        cv::resize(image, resized, cv::Size(g.width, g.height), 0, 0, cv::INTER_AREA);
        image = resized;
    }
    const size_t plane = size_t(g.width) * size_t(g.height);
    if (g.channels == 1) {
        cv::Mat target(g.height, g.width, CV_8UC1, out);
        image.copyTo(target);
        return;
    }
    // The data set keeps R, G, B planes.
    std::uint8_t *first = rgbOrder ? out : out + 2 * plane;
    std::uint8_t *third = rgbOrder ? out + 2 * plane : out;
    cv::Mat planes[3] = {cv::Mat(g.height, g.width, CV_8UC1, first), cv::Mat(g.height, g.width, CV_8UC1, out + plane),
                         cv::Mat(g.height, g.width, CV_8UC1, third)};
    cv::split(image, planes);
}

} // namespace

void decodeImagesInto(Dataset &data, const QStringList &files, const IngestOptions &options)
{
    if (files.isEmpty())
        throw Error(QStringLiteral("no image files to read"));
    const qint64 n = files.size();
    const FirstImage first = probe(files.first());
    Geometry g{first.channels, options.height, options.width, QStringLiteral("the size asked for")};
    if (g.width <= 0) {
        g.width = first.width;
        g.height = first.height;
        g.sizeOrigin = QStringLiteral("the size of the first image, %1").arg(QFileInfo(files.first()).fileName());
    }
    data.channels = g.channels;
    data.height = g.height;
    data.width = g.width;
    const qint64 imageBytes = data.imageBytes();
    const QString folder = QFileInfo(files.first()).path();
    const QString what = QStringLiteral("%1 images of %2×%3×%4 (C×H×W, %5)")
                             .arg(n).arg(g.channels).arg(g.height).arg(g.width).arg(g.sizeOrigin);
    checkFitsInMemory(checkedMul(n, imageBytes, folder, what), folder, what);

    ProgressCounter progress(options.progress, n);
    FirstFailure failure;
    std::atomic_bool cancelled{false};
    QThreadPool pool;
    if (options.threads > 0)
        pool.setMaxThreadCount(options.threads);
    auto decodeRange = [&](qint64 begin, qint64 end) {
        // Chunks of images: few enough to keep scheduling cheap, enough to balance the threads.
        const qint64 count = end - begin;
        const qint64 chunk = std::clamp<qint64>(count / 256, 16, 1024);
        std::vector<qint64> chunkStarts(size_t((count + chunk - 1) / chunk));
        for (size_t i = 0; i < chunkStarts.size(); ++i)
            chunkStarts[i] = begin + qint64(i) * chunk;
        QtConcurrent::blockingMap(&pool, chunkStarts, [&](qint64 start) {
            for (qint64 i = start; i < std::min(start + chunk, end); ++i) {
                if (cancelled.load(std::memory_order_relaxed) || failure.failedBefore(i))
                    return;
                if (options.cancel && options.cancel->isCancelled()) {
                    cancelled = true;
                    return;
                }
                try {
                    decodeOne(files[i], g, options.resize, data.pixels.data() + size_t(i) * size_t(imageBytes));
                } catch (const Error &e) {
                    failure.record(i, e.message());
                } catch (const std::exception &e) { // out of memory, or OpenCV failing while resizing
                    failure.record(i, QStringLiteral("%1: cannot decode: %2").arg(files[i], QString::fromLocal8Bit(e.what())));
                }
                progress.advance(1);
            }
        });
    };
    // The pixel buffer grows with the images that really decoded at the data set's size, in
    // rounds that double it: a first image that decodes huge (a small file can) does not make
    // room for every file at its size before the next image shows the sizes differ.
    constexpr qint64 firstRoundBytes = qint64(64) << 20;
    for (qint64 done = 0; done < n;) {
        const qint64 end = done == 0 ? std::min(n, std::max<qint64>(2, firstRoundBytes / imageBytes)) : std::min(n, done * 2);
        data.pixels.reserve(size_t(end) * size_t(imageBytes)); // exactly: resize alone may double the capacity
        data.pixels.resize(size_t(end) * size_t(imageBytes), 0);
        decodeRange(done, end);
        if (cancelled)
            break;
        failure.rethrow();
        done = end;
    }
    if (cancelled)
        throw Cancelled();
    failure.rethrow();
    progress.finish();
}

} // namespace mlwb::detail
