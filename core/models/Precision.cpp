#include "models/Precision.h"

namespace mlwb {

QString precisionName(Precision precision)
{
    switch (precision) {
    case Precision::Fp32: return QStringLiteral("fp32");
    case Precision::Bf16: return QStringLiteral("bf16");
    case Precision::Auto: return QStringLiteral("auto");
    }
    return {};
}

std::optional<Precision> precisionFromString(const QString &text)
{
    for (Precision p : {Precision::Fp32, Precision::Bf16, Precision::Auto})
        if (text == precisionName(p))
            return p;
    return std::nullopt;
}

bool cpuHasBf16()
{
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    static const bool has = __builtin_cpu_supports("avx512bf16");
    return has;
#else
    return false;
#endif
}

bool runsInBf16(Precision precision, qint64 n)
{
    switch (precision) {
    case Precision::Fp32: return false;
    case Precision::Bf16: return true;
    case Precision::Auto: return n >= kBf16MinimumBatch && cpuHasBf16();
    }
    return false;
}

} // namespace mlwb
