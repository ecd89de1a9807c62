#pragma once
#include "data/Ingest.h"

#include <QByteArray>
#include <QString>
#include <vector>

namespace mlwb::detail {

// MNIST IDX files, raw or gzip'd (told apart by the gzip magic, not the name).
// `path` is a folder holding train-images-idx3-ubyte[.gz] + train-labels-idx1-ubyte[.gz]
// (→ Train) and optionally t10k-images-idx3-ubyte[.gz] + t10k-labels-idx1-ubyte[.gz]
// (→ Test), or one images file whose labels file (…labels-idx1-ubyte…) lies next to it.
// Class names: options.classNames, else "0".."9"; a label outside them is an error.
Dataset readIdx(const QString &path, const IngestOptions &options);

// The IDX images file of a folder for `prefix` ("train" or "t10k"), or an empty string.
QString findIdxFile(const QString &folder, const QString &prefix, bool images);

// Does the file start like an IDX images file (magic 0x00000803, raw or gzip'd)?
bool looksLikeIdxImages(const QString &file);

// Images: magic 0x00000803 (unsigned bytes, count × rows × columns); labels: 0x00000801
// (unsigned bytes, count).
enum class IdxKind { Images, Labels };

// An IDX file's header, read and checked against the file: the one parser of IDX headers,
// for the reader and the import preview alike.
struct IdxHeader {
    QString path;
    QString origin;          // the path, plus a note when offsets count inflated bytes
    bool gzipped = false;
    QByteArray compressed;   // a gzip'd file's bytes (only its header has been inflated)
    std::vector<qint64> dims;
    qint64 dataOffset = 0;   // header bytes
    qint64 expectedSize = 0; // header + payload, as the header declares

    QString dimText() const; // "60000×28×28"
};

// Reads the header of the IDX file at `path` (inflating no more than the header of a
// gzip'd one) and checks it: the magic of `kind`, no dimension 0 but the count, their
// product overflow-checked, the size it declares present in a raw file (no more, no less)
// and possible for a gzip'd one's compressed bytes, and no more than memory can hold.
// Throws Error naming the file otherwise. Nothing is allocated on the header's word.
IdxHeader readIdxHeader(const QString &path, IdxKind kind);

} // namespace mlwb::detail
