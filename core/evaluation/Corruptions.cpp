#include "evaluation/Corruptions.h"

#include "common/Error.h"
#include "evaluation/BatchRunner.h"
#include "evaluation/GaussianNoise.h"
#include "evaluation/Probabilities.h"

#include <QJsonObject>
#include <QJsonValue>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace mlwb {

namespace {

constexpr int kLevels = 5;

quint64 splitmix64(quint64 x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// The seed of one image's draws for one kind: independent of the level (so the severities
// scale the same draws) and of the batch an image falls into.
quint64 drawSeed(quint64 seed, qint64 samplePosition, Corruption kind)
{
    const quint64 sample = splitmix64(seed ^ (0x9E3779B97F4A7C15ull * quint64(samplePosition)));
    return splitmix64(sample + quint64(kind));
}

float clamp01(double v)
{
    return float(std::clamp(v, 0.0, 1.0));
}

void addNoise(double sigma, const float *in, float *out, qsizetype n, quint64 seed)
{
    GaussianNoise noise(seed);
    for (qsizetype p = 0; p < n; ++p)
        out[p] = clamp01(double(in[p]) + sigma * noise.next());
}

// Separable Gaussian, edges extended by their own value (an out-of-focus lens does not
// darken the border).
void blur(double sigma, const float *in, float *out, int channels, int height, int width)
{
    const int radius = int(std::ceil(3 * sigma));
    std::vector<double> kernel(size_t(2 * radius + 1));
    double sum = 0;
    for (int t = -radius; t <= radius; ++t)
        sum += kernel[size_t(t + radius)] = std::exp(-0.5 * t * t / (sigma * sigma));
    for (double &w : kernel)
        w /= sum;
    std::vector<double> rows(size_t(height) * size_t(width)); // one channel blurred along x
    for (int c = 0; c < channels; ++c) {
        const float *plane = in + qsizetype(c) * height * width;
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                double v = 0;
                for (int t = -radius; t <= radius; ++t)
                    v += kernel[size_t(t + radius)] * plane[y * width + std::clamp(x + t, 0, width - 1)];
                rows[size_t(y) * size_t(width) + size_t(x)] = v;
            }
        float *target = out + qsizetype(c) * height * width;
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                double v = 0;
                for (int t = -radius; t <= radius; ++t)
                    v += kernel[size_t(t + radius)] * rows[size_t(std::clamp(y + t, 0, height - 1)) * size_t(width) + size_t(x)];
                target[y * width + x] = clamp01(v);
            }
    }
}

void shift(int pixels, const float *in, float *out, int channels, int height, int width, quint64 seed)
{
    // The eight neighbours' directions; a diagonal moves `pixels` along both axes.
    static constexpr int kDx[8] = {1, 1, 0, -1, -1, -1, 0, 1};
    static constexpr int kDy[8] = {0, 1, 1, 1, 0, -1, -1, -1};
    std::mt19937_64 engine(seed);
    const int direction = int(engine() >> 61); // top three bits: 0–7, the same everywhere
    const int dx = kDx[direction] * pixels, dy = kDy[direction] * pixels;
    for (int c = 0; c < channels; ++c) {
        const float *plane = in + qsizetype(c) * height * width;
        float *target = out + qsizetype(c) * height * width;
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                const int sx = x - dx, sy = y - dy;
                target[y * width + x] = sx >= 0 && sx < width && sy >= 0 && sy < height ? plane[sy * width + sx] : 0.0f;
            }
    }
}

void contrast(double factor, const float *in, float *out, int channels, int height, int width)
{
    const qsizetype n = qsizetype(height) * width;
    for (int c = 0; c < channels; ++c) {
        const float *plane = in + c * n;
        double mean = 0;
        for (qsizetype p = 0; p < n; ++p)
            mean += plane[p];
        mean /= double(n);
        for (qsizetype p = 0; p < n; ++p)
            out[c * n + p] = clamp01(mean + (double(plane[p]) - mean) * factor);
    }
}

