#include "data/ZipArchive.h"

#include "common/Error.h"
#include "data/Inflate.h"
#include "data/IngestSupport.h"

#include <zip.h>

#include <algorithm>
#include <limits>

namespace mlwb::detail {
namespace {

constexpr qint64 maxReadChunk = qint64(1) << 30;
constexpr qint64 minBuffer = qint64(1) << 16;

QString libzipText(zip_error_t *error)
{
    return QString::fromUtf8(zip_error_strerror(error));
}

struct FileClose {
    void operator()(zip_file_t *file) const { zip_fclose(file); }
};
using File = std::unique_ptr<zip_file_t, FileClose>;

// Reads from `file` until `limit` bytes are in or the entry ends, the buffer growing (from
// `first` bytes) as bytes arrive: a size written in the file is never what is allocated.
// Throws naming `origin` on libzip's errors (CRC, inflate, truncation); it checks the CRC
// when the end of the entry is reached.
QByteArray readUpTo(zip_file_t *file, qint64 limit, qint64 first, const QString &origin)
{
    QByteArray out;
    qint64 done = 0;
    while (done < limit) {
        if (done == out.size())
            out.resize(std::min(limit, std::max({qint64(out.size()) * 2, first, qint64(1)})));
        const zip_int64_t n = zip_fread(file, out.data() + done, zip_uint64_t(std::min(qint64(out.size()) - done, maxReadChunk)));
        if (n < 0) {
            zip_error_t *error = zip_file_get_error(file);
            if (zip_error_code_zip(error) == ZIP_ER_CRC)
                throw Error(QStringLiteral("%1: CRC mismatch: the file is damaged").arg(origin));
            throw Error(QStringLiteral("%1: cannot be read: %2").arg(origin, libzipText(error)));
        }
        if (n == 0)
            break;
        done += n;
    }
    out.resize(done);
    return out;
}

} // namespace

void ZipArchive::Close::operator()(zip *archive) const
{
    zip_discard(archive); // read-only: nothing to write back
}

ZipArchive::ZipArchive(const QString &path) : m_path(path), m_bytes(readWholeFile(path))
{
    // libzip takes an empty file for an empty archive (one it could create).
    if (m_bytes.isEmpty())
        throw Error(QStringLiteral("%1: not a zip archive (an empty file)").arg(path));
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(m_bytes.constData(), zip_uint64_t(m_bytes.size()), 0, &error);
    zip_t *archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    if (!archive) {
        const int code = zip_error_code_zip(&error);
        const QString text = libzipText(&error);
        zip_error_fini(&error);
        if (source)
            zip_source_free(source);
        if (code == ZIP_ER_NOZIP) {
            const bool hasLocalHeader = m_bytes.startsWith(QByteArrayLiteral("PK\x03\x04"));
            throw Error(QStringLiteral("%1: not a zip archive (%2)")
                            .arg(path, hasLocalHeader ? QStringLiteral("it starts like one but has no central directory: truncated?")
                                                      : QStringLiteral("no zip end-of-central-directory record found")));
        }
        if (code == ZIP_ER_INCONS)
            throw Error(QStringLiteral("%1: corrupt zip: central directory inconsistent with the %2-byte file (%3)")
                            .arg(path).arg(m_bytes.size()).arg(text));
        throw Error(QStringLiteral("%1: cannot be read as a zip archive: %2").arg(path, text));
    }
    zip_error_fini(&error);
    m_zip.reset(archive);

    const zip_int64_t count = zip_get_num_entries(archive, 0);
    const quint64 fileSize = quint64(m_bytes.size());
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        if (zip_stat_index(archive, zip_uint64_t(i), 0, &st) != 0)
            throw Error(QStringLiteral("%1: corrupt zip: entry %2: %3").arg(path).arg(i).arg(libzipText(zip_get_error(archive))));
        const zip_uint64_t needed = ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD;
        if ((st.valid & needed) != needed)
            throw Error(QStringLiteral("%1: corrupt zip: entry %2 lacks its sizes or CRC").arg(path).arg(i));
        Entry e;
        e.name = QString::fromUtf8(st.name);
        e.encrypted = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
        e.method = quint16(st.comp_method);
        e.crc32 = st.crc;
        // Sizes stay unsigned until checked: a zip64 field of 2^63 or more would turn
        // negative in a signed integer and pass every "past the end" test.
        if (st.comp_size > fileSize)
            throw Error(QStringLiteral("%1: corrupt zip: entry %2 claims %3 compressed bytes, past the end of the %4-byte file")
                            .arg(path, e.name).arg(st.comp_size).arg(fileSize));
        if (st.size > quint64(std::numeric_limits<qint64>::max()))
            throw Error(QStringLiteral("%1: corrupt zip: entry %2 claims a size of %3 bytes").arg(path, e.name).arg(st.size));
        e.compressedSize = qint64(st.comp_size);
        e.size = qint64(st.size);
        m_entries.push_back(e);
    }
}

