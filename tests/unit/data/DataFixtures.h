#pragma once
// Writers of tiny data set files for the reader tests: IDX, gzip, zip/npz, PNG, CIFAR.
// Written from the formats' specifications, independently of the readers under test.
#include "common/Error.h"
#include "data/Ingest.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QString>
#include <QtEndian>

#include <array>
#include <cstdint>
#include <vector>

namespace fixtures {

// The message ingest() throws for `path`, or an empty string when it reads fine.
inline QString errorOf(const QString &path, const mlwb::IngestOptions &options = {})
{
    try {
        mlwb::ingest(path, options);
    } catch (const mlwb::Error &e) {
        return e.message();
    }
    return {};
}


inline void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write fixture %s", qPrintable(path));
}

inline QByteArray be32(quint32 v)
{
    QByteArray b(4, Qt::Uninitialized);
    qToBigEndian(v, b.data());
    return b;
}

inline QByteArray le16(quint16 v)
{
    QByteArray b(2, Qt::Uninitialized);
    qToLittleEndian(v, b.data());
    return b;
}

inline QByteArray le32(quint32 v)
{
    QByteArray b(4, Qt::Uninitialized);
    qToLittleEndian(v, b.data());
    return b;
}

// A recognisable pixel value for image i, row y, column x, channel c.
inline std::uint8_t pixel(int i, int y, int x, int c = 0)
{
    return std::uint8_t((i * 37 + y * 11 + x * 5 + c * 83) % 256);
}

inline QByteArray idxImages(int n, int h, int w)
{
    QByteArray b = be32(0x00000803) + be32(quint32(n)) + be32(quint32(h)) + be32(quint32(w));
    for (int i = 0; i < n; ++i)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                b.append(char(pixel(i, y, x)));
    return b;
}

inline QByteArray idxLabels(const std::vector<int> &labels)
{
    QByteArray b = be32(0x00000801) + be32(quint32(labels.size()));
    for (int l : labels)
        b.append(char(l));
    return b;
}

inline quint32 crc32(const QByteArray &data)
{
    static const auto table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    quint32 c = 0xffffffffu;
    for (char ch : data)
        c = table[(c ^ quint8(ch)) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

// Raw deflate (no zlib header): qCompress gives a 4-byte length, a 2-byte zlib header,
// the deflate stream and a 4-byte Adler-32.
inline QByteArray rawDeflate(const QByteArray &data)
{
    const QByteArray z = qCompress(data, 9);
    return z.mid(6, z.size() - 10);
}

inline QByteArray gzip(const QByteArray &data)
{
    const QByteArray header("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", 10);
    return header + rawDeflate(data) + le32(crc32(data)) + le32(quint32(data.size()));
}

struct ZipEntry {
    QString name;
    QByteArray data;
    bool deflate = false;
};

inline QByteArray le64(quint64 v)
{
    QByteArray b(8, Qt::Uninitialized);
    qToLittleEndian(v, b.data());
    return b;
}

// A zip archive as Python's zipfile writes it (no data descriptors). With `zip64`, sizes
// are 0xffffffff in the headers and given in zip64 extra fields, as NumPy's savez
// (force_zip64) does in its local headers.
inline QByteArray zipArchive(const std::vector<ZipEntry> &entries, bool zip64 = false)
{
    QByteArray out, central;
    for (const ZipEntry &e : entries) {
        const QByteArray name = e.name.toUtf8();
        const QByteArray stored = e.deflate ? rawDeflate(e.data) : e.data;
        const quint16 method = e.deflate ? 8 : 0;
        const quint32 crc = crc32(e.data);
        const quint32 offset = quint32(out.size());
        const QByteArray extra = zip64 ? le16(1) + le16(16) + le64(quint64(e.data.size())) + le64(quint64(stored.size()))
                                       : QByteArray();
        const QByteArray sizes = zip64 ? le32(0xffffffffu) + le32(0xffffffffu)
                                       : le32(quint32(stored.size())) + le32(quint32(e.data.size()));
        out += le32(0x04034b50) + le16(zip64 ? 45 : 20) + le16(0) + le16(method) + le16(0) + le16(0x21) + le32(crc)
               + sizes + le16(quint16(name.size())) + le16(quint16(extra.size())) + name + extra + stored;
        central += le32(0x02014b50) + le16(45) + le16(zip64 ? 45 : 20) + le16(0) + le16(method) + le16(0) + le16(0x21)
                   + le32(crc) + sizes + le16(quint16(name.size())) + le16(quint16(extra.size())) + le16(0) + le16(0)
                   + le16(0) + le32(0) + le32(offset) + name + extra;
    }
    const quint32 centralOffset = quint32(out.size());
    out += central;
    out += le32(0x06054b50) + le16(0) + le16(0) + le16(quint16(entries.size())) + le16(quint16(entries.size()))
           + le32(quint32(central.size())) + le32(centralOffset) + le16(0);
    return out;
}

// A .npy array: header padded so that the data starts on a 64-byte boundary, as NumPy does.
inline QByteArray npy(const QString &descr, const std::vector<qint64> &shape, const QByteArray &data, int version = 1)
{
    QStringList dims;
    for (qint64 d : shape)
        dims << QString::number(d);
    QString shapeText = u'(' + dims.join(QStringLiteral(", ")) + (shape.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
    QByteArray dict = QStringLiteral("{'descr': '%1', 'fortran_order': False, 'shape': %2, }").arg(descr, shapeText).toLatin1();
    const int prefix = version == 1 ? 10 : 12;
    while ((prefix + dict.size() + 1) % 64 != 0)
        dict.append(' ');
    dict.append('\n');
    QByteArray out("\x93NUMPY", 6);
    out.append(char(version)).append(char(0));
    out += version == 1 ? le16(quint16(dict.size())) : le32(quint32(dict.size()));
    return out + dict + data;
}

inline QByteArray u8Images(int n, int h, int w, int c = 1)
{
    // Channels-last (H×W×C), as NumPy/Keras store them.
    QByteArray b;
    for (int i = 0; i < n; ++i)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                for (int ch = 0; ch < c; ++ch)
                    b.append(char(pixel(i, y, x, ch)));
    return b;
}

template <typename T>
QByteArray littleEndianArray(const std::vector<T> &values)
{
    QByteArray b;
    for (T v : values) {
        QByteArray item(int(sizeof(T)), Qt::Uninitialized);
        qToLittleEndian(v, item.data());
        b += item;
    }
    return b;
}

// A grey (or colour) PNG whose pixels follow pixel(i, y, x, c).
inline QImage patternImage(int i, int w, int h, bool colour = false)
{
    QImage img(w, h, colour ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y) {
        uchar *row = img.scanLine(y);
        for (int x = 0; x < w; ++x) {
            if (colour)
                for (int c = 0; c < 3; ++c)
                    row[x * 3 + c] = pixel(i, y, x, c);
            else
                row[x] = pixel(i, y, x);
        }
    }
    return img;
}

inline void writePng(const QString &path, const QImage &image)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!image.save(path, "PNG"))
        qFatal("cannot write PNG fixture %s", qPrintable(path));
}

} // namespace fixtures
