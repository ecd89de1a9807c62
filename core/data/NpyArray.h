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

    qint64 count() const;      // product of shape
    const std::uint8_t *data() const { return reinterpret_cast<const std::uint8_t *>(bytes.constData() + dataOffset); }
    bool isInteger() const { return kind == 'u' || kind == 'i' || kind == 'b'; }
    // Element i of an integer array, whatever its width and byte order.
    qint64 integerAt(qint64 i) const;
    QString shapeText() const; // "(60000, 28, 28)"
};

// Parses the header and checks that the payload is complete; throws Error naming
// `origin` (dtype, shape, expected vs got bytes).
NpyArray parseNpy(QByteArray bytes, const QString &origin);

} // namespace mlwb::detail
