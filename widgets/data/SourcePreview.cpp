#include "data/SourcePreview.h"

#include "data/IdxReader.h"
#include "data/Inflate.h"
#include "data/SampleImage.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace mlwb {

namespace {

constexpr qint64 kMaxGzipToInflate = 16 << 20; // MNIST's 10 MB file inflates in a blink
constexpr qint64 kMaxSide = 4096;

std::vector<QImage> previewIdx(const QString &path, int count)
{
    QString file = path;
    if (QFileInfo(path).isDir()) {
        file = detail::findIdxFile(path, QStringLiteral("train"), true);
        if (file.isEmpty())
            file = detail::findIdxFile(path, QStringLiteral("t10k"), true);
    }
    QFile f(file);
    if (file.isEmpty() || !QFileInfo(file).isFile() || !f.open(QIODevice::ReadOnly)) // a pipe would block the open
        return {};
    // A gzip'd file is read whole to inflate its first images: not one of any size.
    if (detail::isGzip(f.peek(2)) && f.size() > kMaxGzipToInflate)
        return {};
    detail::IdxHeader header;
    try {
        header = detail::readIdxHeader(file, detail::IdxKind::Images); // the reader's own checks
    } catch (...) {
        return {};
    }
    const qint64 n = header.dims[0], rows = header.dims[1], cols = header.dims[2];
    if (rows > kMaxSide || cols > kMaxSide)
        return {};
    const qint64 imageBytes = rows * cols;
    const int wanted = int(std::min<qint64>(n, count));
    QByteArray bytes;
    if (header.gzipped) {
        try {
            bytes = detail::gunzip(header.compressed, file, header.dataOffset + wanted * imageBytes) // only the images shown
                        .mid(header.dataOffset);
        } catch (...) {
            return {};
        }
    } else if (f.seek(header.dataOffset)) {
        bytes = f.read(wanted * imageBytes);
    }
    std::vector<QImage> images;
    for (int i = 0; i < wanted && (i + 1) * imageBytes <= bytes.size(); ++i)
        images.push_back(planarToImage(reinterpret_cast<const std::uint8_t *>(bytes.constData()) + i * imageBytes, 1,
                                       int(rows), int(cols)));
    return images;
}

std::vector<QImage> previewPngs(const QString &path, int count)
{
    std::vector<QImage> images;
    QDirIterator it(path, {QStringLiteral("*.png"), QStringLiteral("*.PNG")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext() && int(images.size()) < count) {
        QImage image(it.next());
        if (!image.isNull())
            images.push_back(image);
    }
    return images;
}

std::vector<QImage> previewCifar(const QString &path, int count)
{
    QString file = path;
    if (QFileInfo(path).isDir()) {
        QDirIterator it(path, {QStringLiteral("data_batch_1.bin"), QStringLiteral("test_batch.bin")}, QDir::Files,
                        QDirIterator::Subdirectories);
        file = it.hasNext() ? it.next() : QString();
    }
    QFile f(file);
    if (file.isEmpty() || !f.open(QIODevice::ReadOnly))
        return {};
    constexpr int kRecord = 1 + 3 * 32 * 32; // label byte, then planar RGB
    std::vector<QImage> images;
    for (int i = 0; i < count; ++i) {
        const QByteArray record = f.read(kRecord);
        if (record.size() != kRecord)
            break;
        images.push_back(planarToImage(reinterpret_cast<const std::uint8_t *>(record.constData()) + 1, 3, 32, 32));
    }
    return images;
}

} // namespace

std::vector<QImage> previewSource(const QString &path, SourceFormat format, int count)
{
    if (path.isEmpty() || !QFileInfo::exists(path))
        return {};
    if (format == SourceFormat::Auto) {
        try {
            format = detectFormat(path);
        } catch (...) {
            return {};
        }
    }
    switch (format) {
    case SourceFormat::Idx:
        return previewIdx(path, count);
    case SourceFormat::PngCsv:
    case SourceFormat::ClassFolders:
        return previewPngs(path, count);
    case SourceFormat::Cifar10:
        return previewCifar(path, count);
    case SourceFormat::Npz:
    case SourceFormat::Auto:
        break;
    }
    return {};
}

} // namespace mlwb
