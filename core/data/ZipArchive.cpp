#include "data/ZipArchive.h"

#include "common/Error.h"
#include "data/Inflate.h"
#include "data/IngestSupport.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace mlwb::detail {
namespace {

constexpr quint32 localHeaderSignature = 0x04034b50;
constexpr quint32 centralHeaderSignature = 0x02014b50;
constexpr quint32 endOfCentralDirSignature = 0x06054b50;
constexpr quint32 zip64EndSignature = 0x06064b50;
constexpr quint32 zip64LocatorSignature = 0x07064b50;
constexpr qint64 endRecordSize = 22;
constexpr qint64 centralHeaderSize = 46;
constexpr qint64 localHeaderSize = 30;
constexpr quint16 zip64ExtraId = 0x0001;

// Little-endian reads that refuse to run past the end of the file.
class LittleEndian {
public:
    LittleEndian(const QByteArray &bytes, const QString &origin) : m_bytes(bytes), m_origin(origin) {}

    quint64 read(qint64 offset, int width, const char *what) const
    {
        if (offset < 0 || offset > m_bytes.size() - width) // no offset + width: it could overflow
            throw Error(QStringLiteral("%1: corrupt zip: %2 at offset %3 lies past the end of the %4-byte file")
                            .arg(m_origin, QLatin1String(what)).arg(offset).arg(m_bytes.size()));
        quint64 value = 0;
        for (int i = width - 1; i >= 0; --i)
            value = value << 8 | quint8(m_bytes[offset + i]);
        return value;
    }
    quint16 u16(qint64 offset, const char *what) const { return quint16(read(offset, 2, what)); }
    quint32 u32(qint64 offset, const char *what) const { return quint32(read(offset, 4, what)); }
    quint64 u64(qint64 offset, const char *what) const { return read(offset, 8, what); }

private:
    const QByteArray &m_bytes;
    const QString &m_origin;
};

} // namespace

ZipArchive::ZipArchive(const QString &path) : m_path(path), m_bytes(readWholeFile(path))
{
    readCentralDirectory();
}

void ZipArchive::readCentralDirectory()
{
    const LittleEndian le(m_bytes, m_path);
    const qint64 size = m_bytes.size();
    // The end record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
    qint64 endPos = -1;
    for (qint64 pos = size - endRecordSize; pos >= std::max<qint64>(0, size - endRecordSize - 0xffff); --pos) {
        if (le.u32(pos, "end record") == endOfCentralDirSignature
            && pos + endRecordSize + le.u16(pos + 20, "comment length") <= size) {
            endPos = pos;
            break;
        }
    }
    if (endPos < 0) {
        const bool hasLocalHeader = size >= 4 && le.u32(0, "signature") == localHeaderSignature;
        throw Error(QStringLiteral("%1: not a zip archive (%2)")
                        .arg(m_path, hasLocalHeader ? QStringLiteral("it starts like one but has no central directory: truncated?")
                                                    : QStringLiteral("no zip end-of-central-directory record found")));
    }
    // Sizes and offsets stay unsigned until checked against the file's real size: a zip64
    // field of 2^63 or more would turn negative in a signed integer and pass every "past the
    // end" test.
    quint64 count = le.u16(endPos + 10, "entry count");
    quint64 dirSize = le.u32(endPos + 12, "central directory size");
    quint64 dirOffset = le.u32(endPos + 16, "central directory offset");
    if (count == 0xffff || dirSize == 0xffffffff || dirOffset == 0xffffffff) {
        const qint64 locator = endPos - 20;
        if (locator < 0 || le.u32(locator, "zip64 locator") != zip64LocatorSignature)
            throw Error(QStringLiteral("%1: corrupt zip: zip64 sizes announced at offset %2 but no zip64 locator")
                            .arg(m_path).arg(endPos));
        const quint64 end64 = le.u64(locator + 8, "zip64 end record offset");
        if (end64 > quint64(size) || le.u32(qint64(end64), "zip64 end record") != zip64EndSignature)
            throw Error(QStringLiteral("%1: corrupt zip: no zip64 end record at offset %2").arg(m_path).arg(end64));
        count = le.u64(qint64(end64) + 32, "zip64 entry count");
        dirSize = le.u64(qint64(end64) + 40, "zip64 central directory size");
        dirOffset = le.u64(qint64(end64) + 48, "zip64 central directory offset");
    }
    if (dirOffset > quint64(size) || dirSize > quint64(size) - dirOffset)
        throw Error(QStringLiteral("%1: corrupt zip: central directory (%2 bytes at offset %3) runs past the end of the %4-byte file")
                        .arg(m_path).arg(dirSize).arg(dirOffset).arg(size));
    if (count > dirSize / quint64(centralHeaderSize))
        throw Error(QStringLiteral("%1: corrupt zip: %2 entries cannot fit in a %3-byte central directory")
                        .arg(m_path).arg(count).arg(dirSize));

    qint64 pos = qint64(dirOffset);
    for (quint64 i = 0; i < count; ++i) {
        if (le.u32(pos, "central directory entry") != centralHeaderSignature)
            throw Error(QStringLiteral("%1: corrupt zip: entry %2 of the central directory (offset %3) has a bad signature")
                            .arg(m_path).arg(i).arg(pos));
        Entry e;
        e.flags = le.u16(pos + 8, "flags");
        e.method = le.u16(pos + 10, "method");
        e.crc32 = le.u32(pos + 16, "crc");
        quint64 compressedSize = le.u32(pos + 20, "compressed size");
        quint64 entrySize = le.u32(pos + 24, "size");
        const int nameLength = le.u16(pos + 28, "name length");
        const int extraLength = le.u16(pos + 30, "extra length");
        const int commentLength = le.u16(pos + 32, "comment length");
        quint64 localHeaderOffset = le.u32(pos + 42, "local header offset");
        const qint64 namePos = pos + centralHeaderSize;
        le.read(namePos + nameLength + extraLength + commentLength - 1, 1, "entry name");
        e.name = QString::fromUtf8(m_bytes.constData() + namePos, nameLength);
        // zip64: the fields that read 0xffffffff follow, in this order, in extra field 1.
        for (qint64 x = namePos + nameLength; x + 4 <= namePos + nameLength + extraLength;) {
            const quint16 id = le.u16(x, "extra field id");
            const quint16 length = le.u16(x + 2, "extra field length");
            if (id == zip64ExtraId) {
                qint64 field = x + 4;
                for (quint64 *value : {&entrySize, &compressedSize, &localHeaderOffset}) {
                    if (*value == 0xffffffff && field + 8 <= x + 4 + length) {
                        *value = le.u64(field, "zip64 extra field");
                        field += 8;
                    }
                }
            }
            x += 4 + length;
        }
        // What lies in the file must fit in it; the inflated size is checked when read.
        if (localHeaderOffset >= quint64(size) || compressedSize > quint64(size))
            throw Error(QStringLiteral("%1: corrupt zip: entry %2 claims %3 compressed bytes at offset %4, past the end "
                                       "of the %5-byte file")
                            .arg(m_path, e.name).arg(compressedSize).arg(localHeaderOffset).arg(size));
        if (entrySize > quint64(std::numeric_limits<qint64>::max()))
            throw Error(QStringLiteral("%1: corrupt zip: entry %2 claims a size of %3 bytes").arg(m_path, e.name).arg(entrySize));
        e.compressedSize = qint64(compressedSize);
        e.size = qint64(entrySize);
        e.localHeaderOffset = qint64(localHeaderOffset);
        m_entries.push_back(e);
        pos = namePos + nameLength + extraLength + commentLength;
    }
}