void rotate(double degrees, const float *in, float *out, int channels, int height, int width, quint64 seed)
{
    std::mt19937_64 engine(seed);
    const double angle = (engine() >> 63 ? -degrees : degrees) * std::numbers::pi / 180.0;
    const double cosA = std::cos(angle), sinA = std::sin(angle);
    const double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
    for (int c = 0; c < channels; ++c) {
        const float *plane = in + qsizetype(c) * height * width;
        const auto at = [&](int x, int y) {
            return x >= 0 && x < width && y >= 0 && y < height ? double(plane[y * width + x]) : 0.0;
        };
        float *target = out + qsizetype(c) * height * width;
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                // The source of this output pixel: the inverse rotation about the centre.
                const double sx = cx + cosA * (x - cx) + sinA * (y - cy);
                const double sy = cy - sinA * (x - cx) + cosA * (y - cy);
                const int x0 = int(std::floor(sx)), y0 = int(std::floor(sy));
                const double fx = sx - x0, fy = sy - y0;
                const double v = (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0))
                                 + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
                target[y * width + x] = clamp01(v);
            }
    }
}

} // namespace

const std::vector<Corruption> &allCorruptions()
{
    static const std::vector<Corruption> kinds = {Corruption::Noise, Corruption::Blur, Corruption::Shift,
                                                  Corruption::Contrast, Corruption::Rotation};
    return kinds;
}

QString corruptionKey(Corruption kind)
{
    switch (kind) {
    case Corruption::Noise: return QStringLiteral("noise");
    case Corruption::Blur: return QStringLiteral("blur");
    case Corruption::Shift: return QStringLiteral("shift");
    case Corruption::Contrast: return QStringLiteral("contrast");
    case Corruption::Rotation: return QStringLiteral("rotation");
    }
    return {};
}

QString corruptionUnit(Corruption kind)
{
    switch (kind) {
    case Corruption::Noise: return QStringLiteral("σ");
    case Corruption::Blur: return QStringLiteral("σ px");
    case Corruption::Shift: return QStringLiteral("px");
    case Corruption::Contrast: return QStringLiteral("factor");
    case Corruption::Rotation: return QStringLiteral("°");
    }
    return {};
}

const std::vector<double> &corruptionSeverities(Corruption kind)
{
    static const std::vector<double> noise = {0.1, 0.2, 0.3, 0.4, 0.5};
    static const std::vector<double> blur = {0.5, 1.0, 1.5, 2.0, 2.5};
    static const std::vector<double> shift = {1, 2, 3, 4, 5};
    static const std::vector<double> contrast = {0.8, 0.6, 0.4, 0.3, 0.2};
    static const std::vector<double> rotation = {5, 10, 15, 20, 30};
    switch (kind) {
    case Corruption::Noise: return noise;
    case Corruption::Blur: return blur;
    case Corruption::Shift: return shift;
    case Corruption::Contrast: return contrast;
    case Corruption::Rotation: return rotation;
    }
    return noise;
}

void corruptImage(Corruption kind, int level, const float *in, float *out, int channels, int height, int width,
                  quint64 seed, qint64 samplePosition)
{
    if (level < 0 || level > kLevels)
        throw UsageError(QStringLiteral("a %1 corruption level must be 0 to %2, got %3")
                             .arg(corruptionKey(kind)).arg(kLevels).arg(level));
    const qsizetype n = qsizetype(channels) * height * width;
    if (level == 0) {
        std::copy(in, in + n, out);
        return;
    }
    const double severity = corruptionSeverities(kind)[size_t(level - 1)];
    const quint64 draws = drawSeed(seed, samplePosition, kind);
    switch (kind) {
    case Corruption::Noise: addNoise(severity, in, out, n, draws); break;
    case Corruption::Blur: blur(severity, in, out, channels, height, width); break;
    case Corruption::Shift: shift(int(std::lround(severity)), in, out, channels, height, width, draws); break;
    case Corruption::Contrast: contrast(severity, in, out, channels, height, width); break;
    case Corruption::Rotation: rotate(severity, in, out, channels, height, width, draws); break;
    }
}

