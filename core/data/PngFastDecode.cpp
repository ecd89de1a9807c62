#include "data/PngFastDecode.h"

#include "data/Inflate.h"

#include <zlib.h>

#include <cstdlib>
#include <cstring>

namespace mlwb::detail {
namespace {

constexpr unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr qint64 maxPixels = qint64(1) << 26;

quint32 bigEndian32(const unsigned char *p)
{
    return quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | quint32(p[3]);
}

bool isCritical(const unsigned char *type)
{
    return (type[0] & 0x20) == 0; // upper-case first letter
}

int paeth(int a, int b, int c)
{
    const int p = a + b - c;
    const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
}

// Undoes the per-row filters of `raw` (rows of 1 filter byte + stride bytes) into `out`
// (rows of stride bytes). One loop per filter type: this runs for every pixel.
bool unfilter(const std::uint8_t *raw, int height, size_t stride, size_t bpp, std::uint8_t *out)
{
    thread_local std::vector<std::uint8_t> zeroRow;
    zeroRow.assign(stride, 0);
    const std::uint8_t *up = zeroRow.data(); // the row above the first is zeros
    for (int y = 0; y < height; ++y, raw += stride + 1) {
        const std::uint8_t *in = raw + 1;
        std::uint8_t *row = out + size_t(y) * stride;
        switch (raw[0]) {
        case 0:
            std::memcpy(row, in, stride);
            break;
        case 1:
            std::memcpy(row, in, bpp);
            for (size_t x = bpp; x < stride; ++x)
                row[x] = std::uint8_t(in[x] + row[x - bpp]);
            break;
        case 2:
            for (size_t x = 0; x < stride; ++x)
                row[x] = std::uint8_t(in[x] + up[x]);
            break;
        case 3:
            for (size_t x = 0; x < bpp; ++x)
                row[x] = std::uint8_t(in[x] + up[x] / 2);
            for (size_t x = bpp; x < stride; ++x)
                row[x] = std::uint8_t(in[x] + (row[x - bpp] + up[x]) / 2);
            break;
        case 4:
            for (size_t x = 0; x < bpp; ++x)
                row[x] = std::uint8_t(in[x] + up[x]); // paeth(0, b, 0) = b
            for (size_t x = bpp; x < stride; ++x)
                row[x] = std::uint8_t(in[x] + paeth(row[x - bpp], up[x], up[x - bpp]));
            break;
        default:
            return false;
        }
        up = row;
    }
    return true;
}

class ZStream {
public:
    ZStream() { m_ok = inflateInit(&m_zs) == Z_OK; }
    ~ZStream() { inflateEnd(&m_zs); }
    ZStream(const ZStream &) = delete;
    ZStream &operator=(const ZStream &) = delete;
    bool ok() const { return m_ok; }
    z_stream *get() { return &m_zs; }

private:
    z_stream m_zs{};
    bool m_ok = false;
};

} // namespace

bool decodeSimplePng(const char *data, qint64 size, int channels, SimplePng &out)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    if (size < 8 + 25 || std::memcmp(p, signature, 8) != 0)
        return false;
    qint64 pos = 8;
    int width = 0, height = 0;
    size_t stride = 0;
    // Reused across the files a thread decodes: no allocation per file.
    thread_local std::vector<std::uint8_t> raw; // filtered rows
    thread_local ZStream zs;
    if (!zs.ok() || inflateReset(zs.get()) != Z_OK)
        return false;
    bool sawHeader = false, finished = false;
    while (pos + 12 <= size) {
        const quint32 length = bigEndian32(p + pos);
        const unsigned char *type = p + pos + 4;
        const unsigned char *body = p + pos + 8;
        if (qint64(length) > size - pos - 12)
            return false;
        const quint32 crc = quint32(crc32(crc32(0, nullptr, 0), type, uInt(length + 4)));
        if (crc != bigEndian32(body + length))
            return false;
        pos += 12 + qint64(length);
        if (std::memcmp(type, "IHDR", 4) == 0) {
            if (sawHeader || length != 13)
                return false;
            width = int(bigEndian32(body));
            height = int(bigEndian32(body + 4));
            const int bitDepth = body[8], colourType = body[9];
            const int compression = body[10], filterMethod = body[11], interlace = body[12];
            const int pngChannels = colourType == 0 ? 1 : colourType == 2 ? 3 : 0;
            if (width <= 0 || height <= 0 || qint64(width) * height > maxPixels || bitDepth != 8
                || pngChannels != channels || compression != 0 || filterMethod != 0 || interlace != 0)
                return false;
            stride = size_t(width) * size_t(channels);
            // More pixels than the file's bytes can inflate to: damaged, leave it to the general decoder.
            if (qint64(height) * qint64(stride + 1) > maxInflatedSize(size))
                return false;
            raw.resize(size_t(height) * (stride + 1));
            zs.get()->next_out = raw.data();
            zs.get()->avail_out = uInt(raw.size());
            sawHeader = true;
        } else if (std::memcmp(type, "IDAT", 4) == 0) {
            if (!sawHeader || finished)
                return false;
            zs.get()->next_in = const_cast<Bytef *>(body);
            zs.get()->avail_in = uInt(length);
            const int ret = inflate(zs.get(), Z_NO_FLUSH);
            if (ret == Z_STREAM_END)
                finished = true;
            else if (ret != Z_OK && !(ret == Z_BUF_ERROR && length == 0))
                return false;
        } else if (std::memcmp(type, "IEND", 4) == 0) {
            break;
        } else if (std::memcmp(type, "tRNS", 4) == 0 || isCritical(type)) {
            return false; // transparency or a critical chunk we do not know (PLTE)
        }
    }
    if (!finished || zs.get()->avail_out != 0)
        return false;
    out.width = width;
    out.height = height;
    out.channels = channels;
    out.pixels.resize(size_t(height) * stride);
    return unfilter(raw.data(), height, stride, size_t(channels), out.pixels.data());
}

} // namespace mlwb::detail
