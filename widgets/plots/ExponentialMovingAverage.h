#pragma once
#include <cmath>

namespace mlwb {

// Smooths a noisy curve point by point (as TensorBoard does): s = w·s + (1 − w)·x, with the
// start-up bias divided out so that the first points are not pulled towards zero.
class ExponentialMovingAverage {
public:
    explicit ExponentialMovingAverage(double weight = 0.9) : m_weight(weight) {}

    double add(double value)
    {
        m_sum = m_weight * m_sum + (1 - m_weight) * value;
        ++m_count;
        return m_sum / (1 - std::pow(m_weight, double(m_count)));
    }
    void reset() { m_sum = 0, m_count = 0; }

private:
    double m_weight;
    double m_sum = 0;
    long long m_count = 0;
};

} // namespace mlwb
