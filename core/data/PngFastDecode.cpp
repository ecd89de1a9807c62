#include "data/PngFastDecode.h"

#include "data/Inflate.h"

#include <spng.h>

#include <cstring>
#include <memory>

namespace mlwb::detail {
namespace {

constexpr unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr qint64 maxPixels = qint64(1) << 26;
constexpr quint32 maxSide = quint32(1) << 24;
// Ancillary chunks (text, ICC profiles) are never used here: cap what spng may inflate
// and keep of them (one chunk, all of them), so that a compressed text chunk cannot
// become a bomb. spng wants the first no larger than the second.
constexpr size_t maxChunkBytes = size_t(1) << 23;
constexpr size_t maxChunkCache = size_t(1) << 24;

struct ContextFree {
    void operator()(spng_ctx *ctx) const { spng_ctx_free(ctx); }
};

} // namespace

bool decodeSimplePng(const char *data, qint64 size, int channels, SimplePng &out)
{
    // JPEGs and BMPs of a mixed folder are turned away before a context is made.
    if (size < 8 || std::memcmp(data, signature, 8) != 0 || (channels != 1 && channels != 3))
        return false;
    // spng checks every chunk's CRC and the Adler-32 of the image data by default.
    const std::unique_ptr<spng_ctx, ContextFree> ctx(spng_ctx_new(0));
    if (!ctx || spng_set_image_limits(ctx.get(), maxSide, maxSide) != 0
        || spng_set_chunk_limits(ctx.get(), maxChunkBytes, maxChunkCache) != 0
        || spng_set_png_buffer(ctx.get(), data, size_t(size)) != 0)
        return false;
    spng_ihdr ihdr{};
    if (spng_get_ihdr(ctx.get(), &ihdr) != 0)
        return false;
    const int pngChannels = ihdr.color_type == SPNG_COLOR_TYPE_GRAYSCALE ? 1 : ihdr.color_type == SPNG_COLOR_TYPE_TRUECOLOR ? 3 : 0;
    if (ihdr.bit_depth != 8 || pngChannels != channels || qint64(ihdr.width) * ihdr.height > maxPixels)
        return false;
    // Transparency would need an alpha channel; the general decoder knows what to do with it.
    spng_trns trns{};
    if (spng_get_trns(ctx.get(), &trns) != SPNG_ECHUNKAVAIL)
        return false;
    const qint64 stride = qint64(ihdr.width) * channels;
    // More pixels than the file's bytes can inflate to: damaged. Refused before the
    // buffer is allocated, on the word of a header alone.
    if (qint64(ihdr.height) * (stride + 1) > maxInflatedSize(size))
        return false;
    const int format = channels == 1 ? SPNG_FMT_G8 : SPNG_FMT_RGB8;
    size_t bytes = 0;
    if (spng_decoded_image_size(ctx.get(), format, &bytes) != 0 || bytes != size_t(stride) * ihdr.height)
        return false;
    out.pixels.resize(bytes);
    if (spng_decode_image(ctx.get(), out.pixels.data(), bytes, format, 0) != 0)
        return false;
    out.width = int(ihdr.width);
    out.height = int(ihdr.height);
    out.channels = channels;
    return true;
}

} // namespace mlwb::detail
