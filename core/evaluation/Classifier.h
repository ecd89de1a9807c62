#pragma once
#include <QtGlobal>

namespace mlwb {

// What evaluation needs of a model: probabilities for a batch of images. Keeps the
// evaluation code free of torch; the learning module implements it.
class Classifier {
public:
    virtual ~Classifier() = default;
    virtual int numClasses() const = 0;
    // x: n images of C×H×W floats in [0, 1] (the data set's geometry), contiguous.
    // probabilities: n × numClasses(), each row sums to 1.
    virtual void predict(const float *x, qsizetype n, float *probabilities) = 0;
};

} // namespace mlwb
