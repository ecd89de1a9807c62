#include "data/IdxReader.h"

#include "common/Error.h"
#include "data/Inflate.h"
#include "data/IngestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstring>
#include <limits>

namespace mlwb::detail {
namespace {

constexpr quint32 imagesMagic = 0x00000803; // unsigned bytes, 3 dimensions
constexpr quint32 labelsMagic = 0x00000801; // unsigned bytes, 1 dimension

quint32 magicOf(IdxKind kind)
{
    return kind == IdxKind::Images ? imagesMagic : labelsMagic;
}

qint64 headerBytesOf(IdxKind kind)
{
    return 4 + 4 * qint64(magicOf(kind) & 0xff);
}

quint32 readBigEndian32(const QByteArray &bytes, qint64 offset)
{
    const auto *p = reinterpret_cast<const quint8 *>(bytes.constData() + offset);
    return quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | quint32(p[3]);
}

bool hasMagic(const QByteArray &head, IdxKind kind)
{
    return head.size() >= 4 && readBigEndian32(head, 0) == magicOf(kind);
}

// The header at the start of `head` (the file's first bytes, inflated): magic and
// dimensions, their product overflow-checked. Fills dims, dataOffset and expectedSize.
void parseHeader(const QByteArray &head, IdxKind kind, IdxHeader &f)
{
    const qint64 headerBytes = headerBytesOf(kind);
    const qint64 size = head.size();
    if (size < 4)
        throw Error(QStringLiteral("%1: truncated: expected at least %2 header bytes, got %3")
                        .arg(f.origin).arg(headerBytes).arg(size));
    if (!hasMagic(head, kind)) {
        const QString what = kind == IdxKind::Images ? QStringLiteral("IDX images") : QStringLiteral("IDX labels");
        throw Error(QStringLiteral("%1: wrong magic number 0x%2 at offset 0, expected 0x%3 (%4 of unsigned bytes)")
                        .arg(f.origin)
                        .arg(readBigEndian32(head, 0), 8, 16, QLatin1Char('0'))
                        .arg(magicOf(kind), 8, 16, QLatin1Char('0'))
                        .arg(what));
    }
    if (size < headerBytes)
        throw Error(QStringLiteral("%1: truncated: expected %2 header bytes, got %3").arg(f.origin).arg(headerBytes).arg(size));
    for (qint64 offset = 4; offset < headerBytes; offset += 4) {
        const qint64 dim = readBigEndian32(head, offset);
        if (offset > 4 && dim == 0)
            throw Error(QStringLiteral("%1: dimension %2 (at offset %3) is 0").arg(f.origin).arg(offset / 4 - 1).arg(offset));
        f.dims.push_back(dim);
    }
    f.dataOffset = headerBytes;
    // Three 32-bit dimensions can multiply past 2^64 and wrap to a small number.
    const qint64 payload = checkedProduct(f.dims, f.origin, QStringLiteral("the payload its header declares"));
    if (payload > std::numeric_limits<qint64>::max() - headerBytes)
        throw Error(QStringLiteral("%1: the payload its header declares (%2) is too large").arg(f.origin, f.dimText()));
    f.expectedSize = headerBytes + payload;
}

} // namespace

QString IdxHeader::dimText() const
{
    QStringList text;
    for (qint64 dim : dims)
        text << QString::number(dim);
    return text.join(u'×');
}

IdxHeader readIdxHeader(const QString &path, IdxKind kind)
{
    IdxHeader f;
    f.path = f.origin = path;
    const qint64 headerBytes = headerBytesOf(kind);
    checkRegularFile(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    const qint64 fileSize = file.size();
    QByteArray head = file.read(headerBytes);
    file.close();
    f.gzipped = isGzip(head);
    if (f.gzipped) {
        f.compressed = readWholeFile(path);
        // Only the header: the sizes in it decide how much more may be inflated.
        head = gunzip(f.compressed, path, headerBytes);
        f.origin = path + QStringLiteral(" (after gunzip)");
    }
    parseHeader(head, kind, f);
    if (!f.gzipped) {
        if (fileSize < f.expectedSize)
            throw Error(QStringLiteral("%1: truncated: expected %2 bytes (%3-byte header + %4), got %5; data stops at offset %5")
                            .arg(f.origin).arg(f.expectedSize).arg(headerBytes).arg(f.dimText()).arg(fileSize));
        if (fileSize > f.expectedSize)
            throw Error(QStringLiteral("%1: %2 unexpected bytes after offset %3 (header says %4)")
                            .arg(f.origin).arg(fileSize - f.expectedSize).arg(f.expectedSize).arg(f.dimText()));
    } else if (f.expectedSize > maxInflatedSize(f.compressed.size())) {
        throw Error(QStringLiteral("%1: its header declares %2 = %3 bytes, but its %4 compressed bytes can inflate to "
                                   "at most %5 (deflate compresses at most 1032:1): the file is damaged")
                        .arg(f.origin, f.dimText()).arg(f.expectedSize).arg(f.compressed.size())
                        .arg(maxInflatedSize(f.compressed.size())));
    }
    checkFitsInMemory(f.expectedSize, f.origin, QStringLiteral("its header's %1").arg(f.dimText()));
    return f;
}

namespace {

// The whole file (header + payload), inflated; the compressed bytes are let go.
QByteArray loadPayload(IdxHeader &f)
{
    if (!f.gzipped) {
        QByteArray bytes = readWholeFile(f.path);
        if (bytes.size() != f.expectedSize) // changed since its header was read
            throw Error(QStringLiteral("%1: is %2 bytes, its header says %3 (%4): was it being written?")
                            .arg(f.origin).arg(bytes.size()).arg(f.expectedSize).arg(f.dimText()));
        return bytes;
    }
    // One byte more than declared: a file that inflates to it holds more than its header
    // says, and is refused there rather than inflated to the end.
    QByteArray bytes = gunzip(f.compressed, f.path, f.expectedSize + 1);
    f.compressed = QByteArray();
    const qint64 size = bytes.size();
    if (size > f.expectedSize)
        throw Error(QStringLiteral("%1: inflates to more than the %2 bytes its header declares (%3-byte header + %4); "
                                   "stopped there: damaged, or a decompression bomb")
                        .arg(f.origin).arg(f.expectedSize).arg(f.dataOffset).arg(f.dimText()));
    if (size < f.expectedSize)
        throw Error(QStringLiteral("%1: truncated: expected %2 bytes (%3-byte header + %4), got %5; data stops at offset %5")
                        .arg(f.origin).arg(f.expectedSize).arg(f.dataOffset).arg(f.dimText()).arg(size));
    return bytes;
}

// Appends one images + labels pair to `data` as `subset`.
void readPair(const QString &imagesPath, const QString &labelsPath, Subset subset, Dataset &data,
              ProgressCounter &progress, const CancelFlag *cancel)
{
    // Both headers first: their counts must agree before either payload is read.
    IdxHeader images = readIdxHeader(imagesPath, IdxKind::Images);
    IdxHeader labels = readIdxHeader(labelsPath, IdxKind::Labels);
    const qint64 n = images.dims[0];
    if (labels.dims[0] != n)
        throw Error(QStringLiteral("%1 holds %2 images but %3 holds %4 labels")
                        .arg(imagesPath).arg(n).arg(labelsPath).arg(labels.dims[0]));
    if (images.dims[1] > std::numeric_limits<int>::max() || images.dims[2] > std::numeric_limits<int>::max())
        throw Error(QStringLiteral("%1: images of %2×%3 pixels are too large")
                        .arg(images.origin).arg(images.dims[2]).arg(images.dims[1]));
    const int height = int(images.dims[1]), width = int(images.dims[2]);
    if (data.labels.empty()) {
        data.channels = 1;
        data.height = height;
        data.width = width;
    } else if (height != data.height || width != data.width) {
        throw Error(QStringLiteral("%1: images are %2×%3, but the other files' are %4×%5")
                        .arg(imagesPath).arg(width).arg(height).arg(data.width).arg(data.height));
    }
    const QByteArray imageBytes = loadPayload(images);
    progress.advance(1);
    throwIfCancelled(cancel);
    const QByteArray labelFile = loadPayload(labels);
    progress.advance(1);
    const auto *labelBytes = reinterpret_cast<const std::uint8_t *>(labelFile.constData() + labels.dataOffset);
    const int nClasses = int(data.classNames.size());
    for (qint64 i = 0; i < n; ++i)
        if (labelBytes[i] >= nClasses)
            throw Error(QStringLiteral("%1: label %2 at offset %3 (item %4) is outside the %5 classes (0..%6)")
                            .arg(labels.origin).arg(int(labelBytes[i])).arg(labels.dataOffset + i).arg(i)
                            .arg(nClasses).arg(nClasses - 1));
    const auto *pixelBytes = reinterpret_cast<const std::uint8_t *>(imageBytes.constData() + images.dataOffset);
    data.pixels.insert(data.pixels.end(), pixelBytes, pixelBytes + (images.expectedSize - images.dataOffset));
    data.labels.insert(data.labels.end(), labelBytes, labelBytes + n);
    data.subsets.insert(data.subsets.end(), size_t(n), std::uint8_t(subset));
}

QString labelsFileNextTo(const QString &imagesPath)
{
    const QFileInfo info(imagesPath);
    QString name = info.fileName();
    for (const char *sep : {"-", "."}) {
        const QString from = QStringLiteral("images%1idx3").arg(QLatin1String(sep));
        if (name.contains(from)) {
            name.replace(from, QStringLiteral("labels%1idx1").arg(QLatin1String(sep)));
            const QString candidate = info.dir().filePath(name);
            if (QFileInfo::exists(candidate))
                return candidate;
            throw Error(QStringLiteral("%1: no labels file next to it (looked for %2)").arg(imagesPath, candidate));
        }
    }
    throw Error(QStringLiteral("%1: cannot tell its labels file: the name should contain \"images-idx3\"").arg(imagesPath));
}

} // namespace

QString findIdxFile(const QString &folder, const QString &prefix, bool images)
{
    const QDir dir(folder);
    const QString kind = images ? QStringLiteral("images") : QStringLiteral("labels");
    const QString idx = images ? QStringLiteral("idx3-ubyte") : QStringLiteral("idx1-ubyte");
    // The canonical names, and the "train-images.idx3-ubyte" spelling some mirrors use.
    for (const QChar sep : {u'-', u'.'})
        for (const QString &suffix : {QString(), QStringLiteral(".gz")}) {
            const QString name = prefix + u'-' + kind + sep + idx + suffix;
            if (dir.exists(name))
                return dir.filePath(name);
        }
    return {};
}

bool looksLikeIdxImages(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = f.read(4);
    // A gzip'd file would have to be inflated to see its magic: trust its name instead.
    if (isGzip(head))
        return QFileInfo(file).fileName().contains(QStringLiteral("idx3-ubyte"));
    return hasMagic(head, IdxKind::Images);
}

Dataset readIdx(const QString &path, const IngestOptions &options)
{
    Dataset data;
    data.classNames = options.classNames.isEmpty() ? digitClassNames() : options.classNames;
    if (QFileInfo(path).isFile()) {
        const QString labels = labelsFileNextTo(path);
        ProgressCounter progress(options.progress, 2);
        readPair(path, labels, Subset::Train, data, progress, options.cancel);
        progress.finish();
        return data;
    }
    const QString trainImages = findIdxFile(path, QStringLiteral("train"), true);
    const QString trainLabels = findIdxFile(path, QStringLiteral("train"), false);
    const QString testImages = findIdxFile(path, QStringLiteral("t10k"), true);
    const QString testLabels = findIdxFile(path, QStringLiteral("t10k"), false);
    if (trainImages.isEmpty())
        throw Error(QStringLiteral("%1: no train-images-idx3-ubyte[.gz] in this folder").arg(path));
    if (trainLabels.isEmpty())
        throw Error(QStringLiteral("%1: has %2 but no train-labels-idx1-ubyte[.gz]").arg(path, QFileInfo(trainImages).fileName()));
    if (testImages.isEmpty() != testLabels.isEmpty())
        throw Error(QStringLiteral("%1: has %2 but not its pair (t10k-images-idx3-ubyte / t10k-labels-idx1-ubyte)")
                        .arg(path, QFileInfo(testImages.isEmpty() ? testLabels : testImages).fileName()));
    const bool hasTest = !testImages.isEmpty();
    ProgressCounter progress(options.progress, hasTest ? 4 : 2);
    readPair(trainImages, trainLabels, Subset::Train, data, progress, options.cancel);
    throwIfCancelled(options.cancel);
    if (hasTest)
        readPair(testImages, testLabels, Subset::Test, data, progress, options.cancel);
    progress.finish();
    return data;
}

} // namespace mlwb::detail
