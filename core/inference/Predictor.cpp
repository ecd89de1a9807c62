#include "inference/Predictor.h"

#include "common/Error.h"
#include "models/ModelFiles.h"

#include <algorithm>

namespace mlwb {

struct Predictor::Impl {
    ModelInfo info;
    std::unique_ptr<Classifier> classifier;
    std::vector<float> input;
};

Predictor::Predictor(const QString &modelDir, int threads) : d(std::make_unique<Impl>())
{
    d->info = readModelInfo(modelDir);
    d->classifier = loadClassifier(modelDir, threads);
}

Predictor::~Predictor() = default;
Predictor::Predictor(Predictor &&) noexcept = default;
Predictor &Predictor::operator=(Predictor &&) noexcept = default;

Prediction Predictor::predict(const std::vector<std::uint8_t> &image)
{
    const size_t expected = size_t(d->info.channels) * d->info.height * d->info.width;
    if (image.size() != expected)
        throw UsageError(QStringLiteral("the model takes %1×%2×%3 images (%4 values), got %5 values")
                             .arg(d->info.channels).arg(d->info.height).arg(d->info.width).arg(expected).arg(image.size()));
    d->input.resize(expected);
    std::transform(image.begin(), image.end(), d->input.begin(), [](std::uint8_t v) { return float(v) / 255.0f; });
    Prediction prediction;
    prediction.probabilities.resize(size_t(d->classifier->numClasses()));
    d->classifier->predict(d->input.data(), 1, prediction.probabilities.data());
    prediction.label = int(std::max_element(prediction.probabilities.begin(), prediction.probabilities.end())
                           - prediction.probabilities.begin());
    return prediction;
}

QStringList Predictor::classNames() const { return d->info.classNames; }
int Predictor::channels() const { return d->info.channels; }
int Predictor::height() const { return d->info.height; }
int Predictor::width() const { return d->info.width; }

} // namespace mlwb
