#include "models/MaxPoolTorch.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace mlwb {

namespace {

// The window's winner: 0..3 in scan order, or kDropped where relu zeroed the output.
// Stored in an integer as wide as a value, so that the loops that use it vectorise.
constexpr int kDropped = 255;

struct Geometry {
    int64_t n, c, h, w, oh, ow; // the input's N×C×H×W, the output's OH×OW
    Geometry(int64_t n, int64_t c, int64_t h, int64_t w) : n(n), c(c), h(h), w(w), oh(h / 2), ow(w / 2) {}
};

// The kernels work on the stored bits: a bf16's float is its bits shifted up, and the pooled
// value is one of the inputs, so nothing is rounded and the loops vectorise.
inline float valueOf(std::uint32_t fp32)
{
    float v;
    std::memcpy(&v, &fp32, sizeof v);
    return v;
}
inline float valueOf(std::uint16_t bf16) { return c10::detail::f32_from_bits(bf16); }

inline void storeValue(float v, std::uint32_t *out) { std::memcpy(out, &v, sizeof v); }
inline void storeValue(float v, std::uint16_t *out) // exact: v came from a bf16
{
    std::uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    *out = std::uint16_t(bits >> 16);
}

// One pass per window position over the channels, in float (the winner's index too), so
// that every loop is a plain vector loop.
template <bool Relu, typename U, typename W>
void poolForward(const Geometry &g, const U *in, U *__restrict out, W *__restrict winner)
{
    at::parallel_for(0, g.n * g.oh, 1, [&](int64_t begin, int64_t end) {
        std::vector<float> bestOf(size_t(g.c)), winnerOf(size_t(g.c));
        float *__restrict best = bestOf.data();
        float *__restrict at = winnerOf.data();
        for (int64_t row = begin; row < end; ++row) {
            const int64_t n = row / g.oh, oy = row % g.oh;
            for (int64_t ox = 0; ox < g.ow; ++ox) {
                const U *p00 = in + ((n * g.h + 2 * oy) * g.w + 2 * ox) * g.c;
                const U *candidates[4] = {p00, p00 + g.c, p00 + g.w * g.c, p00 + g.w * g.c + g.c};
                // With relu, a zero at no position goes first: a window with nothing above it
                // is dropped (relu's gradient is 0 there), a positive maximum (or NaN) wins.
                for (int64_t k = 0; k < g.c; ++k) {
                    best[k] = Relu ? 0.0f : valueOf(p00[k]);
                    at[k] = Relu ? float(kDropped) : 0.0f;
                }
                for (int i = Relu ? 0 : 1; i < 4; ++i) {
                    const U *__restrict p = candidates[i];
                    const float index = float(i);
                    for (int64_t k = 0; k < g.c; ++k) {
                        const float v = valueOf(p[k]);
                        const bool wins = v > best[k] || v != v; // the first maximum, NaN wins, as in max_pool2d
                        best[k] = wins ? v : best[k];
                        at[k] = wins ? index : at[k];
                    }
                }
                const int64_t o = ((n * g.oh + oy) * g.ow + ox) * g.c;
                for (int64_t k = 0; k < g.c; ++k) {
                    storeValue(best[k], out + o + k);
                    winner[o + k] = W(at[k]);
                }
            }
        }
    });
}

// Per output window: its gradient goes to the winner's place, zeros to the other three.
template <typename U, typename W>
void poolBackward(const Geometry &g, const U *gradOut, const W *winner, U *gradIn)
{
    at::parallel_for(0, g.n * g.oh, 1, [&](int64_t begin, int64_t end) {
        for (int64_t row = begin; row < end; ++row) {
            const int64_t n = row / g.oh, oy = row % g.oh;
            U *top = gradIn + ((n * g.h + 2 * oy) * g.w) * g.c, *bottom = top + g.w * g.c;
            for (int64_t ox = 0; ox < g.ow; ++ox) {
                const int64_t o = ((n * g.oh + oy) * g.ow + ox) * g.c;
                const U *__restrict src = gradOut + o;
                const W *__restrict w = winner + o;
                U *__restrict d0 = top + 2 * ox * g.c, *__restrict d1 = d0 + g.c;
                U *__restrict d2 = bottom + 2 * ox * g.c, *__restrict d3 = d2 + g.c;
                for (int64_t k = 0; k < g.c; ++k) { // masks, not branches: a vector loop
                    const U v = src[k];
                    const W at = w[k];
                    d0[k] = v & U(-U(at == 0));
                    d1[k] = v & U(-U(at == 1));
                    d2[k] = v & U(-U(at == 2));
                    d3[k] = v & U(-U(at == 3));
                }
            }
            if (g.w % 2 != 0) { // an odd last column: not pooled
                std::fill(top + (g.w - 1) * g.c, top + g.w * g.c, U(0));
                std::fill(bottom + (g.w - 1) * g.c, bottom + g.w * g.c, U(0));
            }
            if (g.h % 2 != 0 && oy == g.oh - 1) // an odd last row
                std::fill(bottom + g.w * g.c, bottom + 2 * g.w * g.c, U(0));
        }
    });
}

// Inference (no gradient wanted) of relu then pooling: no winners to keep. After relu every
// value is at least 0, and such floats and bf16s order like their bits read as signed
// integers, so the window's maximum is an integer maximum of the stored bits, which every
// x86 vector unit has. A negative NaN becomes 0 here (relu of NaN is NaN in libtorch); a
// positive one still wins.
template <typename I>
[[gnu::always_inline]] inline void poolReluBits(const Geometry &g, const I *in, I *__restrict out)
{
    for (int64_t row = 0; row < g.n * g.oh; ++row) {
        const int64_t n = row / g.oh, oy = row % g.oh;
        const I *top = in + ((n * g.h + 2 * oy) * g.w) * g.c;
        const I *bottom = top + g.w * g.c;
        I *o = out + row * g.ow * g.c;
        for (int64_t ox = 0; ox < g.ow; ++ox) {
            const I *__restrict a = top + 2 * ox * g.c, *__restrict b = a + g.c;
            const I *__restrict c = bottom + 2 * ox * g.c, *__restrict d = c + g.c;
            I *__restrict dst = o + ox * g.c;
            for (int64_t k = 0; k < g.c; ++k)
                dst[k] = std::max(std::max(std::max(a[k], b[k]), std::max(c[k], d[k])), I(0));
        }
    }
}

__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"))) void poolReluInference(const Geometry &g, const std::int16_t *in, std::int16_t *out)
{
    poolReluBits(g, in, out);
}

__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"))) void poolReluInference(const Geometry &g, const std::int32_t *in, std::int32_t *out)
{
    poolReluBits(g, in, out);
}

torch::Tensor poolReluWithoutGradient(const torch::Tensor &x)
{
    const Geometry g(x.size(0), x.size(1), x.size(2), x.size(3));
    torch::Tensor out = at::empty({g.n, g.c, g.oh, g.ow}, x.options().memory_format(at::MemoryFormat::ChannelsLast));
    if (x.scalar_type() == torch::kBFloat16)
        poolReluInference(g, static_cast<const std::int16_t *>(x.data_ptr()), static_cast<std::int16_t *>(out.data_ptr()));
    else
        poolReluInference(g, static_cast<const std::int32_t *>(x.data_ptr()), static_cast<std::int32_t *>(out.data_ptr()));
    return out;
}

// Calls `work` with the tensor's storage type (the bits of a float or a bf16) and the winners'.
template <typename Work>
void withStorage(const torch::Tensor &t, Work &&work)
{
    if (t.scalar_type() == torch::kBFloat16)
        work(std::uint16_t{}, std::uint16_t{});
    else
        work(std::uint32_t{}, std::uint32_t{});
}

torch::ScalarType winnerType(const torch::Tensor &t)
{
    return t.scalar_type() == torch::kBFloat16 ? torch::kInt16 : torch::kInt32;
}

class MaxPool2x2 : public torch::autograd::Function<MaxPool2x2> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext *ctx, const torch::Tensor &x, bool relu)
    {
        const Geometry g(x.size(0), x.size(1), x.size(2), x.size(3));
        const auto layout = at::MemoryFormat::ChannelsLast;
        torch::Tensor out = at::empty({g.n, g.c, g.oh, g.ow}, x.options().memory_format(layout));
        torch::Tensor winner = at::empty({g.n, g.c, g.oh, g.ow}, x.options().dtype(winnerType(x)).memory_format(layout));
        withStorage(x, [&](auto u, auto w) {
            using U = decltype(u);
            using W = decltype(w);
            const auto *in = static_cast<const U *>(x.data_ptr());
            auto *pooled = static_cast<U *>(out.data_ptr());
            auto *winners = static_cast<W *>(winner.data_ptr());
            relu ? poolForward<true>(g, in, pooled, winners) : poolForward<false>(g, in, pooled, winners);
        });
        ctx->save_for_backward({winner});
        ctx->saved_data["h"] = g.h;
        ctx->saved_data["w"] = g.w;
        return out;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx, torch::autograd::variable_list grads)
    {
        const torch::Tensor winner = ctx->get_saved_variables()[0];
        const auto layout = at::MemoryFormat::ChannelsLast;
        const torch::Tensor gradOut = grads[0].contiguous(layout);
        const Geometry g(winner.size(0), winner.size(1), ctx->saved_data["h"].toInt(), ctx->saved_data["w"].toInt());
        torch::Tensor gradIn = at::empty({g.n, g.c, g.h, g.w}, gradOut.options().memory_format(layout));
        withStorage(gradOut, [&](auto u, auto w) {
            using U = decltype(u);
            using W = decltype(w);
            poolBackward(g, static_cast<const U *>(gradOut.data_ptr()), static_cast<const W *>(winner.data_ptr()),
                         static_cast<U *>(gradIn.data_ptr()));
        });
        return {gradIn, torch::Tensor()};
    }
};

bool suitsKernel(const torch::Tensor &x)
{
    return x.dim() == 4 && x.size(2) >= 2 && x.size(3) >= 2 && x.is_contiguous(at::MemoryFormat::ChannelsLast)
           && (x.scalar_type() == torch::kFloat || x.scalar_type() == torch::kBFloat16) && x.device().is_cpu();
}

} // namespace

torch::Tensor maxPool2x2(const torch::Tensor &x, bool relu)
{
    if (!suitsKernel(x)) {
        torch::Tensor pooled = torch::max_pool2d(x, {2, 2}, {2, 2});
        return relu ? torch::relu(pooled) : pooled;
    }
    if (relu && !(torch::GradMode::is_enabled() && x.requires_grad()))
        return poolReluWithoutGradient(x);
    return MaxPool2x2::apply(x, relu);
}

} // namespace mlwb
