#pragma once
#include <QString>
#include <optional>

namespace mlwb {

// The number format a model computes in. Weights are always kept and stored in fp32; bf16
// runs the convolutions and matrix products in bfloat16 (libtorch's CPU autocast) and gives
// fp32 probabilities.
enum class Precision {
    Fp32,
    Bf16,
    // bf16 where it is faster: on a CPU with AVX-512 BF16 and for batches of at least
    // kBf16MinimumBatch images (measured on a Xeon with AMX through libtorch's kernels: bf16
    // took 1.5× fp32's time for one image, 1.0× for 2, 0.72× for 4), or from one image on for
    // a network whose layers all run in mlwb's own bf16 kernels (NetworkImpl::runsOwnKernels:
    // the cnn takes a third of fp32's time for one image); fp32 otherwise.
    Auto,
};
inline constexpr int kBf16MinimumBatch = 4;

QString precisionName(Precision precision); // "fp32", "bf16", "auto"
std::optional<Precision> precisionFromString(const QString &text);

// True when this CPU computes bfloat16 natively (AVX-512 BF16).
bool cpuHasBf16();

// Whether a batch of n images runs in bf16 under `precision` on this CPU.
bool runsInBf16(Precision precision, qint64 n);

} // namespace mlwb
