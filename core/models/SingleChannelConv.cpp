#include "models/SingleChannelConvTorch.h"

#include <cstdint>
// GCC 12 warns of the intrinsics' own _mm512_undefined_* values: a known false alarm.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#include <type_traits>
#include <vector>

namespace mlwb {

namespace {

inline float toFloat(float v) { return v; }
inline float toFloat(std::uint16_t bf16) { return c10::detail::f32_from_bits(bf16); }

inline void store(float v, float *out) { *out = v; }
inline void store(float v, std::uint16_t *out) { *out = c10::detail::round_to_nearest_even(v); } // as libtorch rounds

struct Shape {
    int64_t n, h, w, channels, kernel, padding, oh, ow;
};

// taps: K×K rows of `channels` weights (the transposed weight), so that one tap's weights for
// every output channel are contiguous.
template <typename In, typename Out>
void convolvePortable(const Shape &s, const In *in, const float *taps, const float *bias, Out *out)
{
    for (int64_t n = 0; n < s.n; ++n) {
        const In *image = in + n * s.h * s.w;
        for (int64_t oy = 0; oy < s.oh; ++oy) {
            for (int64_t ox = 0; ox < s.ow; ++ox) {
                Out *o = out + ((n * s.oh + oy) * s.ow + ox) * s.channels;
                for (int64_t c = 0; c < s.channels; ++c) {
                    float acc = bias[c];
                    for (int64_t ky = 0; ky < s.kernel; ++ky) {
                        const int64_t y = oy + ky - s.padding;
                        for (int64_t kx = 0; y >= 0 && y < s.h && kx < s.kernel; ++kx) {
                            const int64_t x = ox + kx - s.padding;
                            if (x >= 0 && x < s.w)
                                acc += taps[(ky * s.kernel + kx) * s.channels + c] * toFloat(image[y * s.w + x]);
                        }
                    }
                    store(acc, o + c);
                }
            }
        }
    }
}

inline __attribute__((target("avx512f,avx512bw"))) void storeSums(__m512 acc, float *o) { _mm512_storeu_ps(o, acc); }
inline __attribute__((target("avx512f,avx512bw"))) void storeSums(__m512 acc, std::uint16_t *o)
{
    // Round to nearest even (no NaN to keep: finite weights and inputs).
    const __m512i bits = _mm512_castps_si512(acc);
    const __m512i odd = _mm512_and_si512(_mm512_srli_epi32(bits, 16), _mm512_set1_epi32(1));
    const __m512i rounded = _mm512_add_epi32(bits, _mm512_add_epi32(odd, _mm512_set1_epi32(0x7fff)));
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(o), _mm512_cvtepi32_epi16(_mm512_srli_epi32(rounded, 16)));
}

// Image n of `in` as floats: fp32 images as they are, bf16 ones converted into `converted`
// once (each input is read K×K times).
template <typename In>
const float *floatImage(const Shape &s, const In *in, int64_t n, std::vector<float> &converted)
{
    if constexpr (std::is_same_v<In, float>) {
        return in + n * s.h * s.w;
    } else {
        converted.resize(size_t(s.h * s.w));
        for (int64_t i = 0; i < s.h * s.w; ++i)
            converted[size_t(i)] = toFloat(in[n * s.h * s.w + i]);
        return converted.data();
    }
}

// Pixels output pixels of one row from x = ox, 16 channels from c0, no padding: one register
// per pixel, so that the sums do not wait for each other (an FMA's latency is 4 cycles).
template <int Pixels, typename Out>
[[gnu::always_inline]] inline __attribute__((target("avx512f,avx512bw"))) void convolvePixels(
    const Shape &s, const float *image, const float *taps, const float *bias, int64_t oy, int64_t ox, int64_t c0, Out *row)
{
    __m512 acc[Pixels];
    for (int p = 0; p < Pixels; ++p)
        acc[p] = _mm512_loadu_ps(bias + c0);
    for (int64_t ky = 0; ky < s.kernel; ++ky) {
        const float *line = image + (oy + ky) * s.w + ox;
        for (int64_t kx = 0; kx < s.kernel; ++kx) {
            const __m512 w = _mm512_loadu_ps(taps + (ky * s.kernel + kx) * s.channels + c0);
            for (int p = 0; p < Pixels; ++p)
                acc[p] = _mm512_fmadd_ps(_mm512_set1_ps(line[kx + p]), w, acc[p]);
        }
    }
    for (int p = 0; p < Pixels; ++p)
        storeSums(acc[p], row + (ox + p) * s.channels + c0);
}

// The same as convolvePortable with AVX-512, for no padding and whole 16-channel groups.
template <typename In, typename Out>
__attribute__((target("avx512f,avx512bw"))) void convolveAvx512(const Shape &s, const In *in, const float *taps, const float *bias, Out *out)
{
    constexpr int kPixels = 8;
    std::vector<float> converted;
    for (int64_t n = 0; n < s.n; ++n) {
        const float *image = floatImage(s, in, n, converted);
        for (int64_t oy = 0; oy < s.oh; ++oy) {
            Out *row = out + (n * s.oh + oy) * s.ow * s.channels;
            for (int64_t c0 = 0; c0 < s.channels; c0 += 16) {
                int64_t ox = 0;
                for (; ox + kPixels <= s.ow; ox += kPixels)
                    convolvePixels<kPixels>(s, image, taps, bias, oy, ox, c0, row);
                for (; ox < s.ow; ++ox)
                    convolvePixels<1>(s, image, taps, bias, oy, ox, c0, row);
            }
        }
    }
}

// relu(2×2 max) of conv outputs: pooled row py, pooled columns px…px+Pooled-1, channels
// c0…c0+15 — the two conv rows' 2·Pooled pixels in 4·Pooled registers, the map never stored.
template <int Pooled, typename Out>
[[gnu::always_inline]] inline __attribute__((target("avx512f,avx512bw"))) void convolvePooled(
    const Shape &s, const float *image, const float *taps, const float *bias, int64_t py, int64_t px, int64_t c0, Out *row)
{
    constexpr int kPixels = 2 * Pooled;
    __m512 acc[2][kPixels];
    for (auto &r : acc)
        for (__m512 &a : r)
            a = _mm512_loadu_ps(bias + c0);
    for (int64_t ky = 0; ky < s.kernel; ++ky) {
        for (int64_t kx = 0; kx < s.kernel; ++kx) {
            const __m512 w = _mm512_loadu_ps(taps + (ky * s.kernel + kx) * s.channels + c0);
            for (int r = 0; r < 2; ++r) {
                const float *line = image + (2 * py + r + ky) * s.w + 2 * px + kx;
                for (int p = 0; p < kPixels; ++p)
                    acc[r][p] = _mm512_fmadd_ps(_mm512_set1_ps(line[p]), w, acc[r][p]);
            }
        }
    }
    for (int p = 0; p < Pooled; ++p) {
        const __m512 m = _mm512_max_ps(_mm512_max_ps(acc[0][2 * p], acc[0][2 * p + 1]), _mm512_max_ps(acc[1][2 * p], acc[1][2 * p + 1]));
        storeSums(_mm512_max_ps(m, _mm512_setzero_ps()), row + (px + p) * s.channels + c0);
    }
}

// convolveAvx512 followed by relu and 2×2 max-pooling: s.oh × s.ow are the pooled sizes.
template <typename In, typename Out>
__attribute__((target("avx512f,avx512bw"))) void convolvePooledAvx512(const Shape &s, const In *in, const float *taps, const float *bias, Out *out)
{
    constexpr int kPooled = 4; // 2 rows × 8 pixels: 16 sums in registers
    std::vector<float> converted;
    for (int64_t n = 0; n < s.n; ++n) {
        const float *image = floatImage(s, in, n, converted);
        for (int64_t py = 0; py < s.oh; ++py) {
            Out *row = out + (n * s.oh + py) * s.ow * s.channels;
            for (int64_t c0 = 0; c0 < s.channels; c0 += 16) {
                int64_t px = 0;
                for (; px + kPooled <= s.ow; px += kPooled)
                    convolvePooled<kPooled>(s, image, taps, bias, py, px, c0, row);
                for (; px < s.ow; ++px)
                    convolvePooled<1>(s, image, taps, bias, py, px, c0, row);
            }
        }
    }
}

// C×KK weights (C×1×K×K) as KK rows of C floats: one tap's weights of every channel together.
template <typename T>
void transposeTaps(const T *weight, int64_t channels, int64_t kk, float *taps)
{
    for (int64_t c = 0; c < channels; ++c)
        for (int64_t t = 0; t < kk; ++t)
            taps[t * channels + c] = toFloat(weight[c * kk + t]);
}

template <typename In, typename Out>
void convolve(const Shape &s, const In *in, const float *taps, const float *bias, Out *out)
{
    static const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
    if (avx512 && s.channels % 16 == 0 && s.padding == 0)
        convolveAvx512(s, in, taps, bias, out);
    else
        convolvePortable(s, in, taps, bias, out);
}

} // namespace

