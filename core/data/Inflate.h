#pragma once
// zlib decompression for the readers (gzip'd IDX files, deflated zip entries).
#include <QByteArray>
#include <QString>

namespace mlwb::detail {

// Starts with the gzip magic bytes 1f 8b?
bool isGzip(const QByteArray &bytes);

// Inflates a whole gzip file (all its members). `origin` names the file for errors.
QByteArray gunzip(const QByteArray &compressed, const QString &origin);

// Inflates a raw deflate stream (no zlib/gzip header, as in zip entries) that must give
// exactly `expectedSize` bytes.
QByteArray inflateRaw(const char *data, qint64 size, qint64 expectedSize, const QString &origin);

} // namespace mlwb::detail
