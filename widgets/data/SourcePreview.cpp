#include "data/SourcePreview.h"

#include "data/IdxReader.h"
#include "data/Inflate.h"
#include "data/SampleImage.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

namespace mlwb {

namespace {

constexpr qint64 kMaxGzipToInflate = 16 << 20; // MNIST's 10 MB file inflates in a blink

quint32 bigEndian32(const QByteArray &bytes, int offset)
{
    return qFromBigEndian<quint32>(reinterpret_cast<const uchar *>(bytes.constData()) + offset);
}

std::vector<QImage> previewIdx(const QString &path, int count)
{
    QString file = path;
    if (QFileInfo(path).isDir()) {
        file = detail::findIdxFile(path, QStringLiteral("train"), true);
        if (file.isEmpty())
            file = detail::findIdxFile(path, QStringLiteral("t10k"), true);
    }
    QFile f(file);
    if (file.isEmpty() || !f.open(QIODevice::ReadOnly))
        return {};
    QByteArray bytes = f.read(16);
    QByteArray compressed;
    if (detail::isGzip(bytes)) {
        if (f.size() > kMaxGzipToInflate)
            return {};
        f.seek(0);
        compressed = f.readAll();
        try {
            bytes = detail::gunzip(compressed, file, 16); // the header first: no size is trusted
        } catch (...) {
            return {};
        }
    }
    if (bytes.size() < 16 || bigEndian32(bytes, 0) != 0x00000803)
        return {};
    const quint32 n = bigEndian32(bytes, 4), rows = bigEndian32(bytes, 8), cols = bigEndian32(bytes, 12);
    if (rows == 0 || cols == 0 || rows > 4096 || cols > 4096)
        return {};
    const qint64 imageBytes = qint64(rows) * cols;
    const int wanted = int(std::min<quint32>(n, quint32(count)));
    if (!compressed.isEmpty()) {
        try {
            bytes = detail::gunzip(compressed, file, 16 + wanted * imageBytes); // only the images shown
        } catch (...) {
            return {};
        }
    } else if (bytes.size() == 16) {
        bytes += f.read(wanted * imageBytes);
    }
    std::vector<QImage> images;
    for (int i = 0; i < wanted && 16 + (i + 1) * imageBytes <= bytes.size(); ++i)
        images.push_back(planarToImage(reinterpret_cast<const std::uint8_t *>(bytes.constData()) + 16 + i * imageBytes, 1,
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
