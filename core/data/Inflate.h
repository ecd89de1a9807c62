#pragma once
// zlib decompression for the readers (gzip'd IDX files; zip entries are libzip's). Nothing here
// trusts a size written in the data: output is capped by the caller's limit and the buffer
// grows only as inflated bytes really arrive.
#include <QByteArray>
#include <QString>

namespace mlwb::detail {

// Starts with the gzip magic bytes 1f 8b?
bool isGzip(const QByteArray &bytes);

// The most bytes `compressedSize` bytes of deflate data can inflate to. Deflate's best ratio
// is 1032:1 (a 258-byte match coded in 2 bits); a declared size above this is a lie.
qint64 maxInflatedSize(qint64 compressedSize);

// Inflates a whole gzip file (all its members), but never more than `limit` bytes (-1:
// maxInflatedSize of the input): the result then holds exactly `limit` bytes, which tells
// the caller that there was more. `origin` names the file for errors.
QByteArray gunzip(const QByteArray &compressed, const QString &origin, qint64 limit = -1);

} // namespace mlwb::detail
