#pragma once
// A Classifier for tests: it answers by an image's mean brightness, K equal bands over
// [0, 1], with probabilities that fall off with the distance to each band's centre. It
// records what it was given, so tests can check batching and pixel scaling.
#include "data/Dataset.h"
#include "evaluation/Classifier.h"

#include <algorithm>
#include <cmath>
#include <vector>

class BrightnessClassifier : public mlwb::Classifier {
public:
    BrightnessClassifier(int numClasses, qsizetype imageFloats) : m_k(numClasses), m_imageFloats(imageFloats) {}

    int numClasses() const override { return m_k; }

    void predict(const float *x, qsizetype n, float *probabilities) override
    {
        ++calls;
        largestBatch = std::max(largestBatch, n);
        for (qsizetype i = 0; i < n * m_imageFloats; ++i) {
            smallestInput = std::min(smallestInput, x[i]);
            largestInput = std::max(largestInput, x[i]);
        }
        seen.insert(seen.end(), x, x + n * m_imageFloats);
        for (qsizetype i = 0; i < n; ++i)
            scores(x + i * m_imageFloats, probabilities + i * m_k);
    }

    // The probabilities for one image, as predict() gives them.
    void scores(const float *image, float *out) const
    {
        double mean = 0;
        for (qsizetype p = 0; p < m_imageFloats; ++p)
            mean += image[p];
        mean /= double(m_imageFloats);
        double sum = 0;
        std::vector<double> s(static_cast<size_t>(m_k));
        for (int c = 0; c < m_k; ++c) {
            const double centre = (c + 0.5) / m_k;
            s[size_t(c)] = std::exp(-8.0 * m_k * std::abs(mean - centre));
            sum += s[size_t(c)];
        }
        for (int c = 0; c < m_k; ++c)
            out[c] = float(s[size_t(c)] / sum);
    }

    int calls = 0;
    qsizetype largestBatch = 0;
    float smallestInput = 1e9f, largestInput = -1e9f;
    std::vector<float> seen; // every image it was given, in order

private:
    int m_k;
    qsizetype m_imageFloats;
};
