#include "models/ConvReluPoolTorch.h"

#include "models/Precision.h"

#include <ATen/Parallel.h>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>
// GCC 12 warns of the intrinsics' own _mm512_undefined_* values: a known false alarm.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>

// The kernels are compiled for AVX-512 (with BF16) and only called where the CPU has it.
#define MLWB_AVX512_BF16 __attribute__((target("avx512f,avx512bw,avx512bf16")))

namespace mlwb {

namespace {

// Output channels one pass keeps in registers: four vectors of 16 sums per pixel.
constexpr int kGroup = 64;
constexpr int kMaxVectors = kGroup / 16;
// Pixels one pass computes: 4 × 6 sums, 4 weight vectors and a broadcast fill 29 of the 32
// registers; each weight load serves six pixels, each input pair four vectors.
constexpr int kMaxPixels = 6;

struct Shape {
    int64_t cin, cout, k;
    int64_t paddedW;   // the (padded) input's width
    int64_t oh, ow;    // the pooled output's size
};

// The sums of P conv outputs of row y, columns x0…x0+P-1, channels c0…c0+16·CB-1, into
// out[p · kGroup + c]. image: one padded channels-last image; packed: see packConvWeight.
template <int CB, int P>
MLWB_AVX512_BF16 void convolvePixels(const Shape &s, const std::uint16_t *image, const std::uint16_t *packed,
                                     const float *bias, int64_t y, int64_t x0, int64_t c0, float *out)
{
    __m512 acc[CB][P];
#pragma GCC unroll 4
    for (int cb = 0; cb < CB; ++cb) {
        const __m512 b = _mm512_loadu_ps(bias + c0 + cb * 16);
#pragma GCC unroll 6
        for (int p = 0; p < P; ++p)
            acc[cb][p] = b;
    }
    const int64_t pairs = s.cin / 2, tapStride = pairs * s.cout * 2;
    for (int64_t ky = 0; ky < s.k; ++ky) {
        for (int64_t kx = 0; kx < s.k; ++kx) {
            const std::uint16_t *in = image + ((y + ky) * s.paddedW + x0 + kx) * s.cin;
            const std::uint16_t *w = packed + (ky * s.k + kx) * tapStride + c0 * 2;
            for (int64_t q = 0; q < pairs; ++q, in += 2, w += s.cout * 2) {
                __m512i weights[CB];
#pragma GCC unroll 4
                for (int cb = 0; cb < CB; ++cb)
                    weights[cb] = _mm512_loadu_si512(w + cb * 32);
#pragma GCC unroll 6
                for (int p = 0; p < P; ++p) {
                    std::int32_t pair;
                    std::memcpy(&pair, in + p * s.cin, sizeof pair);
                    const __m512bh inputs = (__m512bh)_mm512_set1_epi32(pair);
#pragma GCC unroll 4
                    for (int cb = 0; cb < CB; ++cb)
                        acc[cb][p] = _mm512_dpbf16_ps(acc[cb][p], inputs, (__m512bh)weights[cb]);
                }
            }
        }
    }
#pragma GCC unroll 6
    for (int p = 0; p < P; ++p)
#pragma GCC unroll 4
        for (int cb = 0; cb < CB; ++cb)
            _mm512_storeu_ps(out + p * kGroup + cb * 16, acc[cb][p]);
}

using Kernel = void (*)(const Shape &, const std::uint16_t *, const std::uint16_t *, const float *, int64_t, int64_t,
                        int64_t, float *);

template <int CB, std::size_t... P>
constexpr std::array<Kernel, kMaxPixels> kernelsOf(std::index_sequence<P...>)
{
    return {&convolvePixels<CB, int(P) + 1>...};
}

// kKernels[CB - 1][P - 1]
const std::array<std::array<Kernel, kMaxPixels>, kMaxVectors> kKernels = {
    kernelsOf<1>(std::make_index_sequence<kMaxPixels>()), kernelsOf<2>(std::make_index_sequence<kMaxPixels>()),
    kernelsOf<3>(std::make_index_sequence<kMaxPixels>()), kernelsOf<4>(std::make_index_sequence<kMaxPixels>())};

// relu(max of each 2×2 window) of two conv rows (2·ow pixels × kGroup sums each), rounded
// to bf16 (nearest even, as libtorch rounds), for `channels` channels from out.
MLWB_AVX512_BF16 void poolRows(const float *top, const float *bottom, int64_t ow, int channels, int64_t cout,
                               std::uint16_t *out)
{
    const __m512 zero = _mm512_setzero_ps();
    for (int64_t x = 0; x < ow; ++x) {
        const float *a = top + 2 * x * kGroup, *b = bottom + 2 * x * kGroup;
        for (int c = 0; c < channels; c += 16) {
            const __m512 m = _mm512_max_ps(_mm512_max_ps(_mm512_loadu_ps(a + c), _mm512_loadu_ps(a + kGroup + c)),
                                           _mm512_max_ps(_mm512_loadu_ps(b + c), _mm512_loadu_ps(b + kGroup + c)));
            const __m256bh rounded = _mm512_cvtneps_pbh(_mm512_max_ps(m, zero));
            _mm256_storeu_si256(reinterpret_cast<__m256i *>(out + x * cout + c), (__m256i)rounded);
        }
    }
}

// One image: padded channels-last input → oh × ow × cout channels-last output.
void convReluPoolImage(const Shape &s, const std::uint16_t *image, const std::uint16_t *packed, const float *bias,
                       std::uint16_t *out, std::vector<float> &rows)
{
    const int64_t convCols = 2 * s.ow;
    rows.resize(size_t(2 * convCols * kGroup));
    float *top = rows.data(), *bottom = rows.data() + convCols * kGroup;
    for (int64_t c0 = 0; c0 < s.cout; c0 += kGroup) {
        const int vectors = int(std::min<int64_t>(kMaxVectors, (s.cout - c0) / 16));
        for (int64_t py = 0; py < s.oh; ++py) {
            for (int r = 0; r < 2; ++r) {
                float *dst = r == 0 ? top : bottom;
                for (int64_t x0 = 0; x0 < convCols;) {
                    const int pixels = int(std::min<int64_t>(kMaxPixels, convCols - x0));
                    kKernels[size_t(vectors - 1)][size_t(pixels - 1)](s, image, packed, bias, 2 * py + r, x0, c0,
                                                                      dst + x0 * kGroup);
                    x0 += pixels;
                }
            }
            poolRows(top, bottom, s.ow, vectors * 16, s.cout, out + py * s.ow * s.cout + c0);
        }
    }
}

std::uint16_t *bits(const torch::Tensor &t) { return static_cast<std::uint16_t *>(t.data_ptr()); }

} // namespace

bool convReluPoolTakes(const torch::Tensor &weight)
{
    return cpuHasBf16() && weight.dim() == 4 && weight.scalar_type() == torch::kBFloat16 && weight.size(1) % 2 == 0
           && weight.size(0) % 16 == 0 && weight.size(2) == weight.size(3);
}

bool suitsConvReluPool(const torch::Tensor &x, const torch::Tensor &weight)
{
    return convReluPoolTakes(weight) && x.dim() == 4 && x.device().is_cpu() && x.scalar_type() == torch::kBFloat16
           && weight.size(1) == x.size(1);
}

torch::Tensor packConvWeight(const torch::Tensor &weight)
{
    const int64_t cout = weight.size(0), cin = weight.size(1), kk = weight.size(2) * weight.size(3);
    const torch::Tensor w = weight.contiguous();
    torch::Tensor packed = at::empty({kk * cin * cout}, weight.options().memory_format(at::MemoryFormat::Contiguous));
    const std::uint16_t *from = bits(w);
    std::uint16_t *to = bits(packed);
    // to[tap][cin pair][cout][2] = w[cout][cin][tap]
    for (int64_t t = 0; t < kk; ++t)
        for (int64_t q = 0; q < cin / 2; ++q)
            for (int64_t co = 0; co < cout; ++co)
                for (int64_t j = 0; j < 2; ++j)
                    to[((t * (cin / 2) + q) * cout + co) * 2 + j] = from[(co * cin + 2 * q + j) * kk + t];
    return packed;
}

torch::Tensor convReluPool(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias, int padding,
                           const torch::Tensor &packedWeight)
{
    TORCH_CHECK(suitsConvReluPool(x, weight), "convReluPool: the input or the weight does not suit it");
    const int64_t n = x.size(0), cin = x.size(1), h = x.size(2), w = x.size(3);
    const int64_t cout = weight.size(0), k = weight.size(2);
    const int64_t ph = h + 2 * padding, pw = w + 2 * padding;
    const Shape s{cin, cout, k, pw, (ph - k + 1) / 2, (pw - k + 1) / 2};
    TORCH_CHECK(padding >= 0 && s.oh > 0 && s.ow > 0, "convReluPool: the input is too small for the kernel and the pooling");
    TORCH_CHECK(!bias.defined() || bias.numel() == cout, "convReluPool: the bias does not fit the weight");
    TORCH_CHECK(!packedWeight.defined() || packedWeight.numel() == weight.numel(), "convReluPool: the packed weight does not fit");

    const torch::Tensor packed = packedWeight.defined() ? packedWeight : packConvWeight(weight);
    std::vector<float> b(size_t(cout), 0.0f);
    if (bias.defined()) {
        const torch::Tensor bc = bias.to(torch::kFloat).contiguous();
        std::memcpy(b.data(), bc.data_ptr<float>(), size_t(cout) * sizeof(float));
    }
    const torch::Tensor input = x.contiguous(at::MemoryFormat::ChannelsLast);
    torch::Tensor out = at::empty({n, cout, s.oh, s.ow}, x.options().memory_format(at::MemoryFormat::ChannelsLast));
    const std::uint16_t *in = bits(input), *weights = bits(packed);
    std::uint16_t *o = bits(out);
    at::parallel_for(0, n, 1, [&](int64_t begin, int64_t end) {
        std::vector<float> rows;
        std::vector<std::uint16_t> padded(padding > 0 ? size_t(ph * pw * cin) : 0, 0);
        for (int64_t i = begin; i < end; ++i) {
            const std::uint16_t *image = in + i * h * w * cin;
            if (padding > 0) { // a zero border around the image, the rows copied inside it
                for (int64_t y = 0; y < h; ++y)
                    std::memcpy(padded.data() + ((y + padding) * pw + padding) * cin, image + y * w * cin,
                                size_t(w * cin) * sizeof(std::uint16_t));
                image = padded.data();
            }
            convReluPoolImage(s, image, weights, b.data(), o + i * s.oh * s.ow * cout, rows);
        }
    });
    return out;
}

} // namespace mlwb
