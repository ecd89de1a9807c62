#include "data/Inflate.h"

#include "common/Error.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace mlwb::detail {
namespace {

// zlib counts in 32-bit units: feed and drain at most this much per call.
constexpr qint64 maxChunk = qint64(1) << 30;

class Inflater {
public:
    Inflater(int windowBits, const QString &origin) : m_origin(origin)
    {
        if (inflateInit2(&m_zs, windowBits) != Z_OK)
            throw Error(QStringLiteral("%1: cannot start zlib: %2").arg(origin, QString::fromLatin1(m_zs.msg ? m_zs.msg : "")));
    }
    ~Inflater() { inflateEnd(&m_zs); }
    Inflater(const Inflater &) = delete;
    Inflater &operator=(const Inflater &) = delete;

    // Inflates one stream starting at in[inPos], appending at out[outPos] (growing `out`
    // unless `fixedSize`). Returns the input position after the stream's end.
    qint64 run(const char *in, qint64 inSize, qint64 inPos, QByteArray &out, qint64 &outPos, bool fixedSize)
    {
        for (;;) {
            if (outPos == out.size()) {
                if (fixedSize)
                    throw Error(QStringLiteral("%1: compressed data inflates to more than the %2 bytes expected")
                                    .arg(m_origin).arg(out.size() - 1));
                out.resize(std::max<qint64>(out.size() * 2, 1 << 16));
            }
            const qint64 inChunk = std::min(inSize - inPos, maxChunk);
            const qint64 outChunk = std::min(out.size() - outPos, maxChunk);
            m_zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in + inPos));
            m_zs.avail_in = uInt(inChunk);
            m_zs.next_out = reinterpret_cast<Bytef *>(out.data() + outPos);
            m_zs.avail_out = uInt(outChunk);
            const int ret = inflate(&m_zs, Z_NO_FLUSH);
            inPos += inChunk - qint64(m_zs.avail_in);
            outPos += outChunk - qint64(m_zs.avail_out);
            if (ret == Z_STREAM_END)
                return inPos;
            if (ret == Z_OK)
                continue;
            if (ret == Z_BUF_ERROR && inPos < inSize)
                continue; // only the output was full
            if (ret == Z_BUF_ERROR)
                throw Error(QStringLiteral("%1: compressed data ends early (truncated?) after %2 compressed bytes, "
                                           "%3 bytes inflated")
                                .arg(m_origin).arg(inSize).arg(outPos));
            throw Error(QStringLiteral("%1: corrupt compressed data near compressed byte %2: %3")
                            .arg(m_origin).arg(inPos)
                            .arg(QString::fromLatin1(m_zs.msg ? m_zs.msg : "zlib error")));
        }
    }

    void reset() { inflateReset(&m_zs); }

private:
    z_stream m_zs{};
    QString m_origin;
};

} // namespace

bool isGzip(const QByteArray &bytes)
{
    return bytes.size() >= 2 && quint8(bytes[0]) == 0x1f && quint8(bytes[1]) == 0x8b;
}

QByteArray gunzip(const QByteArray &compressed, const QString &origin)
{
    const qint64 inSize = compressed.size();
    if (inSize < 18)
        throw Error(QStringLiteral("%1: too short for a gzip file (%2 bytes)").arg(origin).arg(inSize));
    // The trailer holds the inflated size modulo 2^32: a good first guess for one member.
    const auto *tail = reinterpret_cast<const quint8 *>(compressed.constData() + inSize - 4);
    const qint64 sizeHint = qint64(tail[0]) | qint64(tail[1]) << 8 | qint64(tail[2]) << 16 | qint64(tail[3]) << 24;
    QByteArray out;
    out.resize(std::clamp<qint64>(sizeHint, 1 << 16, inSize * 1100));
    qint64 outPos = 0;
    Inflater inflater(16 + MAX_WBITS, origin);
    qint64 inPos = 0;
    for (;;) {
        inPos = inflater.run(compressed.constData(), inSize, inPos, out, outPos, false);
        // Concatenated gzip members form one file (as gzip -d reads them); anything else is trailing junk.
        if (inPos + 2 > inSize || quint8(compressed[inPos]) != 0x1f || quint8(compressed[inPos + 1]) != 0x8b)
            break;
        inflater.reset();
    }
    out.resize(outPos);
    return out;
}

QByteArray inflateRaw(const char *data, qint64 size, qint64 expectedSize, const QString &origin)
{
    // One spare byte: a stream that inflates to more than expected fills it and is refused.
    QByteArray out;
    out.resize(expectedSize + 1);
    qint64 outPos = 0;
    Inflater inflater(-MAX_WBITS, origin);
    inflater.run(data, size, 0, out, outPos, true);
    if (outPos != expectedSize)
        throw Error(QStringLiteral("%1: inflates to %2 bytes, expected %3").arg(origin).arg(outPos).arg(expectedSize));
    out.resize(expectedSize);
    return out;
}

} // namespace mlwb::detail
