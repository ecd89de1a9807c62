#pragma once
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <vector>

namespace mlwb {

struct Prediction {
    int label = -1;                   // index of the most probable class
    std::vector<float> probabilities; // one per class, summing to 1
};

// One loaded model answering one image at a time (the canvas, the HTTP API). Not
// thread-safe: give each thread its own, or serialise the calls.
class Predictor {
public:
    // Loads and warms up the model of `modelDir` (see ModelFiles.h). Throws Error naming
    // the file when it cannot.
    explicit Predictor(const QString &modelDir, int threads = 1);
    ~Predictor();
    Predictor(Predictor &&) noexcept;
    Predictor &operator=(Predictor &&) noexcept;

    // image: C×H×W uint8 in the model's geometry, already preprocessed. Throws UsageError
    // when the size does not match.
    Prediction predict(const std::vector<std::uint8_t> &image);

    QStringList classNames() const;
    int channels() const;
    int height() const;
    int width() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace mlwb
