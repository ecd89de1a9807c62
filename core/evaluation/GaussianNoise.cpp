#include "evaluation/GaussianNoise.h"

#include <cmath>
#include <numbers>

namespace mlwb {

double GaussianNoise::uniform01()
{
    return double(m_engine() >> 11) * 0x1.0p-53;
}

double GaussianNoise::next()
{
    // Box–Muller gives two independent draws per pair of uniforms; keep the second.
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    const double u1 = 1.0 - uniform01(); // (0, 1]: log(0) would be -inf
    const double u2 = uniform01();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * std::numbers::pi * u2;
    m_spare = radius * std::sin(angle);
    m_hasSpare = true;
    return radius * std::cos(angle);
}

} // namespace mlwb
