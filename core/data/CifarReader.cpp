#include "data/CifarReader.h"

#include "common/Error.h"
#include "data/IngestSupport.h"

#include <QDir>
#include <QFile>

namespace mlwb::detail {
namespace {

constexpr int side = 32;
constexpr qint64 pixelBytes = 3 * side * side;
constexpr qint64 recordBytes = 1 + pixelBytes;

QStringList batchNames(bool test)
{
    if (test)
        return {QStringLiteral("test_batch.bin")};
    QStringList names;
    for (int i = 1; i <= 5; ++i)
        names << QStringLiteral("data_batch_%1.bin").arg(i);
    return names;
}

QStringList cifarClassNames(const QDir &dir)
{
    const QString metaPath = dir.filePath(QStringLiteral("batches.meta.txt"));
    if (QFile::exists(metaPath)) {
        QStringList names;
        for (const QString &line : QString::fromUtf8(readWholeFile(metaPath)).split(u'\n')) {
            if (!line.trimmed().isEmpty())
                names << line.trimmed();
        }
        if (names.isEmpty())
            throw Error(QStringLiteral("%1: names no classes").arg(metaPath));
        return names;
    }
    return {QStringLiteral("airplane"), QStringLiteral("automobile"), QStringLiteral("bird"), QStringLiteral("cat"),
            QStringLiteral("deer"),     QStringLiteral("dog"),        QStringLiteral("frog"), QStringLiteral("horse"),
            QStringLiteral("ship"),     QStringLiteral("truck")};
}

void readBatch(const QString &path, Subset subset, Dataset &data)
{
    const QByteArray bytes = readWholeFile(path);
    const qint64 size = bytes.size();
    if (size == 0 || size % recordBytes != 0)
        throw Error(QStringLiteral("%1: length %2 bytes is not a multiple of the %3-byte record "
                                   "(1 label byte + 3×32×32 pixels); the last record starts at offset %4")
                        .arg(path).arg(size).arg(recordBytes).arg(size / recordBytes * recordBytes));
    const qint64 n = size / recordBytes;
    const auto *in = reinterpret_cast<const std::uint8_t *>(bytes.constData());
    const qint64 nClasses = data.classNames.size();
    data.pixels.reserve(data.pixels.size() + size_t(n * pixelBytes));
    for (qint64 i = 0; i < n; ++i) {
        const std::uint8_t *record = in + i * recordBytes;
        if (record[0] >= nClasses)
            throw Error(QStringLiteral("%1: label %2 of record %3 (offset %4) is outside the %5 classes (0..%6)")
                            .arg(path).arg(int(record[0])).arg(i).arg(i * recordBytes).arg(nClasses).arg(nClasses - 1));
        data.labels.push_back(record[0]);
        data.pixels.insert(data.pixels.end(), record + 1, record + recordBytes);
    }
    data.subsets.insert(data.subsets.end(), size_t(n), std::uint8_t(subset));
}

} // namespace

QString cifarBatchFolder(const QString &folder)
{
    for (const QString &candidate : {folder, QDir(folder).filePath(QStringLiteral("cifar-10-batches-bin"))}) {
        const QDir dir(candidate);
        for (bool test : {false, true})
            for (const QString &name : batchNames(test))
                if (dir.exists(name))
                    return candidate;
    }
    return {};
}

Dataset readCifar10(const QString &folder, const IngestOptions &options)
{
    const QString batchFolder = cifarBatchFolder(folder);
    if (batchFolder.isEmpty())
        throw Error(QStringLiteral("%1: no CIFAR-10 batches (data_batch_1..5.bin, test_batch.bin) in it").arg(folder));
    const QDir dir(batchFolder);
    Dataset data;
    data.channels = 3;
    data.height = data.width = side;
    data.classNames = options.classNames.isEmpty() ? cifarClassNames(dir) : options.classNames;

    std::vector<std::pair<QString, Subset>> batches;
    for (bool test : {false, true})
        for (const QString &name : batchNames(test))
            if (dir.exists(name))
                batches.emplace_back(dir.filePath(name), test ? Subset::Test : Subset::Train);
    ProgressCounter progress(options.progress, qint64(batches.size()));
    for (const auto &[path, subset] : batches) {
        throwIfCancelled(options.cancel);
        readBatch(path, subset, data);
        progress.advance(1);
    }
    progress.finish();
    return data;
}

} // namespace mlwb::detail