bool suitsSingleChannelConv(const torch::Tensor &x, const torch::Tensor &weight)
{
    const auto floating = [](const torch::Tensor &t) { return t.scalar_type() == torch::kFloat || t.scalar_type() == torch::kBFloat16; };
    return x.dim() == 4 && x.size(1) == 1 && x.device().is_cpu() && floating(x) && weight.dim() == 4 && weight.size(1) == 1
           && weight.size(2) == weight.size(3) && weight.scalar_type() == x.scalar_type();
}

namespace {

// The weights as K×K×C floats and the bias as C (bf16 values are exact in fp32), in plain
// loops: the torch ops for it cost more than the layer's arithmetic for a few images.
void floatTaps(const torch::Tensor &weight, const torch::Tensor &bias, std::vector<float> &taps, std::vector<float> &b)
{
    const int64_t channels = weight.size(0), kk = weight.size(2) * weight.size(3);
    taps.assign(size_t(kk * channels), 0.0f);
    b.assign(size_t(channels), 0.0f);
    const torch::Tensor w = weight.contiguous();
    const torch::Tensor bc = bias.defined() ? bias.contiguous() : torch::Tensor();
    if (weight.scalar_type() == torch::kBFloat16) {
        transposeTaps(static_cast<const std::uint16_t *>(w.data_ptr()), channels, kk, taps.data());
        if (bc.defined())
            transposeTaps(static_cast<const std::uint16_t *>(bc.data_ptr()), channels, 1, b.data());
    } else {
        transposeTaps(w.data_ptr<float>(), channels, kk, taps.data());
        if (bc.defined())
            transposeTaps(bc.data_ptr<float>(), channels, 1, b.data());
    }
}

} // namespace

