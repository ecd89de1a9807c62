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

    // The length of the model's penultimate-layer activations (the input of its last linear
    // layer), 0 when it cannot give them (an imported TorchScript file, a test double).
    virtual int embeddingSize() const { return 0; }
    // predict(), and also n × embeddingSize() floats into embedding (ignored when that is 0).
    virtual void predictWithEmbedding(const float *x, qsizetype n, float *probabilities, float *embedding)
    {
        Q_UNUSED(embedding);
        predict(x, n, probabilities);
    }
};

} // namespace mlwb
