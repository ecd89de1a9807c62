#pragma once
// The zip container of .npz files, read with libzip: entries stored (method 0) or deflated
// (method 8), CRC-checked. On top of libzip, the caps the readers need: no entry is
// allocated or inflated past what its sizes and compressed bytes can give. One thread at a
// time: libzip's archive handle is not shared between threads.
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

struct zip;

namespace mlwb::detail {

class ZipArchive {
public:
    struct Entry {
        QString name;
        bool encrypted = false;
        quint16 method = 0;
        quint32 crc32 = 0;
        qint64 compressedSize = 0;
        qint64 size = 0;
    };

    // Reads the whole file and its central directory; throws Error naming the file when
    // it is not a zip archive or its directory is damaged.
    explicit ZipArchive(const QString &path);
    ~ZipArchive();
    ZipArchive(const ZipArchive &) = delete;
    ZipArchive &operator=(const ZipArchive &) = delete;

    const QString &path() const { return m_path; }
    const std::vector<Entry> &entries() const { return m_entries; }
    QStringList names() const;
    const Entry *find(const QString &name) const; // nullptr when absent

    // The entry's content, inflated and CRC-checked; throws Error naming file and entry.
    // Inflating stops as soon as it passes entry.size, and a size the compressed bytes
    // cannot give is refused before inflating: check entry.size before calling.
    QByteArray read(const Entry &entry) const;

    // The first `bytes` bytes of the entry's content (fewer when it is shorter), not
    // CRC-checked: to read a header before trusting the entry's size.
    QByteArray readPrefix(const Entry &entry, qint64 bytes) const;

private:
    struct Close {
        void operator()(zip *archive) const;
    };
    QString originOf(const Entry &entry) const;
    quint64 indexOf(const Entry &entry) const;

    QString m_path;
    QByteArray m_bytes; // the whole file, which libzip reads in place: outlives m_zip
    std::unique_ptr<zip, Close> m_zip;
    std::vector<Entry> m_entries; // in libzip's index order
};

} // namespace mlwb::detail