ZipArchive::~ZipArchive() = default;

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

QString ZipArchive::originOf(const Entry &entry) const
{
    return QStringLiteral("%1, entry %2").arg(m_path, entry.name);
}

quint64 ZipArchive::indexOf(const Entry &entry) const
{
    if (!m_entries.empty() && &entry >= m_entries.data() && &entry < m_entries.data() + m_entries.size())
        return quint64(&entry - m_entries.data());
    if (const Entry *e = find(entry.name))
        return quint64(e - m_entries.data());
    throw Error(QStringLiteral("%1: no such entry").arg(originOf(entry)));
}

namespace {

// The entry opened for reading, once the methods libzip would read are narrowed to the two
// .npz files use (fewer decompressors within a hostile file's reach).
File openEntry(zip_t *archive, quint64 index, const ZipArchive::Entry &entry, const QString &origin)
{
    if (entry.encrypted)
        throw Error(QStringLiteral("%1: is encrypted").arg(origin));
    if (entry.method != ZIP_CM_STORE && entry.method != ZIP_CM_DEFLATE)
        throw Error(QStringLiteral("%1: compression method %2 is not supported (only 0, stored, and 8, deflate)")
                        .arg(origin).arg(entry.method));
    File file(zip_fopen_index(archive, index, 0));
    if (!file)
        throw Error(QStringLiteral("%1: cannot be read: %2").arg(origin, libzipText(zip_get_error(archive))));
    return file;
}

} // namespace

QByteArray ZipArchive::readPrefix(const Entry &entry, qint64 bytes) const
{
    const QString origin = originOf(entry);
    const File file = openEntry(m_zip.get(), indexOf(entry), entry, origin);
    return readUpTo(file.get(), std::max<qint64>(bytes, 0), std::min(bytes, minBuffer), origin);
}

QByteArray ZipArchive::read(const Entry &entry) const
{
    const QString origin = originOf(entry);
    // A size the bytes in the file cannot give is refused before reading.
    if (entry.method == ZIP_CM_STORE && entry.compressedSize != entry.size)
        throw Error(QStringLiteral("%1: stored entry with %2 bytes on disk but size %3")
                        .arg(origin).arg(entry.compressedSize).arg(entry.size));
    if (entry.method == ZIP_CM_DEFLATE && entry.size > maxInflatedSize(entry.compressedSize))
        throw Error(QStringLiteral("%1: declares %2 inflated bytes, but %3 compressed bytes inflate to at most %4 "
                                   "(deflate compresses at most 1032:1)")
                        .arg(origin).arg(entry.size).arg(entry.compressedSize).arg(maxInflatedSize(entry.compressedSize)));
    const File file = openEntry(m_zip.get(), indexOf(entry), entry, origin);
    // One byte past the size: a stream that gives it inflates to more and is refused there.
    const qint64 first = std::min(entry.size + 1, std::max(minBuffer, std::min(entry.compressedSize, maxReadChunk) * 4));
    QByteArray content = readUpTo(file.get(), entry.size + 1, first, origin);
    if (content.size() > entry.size)
        throw Error(QStringLiteral("%1: compressed data inflates to more than the %2 bytes expected; stopped there: "
                                   "damaged, or a decompression bomb")
                        .arg(origin).arg(entry.size));
    if (content.size() < entry.size)
        throw Error(QStringLiteral("%1: inflates to %2 bytes, expected %3").arg(origin).arg(content.size()).arg(entry.size));
    return content;
}

} // namespace mlwb::detail