bool singleChannelConvReluPoolTakes(const torch::Tensor &weight, int padding)
{
    static const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
    return avx512 && padding == 0 && weight.dim() == 4 && weight.size(1) == 1 && weight.size(0) % 16 == 0
           && weight.size(2) == weight.size(3);
}

bool suitsSingleChannelConvReluPool(const torch::Tensor &x, const torch::Tensor &weight, int padding)
{
    return singleChannelConvReluPoolTakes(weight, padding) && suitsSingleChannelConv(x, weight)
           && x.size(2) - weight.size(2) + 1 >= 2 && x.size(3) - weight.size(3) + 1 >= 2;
}

torch::Tensor singleChannelConvReluPool(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias, int padding)
{
    TORCH_CHECK(suitsSingleChannelConvReluPool(x, weight, padding), "singleChannelConvReluPool: the input or the weight does not suit it");
    TORCH_CHECK(!bias.defined() || (bias.numel() == weight.size(0) && bias.scalar_type() == weight.scalar_type()),
                "singleChannelConvReluPool: the bias does not fit the weight");
    const int64_t channels = weight.size(0), kernel = weight.size(2);
    const Shape s{x.size(0), x.size(2), x.size(3), channels, kernel, 0, (x.size(2) - kernel + 1) / 2, (x.size(3) - kernel + 1) / 2};
    std::vector<float> taps, b;
    floatTaps(weight, bias, taps, b);
    const torch::Tensor input = x.contiguous();
    torch::Tensor out = at::empty({s.n, channels, s.oh, s.ow}, x.options().memory_format(at::MemoryFormat::ChannelsLast));
    if (x.scalar_type() == torch::kBFloat16)
        convolvePooledAvx512(s, static_cast<const std::uint16_t *>(input.data_ptr()), taps.data(), b.data(),
                             static_cast<std::uint16_t *>(out.data_ptr()));
    else
        convolvePooledAvx512(s, input.data_ptr<float>(), taps.data(), b.data(), out.data_ptr<float>());
    return out;
}

torch::Tensor singleChannelConv(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias, int padding)
{
    const int64_t channels = weight.size(0), kernel = weight.size(2);
    const Shape s{x.size(0), x.size(2), x.size(3), channels, kernel, padding,
                  x.size(2) + 2 * padding - kernel + 1, x.size(3) + 2 * padding - kernel + 1};
    TORCH_CHECK(s.oh > 0 && s.ow > 0, "singleChannelConv: the kernel is larger than the padded input");
    TORCH_CHECK(!bias.defined() || (bias.numel() == channels && bias.scalar_type() == weight.scalar_type()),
                "singleChannelConv: the bias does not fit the weight");
    std::vector<float> taps, b;
    floatTaps(weight, bias, taps, b);
    const bool bf16Out = weight.scalar_type() == torch::kBFloat16;
    const torch::Tensor input = x.contiguous();
    torch::Tensor out = at::empty({s.n, channels, s.oh, s.ow}, x.options().dtype(weight.scalar_type()).memory_format(at::MemoryFormat::ChannelsLast));
    const float *t = taps.data(), *bp = b.data();
    TORCH_CHECK(bf16Out == (input.scalar_type() == torch::kBFloat16), "singleChannelConv: the input and the weight differ in type");
    if (bf16Out) {
        convolve(s, static_cast<const std::uint16_t *>(input.data_ptr()), t, bp, static_cast<std::uint16_t *>(out.data_ptr()));
    } else {
        convolve(s, input.data_ptr<float>(), t, bp, out.data_ptr<float>());
    }
    return out;
}

} // namespace mlwb
