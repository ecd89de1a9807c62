#pragma once
#include <QtGlobal>
#include <random>

namespace mlwb {

// Standard normal draws that are the same for a seed on every platform and library:
// std::mt19937_64's output is fixed by the standard, std::normal_distribution's is not,
// so the transform (Box–Muller) is our own.
class GaussianNoise {
public:
    explicit GaussianNoise(quint64 seed) : m_engine(seed) {}

    double next();

private:
    double uniform01(); // [0, 1) with 53 random bits

    std::mt19937_64 m_engine;
    double m_spare = 0;
    bool m_hasSpare = false;
};

} // namespace mlwb
