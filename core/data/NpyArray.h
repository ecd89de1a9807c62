#pragma once
// NumPy .npy arrays (format versions 1–3) of plain integer dtypes, as found in .npz files.
#include <QByteArray>
#include <QString>
#include <vector>

namespace mlwb::detail {

struct NpyArray {
    QString origin;            // names the file/entry in messages
    QString descr;             // as written, e.g. "|u1", "<i8"
    char kind = 'u';           // 'u' unsigned, 'i' signed, 'b' bool, 'f' float, ...
    int itemSize = 1;
    bool bigEndian = false;
    std::vector<qint64> shape;
    QByteArray bytes;          // the whole .npy
    qint64 dataOffset = 0;     // where the C-order payload starts in `bytes`
    qint64 elements = 0;       // product of shape, overflow-checked
    qint64 payloadBytes = 0;   // elements × itemSize, overflow-checked

    qint64 count() const { return elements; }
    qint64 totalSize() const { return dataOffset + payloadBytes; } // what the whole .npy must hold
    const std::uint8_t *data() const { return reinterpret_cast<const std::uint8_t *>(bytes.constData() + dataOffset); }
    bool isInteger() const { return kind == 'u' || kind == 'i' || kind == 'b'; }
    // Element i of an integer array, whatever its width and byte order.
    qint64 integerAt(qint64 i) const;
    QString shapeText() const; // "(60000, 28, 28)"
};

// How many bytes the magic, version and header of an .npy take (= its dataOffset), from
// its first 12 bytes (or all of it when shorter). Throws Error naming `origin`.
qint64 npyHeaderEnd(const QByteArray &prefix, const QString &origin);

// Parses the header at the start of `head` (at least npyHeaderEnd bytes; the payload need
// not follow): dtype, shape, dataOffset, and the sizes the shape declares, overflow-checked.
// `bytes` stays empty. Throws Error naming `origin`.
NpyArray parseNpyHeader(const QByteArray &head, const QString &origin);

// Parses the header and checks that the payload is complete; throws Error naming
// `origin` (dtype, shape, expected vs got bytes).
NpyArray parseNpy(QByteArray bytes, const QString &origin);

} // namespace mlwb::detail