std::vector<CorruptionCurve> corruptionCurves(Classifier &classifier, const Dataset &data,
                                              const std::vector<qint64> &indices, quint64 seed, int batchSize,
                                              const ProgressFn &progress, const CancelFlag *cancel)
{
    const std::vector<int> truth = detail::checkedTruth(classifier, data, indices, batchSize);
    const int k = classifier.numClasses();
    const qsizetype pixels = data.imageBytes();
    const qint64 n = qint64(indices.size());
    const qint64 total = n * (1 + qint64(allCorruptions().size()) * kLevels);
    qint64 done = 0;
    std::vector<float> clean(static_cast<size_t>(pixels)); // one image, before its corruption

    // One pass over the samples with every image made by corruptImage(kind, level); level 0
    // is the clean pass, shared by all curves.
    const auto accuracyAt = [&](Corruption kind, int level) {
        qint64 correct = 0;
        detail::runBatches(
            classifier, data, indices, batchSize,
            [&](size_t position, const std::uint8_t *image, float *out) {
                if (level == 0) {
                    std::transform(image, image + pixels, out, detail::toUnit);
                    return;
                }
                std::transform(image, image + pixels, clean.begin(), detail::toUnit);
                corruptImage(kind, level, clean.data(), out, data.channels, data.height, data.width, seed,
                             qint64(position));
            },
            [&](size_t first, size_t count, const float *probabilities) {
                for (size_t j = 0; j < count; ++j)
                    correct += argmax(probabilities + j * size_t(k), k) == truth[first + j];
            },
            progress, done, total, cancel);
        done += n;
        return n == 0 ? 0.0 : double(correct) / double(n);
    };

    const double cleanAccuracy = accuracyAt(Corruption::Noise, 0);
    std::vector<CorruptionCurve> curves;
    for (const Corruption kind : allCorruptions()) {
        CorruptionCurve curve;
        curve.kind = kind;
        curve.severities.push_back(0);
        curve.accuracy.push_back(cleanAccuracy);
        for (int level = 1; level <= kLevels; ++level) {
            curve.severities.push_back(corruptionSeverities(kind)[size_t(level - 1)]);
            curve.accuracy.push_back(accuracyAt(kind, level));
        }
        curves.push_back(std::move(curve));
    }
    return curves;
}

QJsonArray corruptionCurvesToJson(const std::vector<CorruptionCurve> &curves)
{
    QJsonArray array;
    for (const CorruptionCurve &curve : curves) {
        QJsonArray severities, accuracy;
        for (const double s : curve.severities)
            severities.append(s);
        for (const double a : curve.accuracy)
            accuracy.append(a);
        array.append(QJsonObject{{QStringLiteral("corruption"), corruptionKey(curve.kind)},
                                 {QStringLiteral("unit"), corruptionUnit(curve.kind)},
                                 {QStringLiteral("severities"), severities},
                                 {QStringLiteral("accuracy"), accuracy}});
    }
    return array;
}

std::vector<CorruptionCurve> corruptionCurvesFromJson(const QJsonArray &json, const QString &origin)
{
    std::vector<CorruptionCurve> curves;
    for (qsizetype i = 0; i < json.size(); ++i) {
        if (!json[i].isObject())
            throw Error(QStringLiteral("%1: corruption curve %2 is not an object").arg(origin).arg(i));
        const QJsonObject object = json[i].toObject();
        CorruptionCurve curve;
        const QString key = object.value(QStringLiteral("corruption")).toString();
        const auto kind = std::find_if(allCorruptions().begin(), allCorruptions().end(),
                                       [&](Corruption c) { return corruptionKey(c) == key; });
        if (kind == allCorruptions().end())
            throw Error(QStringLiteral("%1: corruption curve %2 has an unknown corruption \"%3\"")
                            .arg(origin).arg(i).arg(key));
        curve.kind = *kind;
        const auto numbers = [&](const QString &name, std::vector<double> &into) {
            const QJsonValue value = object.value(name);
            if (!value.isArray())
                throw Error(QStringLiteral("%1: the %2 curve has no \"%3\" array").arg(origin, key, name));
            for (const QJsonValue &v : value.toArray()) {
                if (!v.isDouble() || !std::isfinite(v.toDouble()))
                    throw Error(QStringLiteral("%1: the %2 curve's \"%3\" holds something that is not a number")
                                    .arg(origin, key, name));
                into.push_back(v.toDouble());
            }
        };
        numbers(QStringLiteral("severities"), curve.severities);
        numbers(QStringLiteral("accuracy"), curve.accuracy);
        if (curve.severities.size() != curve.accuracy.size())
            throw Error(QStringLiteral("%1: the %2 curve has %3 severities but %4 accuracies")
                            .arg(origin, key).arg(curve.severities.size()).arg(curve.accuracy.size()));
        for (const double a : curve.accuracy)
            if (a < 0 || a > 1)
                throw Error(QStringLiteral("%1: the %2 curve has an accuracy outside [0, 1]: %3")
                                .arg(origin, key).arg(a));
        curves.push_back(std::move(curve));
    }
    return curves;
}

} // namespace mlwb
