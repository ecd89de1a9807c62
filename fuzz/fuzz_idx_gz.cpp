// gzip'd IDX files whose content is the fuzz input, compressed here: mutations of a gzip
// file itself rarely get past its CRC, so this target reaches the inflated headers and
// payloads (and bombs, short streams, several members) that fuzz_idx seldom does.
// The first byte chooses, per file: gzip it or not, split it into two gzip members,
// append junk after the stream, or cut the stream short.
#include "FuzzSupport.h"

#include "data/Ingest.h"

#include <zlib.h>

using namespace mlwb;

namespace {

QByteArray gzip(const QByteArray &data, int level)
{
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        std::abort();
    QByteArray out(qsizetype(deflateBound(&zs, uLong(data.size()))), Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
        std::abort();
    out.resize(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return out;
}

// Bits of `mode` for one file: 1 gzip, 2 two members, 4 junk after, 8 cut short.
QByteArray encode(const QByteArray &content, unsigned mode, int level)
{
    if (!(mode & 1))
        return content;
    QByteArray out = mode & 2 ? gzip(content.left(content.size() / 2), level) + gzip(content.mid(content.size() / 2), level)
                              : gzip(content, level);
    if (mode & 4)
        out += QByteArray("\x1f\x8b junk", 7);
    if (mode & 8)
        out.chop(qMin<qsizetype>(out.size(), 1 + content.size() % 7));
    return out;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const unsigned imagesMode = data[0] & 0x0f, labelsMode = data[0] >> 4;
    const int level = data[1] % 10;
    const std::vector<QByteArray> parts = fuzz::splitParts(data + 2, size - 2, 2);
    const QString dir = fuzz::Scratch::instance().fresh();
    fuzz::writeFile(dir + QStringLiteral("/train-images-idx3-ubyte.gz"), encode(parts[0], imagesMode | 1, level));
    if (parts.size() > 1)
        fuzz::writeFile(dir + QStringLiteral("/train-labels-idx1-ubyte.gz"), encode(parts[1], labelsMode, level));
    fuzz::expectOnlyErrors([&] { ingest(dir, fuzz::ingestOptions(SourceFormat::Idx, data, size)); });
    return 0;
}