QStringList ZipArchive::names() const
{
    QStringList list;
    for (const Entry &e : m_entries)
        list << e.name;
    return list;
}

const ZipArchive::Entry *ZipArchive::find(const QString &name) const
{
    for (const Entry &e : m_entries)
        if (e.name == name)
            return &e;
    return nullptr;
}

const char *ZipArchive::entryData(const Entry &entry, const QString &origin) const
{
    const LittleEndian le(m_bytes, origin);
    if (entry.flags & 1)
        throw Error(QStringLiteral("%1: is encrypted").arg(origin));
    if (le.u32(entry.localHeaderOffset, "local header") != localHeaderSignature)
        throw Error(QStringLiteral("%1: corrupt zip: no local header at offset %2").arg(origin).arg(entry.localHeaderOffset));
    if (entry.method != 0 && entry.method != 8)
        throw Error(QStringLiteral("%1: compression method %2 is not supported (only 0, stored, and 8, deflate)")
                        .arg(origin).arg(entry.method));
    // The local header's own sizes may be placeholders (streamed or zip64): trust the central directory's.
    const qint64 dataPos = entry.localHeaderOffset + localHeaderSize + le.u16(entry.localHeaderOffset + 26, "name length")
                           + le.u16(entry.localHeaderOffset + 28, "extra length");
    if (dataPos > m_bytes.size() || entry.compressedSize > m_bytes.size() - dataPos)
        throw Error(QStringLiteral("%1: truncated: its %2 compressed bytes at offset %3 run past the end of the %4-byte file")
                        .arg(origin).arg(entry.compressedSize).arg(dataPos).arg(m_bytes.size()));
    return m_bytes.constData() + dataPos;
}

QString ZipArchive::originOf(const Entry &entry) const
{
    return QStringLiteral("%1, entry %2").arg(m_path, entry.name);
}

QByteArray ZipArchive::readPrefix(const Entry &entry, qint64 bytes) const
{
    const QString origin = originOf(entry);
    const char *data = entryData(entry, origin);
    if (entry.method == 0)
        return QByteArray(data, std::min(bytes, entry.compressedSize));
    return inflateRawPrefix(data, entry.compressedSize, bytes, origin);
}

QByteArray ZipArchive::read(const Entry &entry) const
{
    const QString origin = originOf(entry);
    const char *data = entryData(entry, origin);
    QByteArray content;
    if (entry.method == 0) {
        if (entry.compressedSize != entry.size)
            throw Error(QStringLiteral("%1: stored entry with %2 bytes on disk but size %3")
                            .arg(origin).arg(entry.compressedSize).arg(entry.size));
        content = QByteArray(data, entry.size);
    } else {
        content = inflateRaw(data, entry.compressedSize, entry.size, origin);
    }
    // zlib's crc32 takes 32-bit lengths: go in slices.
    uLong crc = crc32(0, nullptr, 0);
    for (qint64 done = 0; done < content.size();) {
        const qint64 slice = std::min<qint64>(content.size() - done, qint64(1) << 30);
        crc = crc32(crc, reinterpret_cast<const Bytef *>(content.constData() + done), uInt(slice));
        done += slice;
    }
    if (quint32(crc) != entry.crc32)
        throw Error(QStringLiteral("%1: CRC mismatch (0x%2 computed, 0x%3 recorded): the file is damaged")
                        .arg(origin).arg(quint32(crc), 8, 16, QLatin1Char('0')).arg(entry.crc32, 8, 16, QLatin1Char('0')));
    return content;
}

} // namespace mlwb::detail
