#include "data/IngestSupport.h"

#include "common/Error.h"
#include "data/Splits.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <opencv2/imgproc.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace mlwb::detail {

void checkRegularFile(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        throw Error(QStringLiteral("%1: not a regular file (a folder, device, pipe or socket, or a link to one): not read").arg(path));
}

QByteArray readWholeFile(const QString &path)
{
    checkRegularFile(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    const qint64 size = file.size();
    QByteArray bytes;
    bytes.resize(size);
    const qint64 got = file.read(bytes.data(), size);
    if (got != size)
        throw Error(QStringLiteral("%1: read %2 of %3 bytes: %4").arg(path).arg(got).arg(size).arg(file.errorString()));
    return bytes;
}

qint64 checkedMul(qint64 a, qint64 b, const QString &origin, const QString &what)
{
    qint64 product = 0;
    if (a < 0 || b < 0 || __builtin_mul_overflow(a, b, &product))
        throw Error(QStringLiteral("%1: %2 (%3 × %4) is too large").arg(origin, what).arg(a).arg(b));
    return product;
}

qint64 checkedProduct(const std::vector<qint64> &factors, const QString &origin, const QString &what)
{
    qint64 product = 1;
    for (qint64 f : factors) {
        if (f < 0 || __builtin_mul_overflow(product, f, &product)) {
            QStringList text;
            for (qint64 g : factors)
                text << QString::number(g);
            throw Error(QStringLiteral("%1: %2 (%3) is too large").arg(origin, what, text.join(QStringLiteral(" × "))));
        }
    }
    return product;
}

void checkFitsInMemory(qint64 bytes, const QString &origin, const QString &what)
{
    static const qint64 physical = [] {
        const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
        return pages > 0 && pageSize > 0 ? qint64(pages) * pageSize : std::numeric_limits<qint64>::max();
    }();
    if (bytes > physical)
        throw Error(QStringLiteral("%1: %2 would need %3 of memory, more than this machine's %4")
                        .arg(origin, what, byteText(bytes), byteText(physical)));
}

QString byteText(qint64 bytes)
{
    constexpr qint64 k = 1000;
    if (bytes >= k * k * k)
        return QStringLiteral("%1 GB").arg(double(bytes) / double(k * k * k), 0, 'f', 1);
    if (bytes >= k * k)
        return QStringLiteral("%1 MB").arg(double(bytes) / double(k * k), 0, 'f', 0);
    if (bytes >= k)
        return QStringLiteral("%1 KB").arg(double(bytes) / double(k), 0, 'f', 0);
    return QStringLiteral("%1 bytes").arg(bytes);
}

ProgressCounter::ProgressCounter(const ProgressFn &fn, qint64 total)
    : m_fn(fn), m_total(std::max<qint64>(total, 1)), m_step(std::max<qint64>(m_total / 100, 1)), m_nextReport(0)
{
    if (m_fn)
        m_fn(0, m_total);
    m_nextReport = m_step;
}

void ProgressCounter::advance(qint64 units)
{
    const qint64 done = m_done.fetch_add(units) + units;
    qint64 next = m_nextReport.load();
    // Only the thread that moves the threshold reports, so callbacks stay ~1% apart.
    while (done >= next) {
        if (m_nextReport.compare_exchange_weak(next, done + m_step)) {
            report(done);
            return;
        }
    }
}

void ProgressCounter::finish()
{
    report(m_total);
}

void ProgressCounter::report(qint64 done)
{
    if (!m_fn)
        return;
    QMutexLocker lock(&m_callMutex);
    // Two threads may cross thresholds in one order and get here in the other.
    done = std::min(done, m_total);
    if (done < m_lastReported)
        return;
    m_lastReported = done;
    m_fn(done, m_total);
}

QStringList digitClassNames()
{
    QStringList names;
    for (int i = 0; i < 10; ++i)
        names << QString::number(i);
    return names;
}

void checkOptions(const IngestOptions &options)
{
    if (!(options.testFraction >= 0.0 && options.testFraction < 1.0))
        throw UsageError(QStringLiteral("test fraction must be in [0, 1), got %1").arg(options.testFraction));
    if (options.width < 0 || options.height < 0 || (options.width > 0) != (options.height > 0))
        throw UsageError(QStringLiteral("image size must give both a positive width and height, got %1×%2")
                             .arg(options.width).arg(options.height));
    if (options.classNames.size() > 256)
        throw UsageError(QStringLiteral("at most 256 classes, got %1 names").arg(options.classNames.size()));
    if (QStringList names = options.classNames; names.removeDuplicates() != 0)
        throw UsageError(QStringLiteral("class names must be distinct: %1").arg(options.classNames.join(u',')));
}

void assignTestSubsetIfMissing(Dataset &data, const IngestOptions &options)
{
    if (data.count(Subset::Test) > 0 || options.testFraction <= 0.0)
        return;
    std::map<int, std::vector<qint64>> byClass;
    for (qsizetype i = 0; i < data.size(); ++i)
        byClass[data.labels[size_t(i)]].push_back(i);
    for (auto &[label, indices] : byClass) {
        // A different stream per class, so that equal-sized classes do not pick the same positions.
        seededShuffle(indices, epochSeed(options.seed, label));
        const auto nTest = size_t(std::llround(double(indices.size()) * options.testFraction));
        for (size_t k = 0; k < nTest; ++k)
            data.subsets[size_t(indices[k])] = std::uint8_t(Subset::Test);
    }
}

void conformImageSize(Dataset &data, const IngestOptions &options, const QString &origin)
{
    if (options.width <= 0 || (options.width == data.width && options.height == data.height))
        return;
    if (!options.resize)
        throw Error(QStringLiteral("%1: images are %2×%3, expected %4×%5 (allow resizing to convert them)")
                        .arg(origin).arg(data.width).arg(data.height).arg(options.width).arg(options.height));
    const qsizetype n = data.size();
    const int c = data.channels;
    const qint64 total = checkedProduct({qint64(n), c, options.width, options.height}, origin, QStringLiteral("the resized images"));
    checkFitsInMemory(total, origin, QStringLiteral("the resized images"));
    std::vector<std::uint8_t> resized(size_t(total), 0);
    const size_t inPlane = size_t(data.width) * size_t(data.height);
    const size_t outPlane = size_t(options.width) * size_t(options.height);
    std::vector<qint64> planes(size_t(n) * size_t(c));
    std::iota(planes.begin(), planes.end(), 0);
    QThreadPool pool;
    if (options.threads > 0)
        pool.setMaxThreadCount(options.threads);
    QtConcurrent::blockingMap(&pool, planes, [&](qint64 p) {
        const cv::Mat in(data.height, data.width, CV_8UC1, data.pixels.data() + size_t(p) * inPlane);
        cv::Mat out(options.height, options.width, CV_8UC1, resized.data() + size_t(p) * outPlane);
        cv::resize(in, out, out.size(), 0, 0, cv::INTER_AREA);
    });
    data.pixels = std::move(resized);
    data.width = options.width;
    data.height = options.height;
}

bool hasImageExtension(const QString &name)
{
    static const QStringList extensions = {QStringLiteral(".png"), QStringLiteral(".jpg"), QStringLiteral(".jpeg"),
                                           QStringLiteral(".bmp"), QStringLiteral(".pgm"), QStringLiteral(".ppm")};
    for (const QString &ext : extensions)
        if (name.endsWith(ext, Qt::CaseInsensitive))
            return true;
    return false;
}

QStringList sortedImageFiles(const QString &folder)
{
    QStringList names;
    const QStringList all = QDir(folder).entryList(QDir::Files | QDir::Readable, QDir::Unsorted);
    for (const QString &name : all)
        if (hasImageExtension(name))
            names << name;
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace mlwb::detail
