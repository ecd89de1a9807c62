#include "data/Inflate.h"

#include "common/Error.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace mlwb::detail {
namespace {

// zlib counts in 32-bit units: feed and drain at most this much per call.
constexpr qint64 maxChunk = qint64(1) << 30;
constexpr qint64 minBuffer = qint64(1) << 16;

// A first buffer proportional to the bytes really there; it doubles as output arrives.
qint64 initialBuffer(qint64 compressedSize, qint64 limit)
{
    return std::min(limit, std::max(minBuffer, std::min(compressedSize, maxChunk) * 4));
}

class Inflater {
public:
    enum class Stop { StreamEnd, Limit };

    Inflater(int windowBits, const QString &origin) : m_origin(origin)
    {
        if (inflateInit2(&m_zs, windowBits) != Z_OK)
            throw Error(QStringLiteral("%1: cannot start zlib: %2").arg(origin, QString::fromLatin1(m_zs.msg ? m_zs.msg : "")));
    }
    ~Inflater() { inflateEnd(&m_zs); }
    Inflater(const Inflater &) = delete;
    Inflater &operator=(const Inflater &) = delete;

    // Inflates one stream starting at in[inPos], appending at out[outPos] and growing `out`
    // as output arrives, up to `limit` bytes. Stops at the stream's end (inPos then points
    // after it) or when `limit` bytes are out, whichever comes first.
    Stop run(const char *in, qint64 inSize, qint64 &inPos, QByteArray &out, qint64 &outPos, qint64 limit)
    {
        for (;;) {
            if (outPos >= limit)
                return Stop::Limit;
            if (outPos == out.size())
                out.resize(std::min(limit, std::max<qint64>(out.size() * 2, minBuffer)));
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
                return Stop::StreamEnd;
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

qint64 maxInflatedSize(qint64 compressedSize)
{
    constexpr qint64 ratio = 1032;
    constexpr qint64 slack = 1024; // block headers and a first literal on tiny streams
    if (compressedSize >= (std::numeric_limits<qint64>::max() - slack) / ratio)
        return std::numeric_limits<qint64>::max();
    return std::max<qint64>(compressedSize, 0) * ratio + slack;
}

QByteArray gunzip(const QByteArray &compressed, const QString &origin, qint64 limit)
{
    const qint64 inSize = compressed.size();
    if (inSize < 18)
        throw Error(QStringLiteral("%1: too short for a gzip file (%2 bytes)").arg(origin).arg(inSize));
    if (limit < 0)
        limit = maxInflatedSize(inSize);
    QByteArray out;
    out.resize(initialBuffer(inSize, limit));
    qint64 outPos = 0;
    Inflater inflater(16 + MAX_WBITS, origin);
    qint64 inPos = 0;
    for (;;) {
        if (inflater.run(compressed.constData(), inSize, inPos, out, outPos, limit) == Inflater::Stop::Limit)
            break;
        // Concatenated gzip members form one file (as gzip -d reads them); anything else is trailing junk.
        if (inPos + 2 > inSize || quint8(compressed[inPos]) != 0x1f || quint8(compressed[inPos + 1]) != 0x8b)
            break;
        inflater.reset();
    }
    out.resize(outPos);
    return out;
}

} // namespace mlwb::detail
