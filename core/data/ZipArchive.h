#pragma once
// A small read-only zip reader for .npz files: central directory (with zip64 sizes),
// entries stored (method 0) or deflated (method 8), CRC-checked.
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace mlwb::detail {

class ZipArchive {
public:
    struct Entry {
        QString name;
        quint16 flags = 0;
        quint16 method = 0;
        quint32 crc32 = 0;
        qint64 compressedSize = 0;
        qint64 size = 0;
        qint64 localHeaderOffset = 0;
    };

    // Reads the whole file and its central directory; throws Error naming the file when
    // it is not a zip archive or its directory is damaged.
    explicit ZipArchive(const QString &path);

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
    void readCentralDirectory();
    const char *entryData(const Entry &entry, const QString &origin) const;
    QString originOf(const Entry &entry) const;

    QString m_path;
    QByteArray m_bytes;
    std::vector<Entry> m_entries;
};

} // namespace mlwb::detail
