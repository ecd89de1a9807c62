#include "production/SensorModel.h"

#include "common/Error.h"
#include "evaluation/GaussianNoise.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <random>

namespace mlwb {

namespace {

// The image between stages: 0–1 as doubles, not clamped until the output stage (a gain may
// push a value past white and noise pull it back, as in a sensor's analogue chain).
struct Plane {
    int width = 0, height = 0;
    std::vector<double> v; // row-major

    Plane(int w, int h) : width(w), height(h), v(size_t(w) * size_t(h), 0.0) {}
    double at(int x, int y) const { return v[size_t(y) * size_t(width) + size_t(x)]; }
    double &at(int x, int y) { return v[size_t(y) * size_t(width) + size_t(x)]; }
};

Plane toPlane(const GrayImage &image)
{
    Plane plane(image.width, image.height);
    for (size_t p = 0; p < plane.v.size(); ++p)
        plane.v[p] = image.pixels[p] / 255.0;
    return plane;
}

GrayImage toGray(const Plane &plane)
{
    GrayImage image{plane.width, plane.height, std::vector<std::uint8_t>(plane.v.size())};
    for (size_t p = 0; p < plane.v.size(); ++p)
        image.pixels[p] = std::uint8_t(std::lround(std::clamp(plane.v[p], 0.0, 1.0) * 255.0));
    return image;
}

[[noreturn]] void refuse(const char *setting, const QString &rule, double value)
{
    throw UsageError(QStringLiteral("sensor setting \"%1\" %2, got %3")
                         .arg(QLatin1String(setting), rule, QString::number(value, 'g', 10)));
}

void checkRange(const char *setting, double value, double low, double high)
{
    if (!(value >= low && value <= high)) // also refuses NaN
        refuse(setting, QStringLiteral("must be between %1 and %2").arg(low).arg(high), value);
}

void checkFinite(const char *setting, double value)
{
    if (!std::isfinite(value))
        refuse(setting, QStringLiteral("must be a finite number"), value);
}

void validate(const SensorSettings &s)
{
    if (s.resolution < 4 || s.resolution > 256)
        refuse("resolution", QStringLiteral("must be between 4 and 256"), s.resolution);
    checkRange("deadPixels", s.deadPixels, 0, 0.2);
    checkRange("hotPixels", s.hotPixels, 0, 0.2);
    constexpr double big = std::numeric_limits<double>::max();
    checkRange("blurSigma", s.blurSigma, 0, big);
    checkRange("gain", s.gain, 0, big);
    checkRange("contrast", s.contrast, 0, big);
    checkRange("shotNoise", s.shotNoise, 0, big);
    checkRange("readNoise", s.readNoise, 0, big);
    checkFinite("rotationDegrees", s.rotationDegrees);
    checkFinite("shiftX", s.shiftX);
    checkFinite("shiftY", s.shiftY);
}

// ── 1. optics ────────────────────────────────────────────────────────────────────────────

// Normalised over the whole Gaussian, not over the part that is kept: a σ larger than the
// image sends most of the light past its border, as it would on a sensor.
std::vector<double> gaussianKernel(double sigma, int limit)
{
    const double fullRadius = std::ceil(4 * sigma);
    const auto weight = [sigma](double t) { return std::exp(-0.5 * (t / sigma) * (t / sigma)); }; // fine for a tiny σ
    double sum = 0;
    if (fullRadius <= 1e5)
        for (double t = -fullRadius; t <= fullRadius; ++t)
            sum += weight(t);
    else
        sum = sigma * std::sqrt(2 * std::numbers::pi); // the sampled sum, to far below a double's precision
    // Beyond the image everything is black, so a radius past its size adds nothing.
    const int radius = int(std::min(fullRadius, double(limit)));
    std::vector<double> kernel(size_t(2 * radius + 1));
    for (int t = -radius; t <= radius; ++t)
        kernel[size_t(t + radius)] = weight(t) / sum;
    return kernel;
}

// Separable Gaussian; outside the drawing is the dark background, so light that spreads past
// the border is lost rather than reflected back.
Plane blur(const Plane &in, double sigmaX, double sigmaY)
{
    if (sigmaX <= 0 && sigmaY <= 0)
        return in;
    const auto pass = [](const Plane &src, double sigma, bool alongX) {
        if (sigma <= 0)
            return src;
        const int length = alongX ? src.width : src.height;
        const std::vector<double> kernel = gaussianKernel(sigma, length);
        const int radius = int(kernel.size() / 2);
        Plane out(src.width, src.height);
        for (int y = 0; y < src.height; ++y)
            for (int x = 0; x < src.width; ++x) {
                const int centre = alongX ? x : y;
                const int from = std::max(-radius, -centre), to = std::min(radius, length - 1 - centre);
                double v = 0;
                for (int t = from; t <= to; ++t)
                    v += kernel[size_t(t + radius)] * (alongX ? src.at(x + t, y) : src.at(x, y + t));
                out.at(x, y) = v;
            }
        return out;
    };
    return pass(pass(in, sigmaX, true), sigmaY, false);
}

// ── 2. pose ──────────────────────────────────────────────────────────────────────────────

// Rotation about the drawing's centre and a shift, both in sensor pixels: the drawing's axes
// are scaled by (width / resolution, height / resolution) first, so that a non-square drawing
// still turns rigidly on the sensor. Bilinear; what comes from outside the drawing is black.
Plane pose(const Plane &in, double degrees, double shiftX, double shiftY, int resolution)
{
    if (degrees == 0 && shiftX == 0 && shiftY == 0)
        return in;
    const double scaleX = double(in.width) / resolution, scaleY = double(in.height) / resolution;
    const double angle = degrees * std::numbers::pi / 180.0;
    const double cosA = std::cos(angle), sinA = std::sin(angle);
    const double cx = (in.width - 1) / 2.0, cy = (in.height - 1) / 2.0;
    const auto source = [&](int x, int y) {
        return x >= 0 && x < in.width && y >= 0 && y < in.height ? in.at(x, y) : 0.0;
    };
    Plane out(in.width, in.height);
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < in.width; ++x) {
            // In sensor units around the centre, undo the shift, then the rotation. Positive
            // degrees turn counter-clockwise on screen (y grows downwards).
            const double u = (x - cx) / scaleX - shiftX, w = (y - cy) / scaleY - shiftY;
            const double su = cosA * u - sinA * w, sw = sinA * u + cosA * w;
            const double sx = cx + su * scaleX, sy = cy + sw * scaleY;
            const int x0 = int(std::floor(sx)), y0 = int(std::floor(sy));
            const double fx = sx - x0, fy = sy - y0;
            out.at(x, y) = (1 - fy) * ((1 - fx) * source(x0, y0) + fx * source(x0 + 1, y0))
                           + fy * ((1 - fx) * source(x0, y0 + 1) + fx * source(x0 + 1, y0 + 1));
        }
    return out;
}

// ── 3. sampling ──────────────────────────────────────────────────────────────────────────

// Each sensor pixel i of an axis covers [i·n/r, (i+1)·n/r) of the drawing's n pixels. Measured
// in units of 1/r, drawing pixel k covers [k·r, (k+1)·r) and sensor pixel i covers
// [i·n, (i+1)·n): the overlaps are integers, so the weights (overlap / n) are exact for any
// ratio, integer or not, shrinking or enlarging.
struct AxisWeights {
    std::vector<int> first;                  // per sensor pixel, the first drawing pixel it covers
    std::vector<std::vector<double>> weight; // per sensor pixel, the weights from `first` on
};

AxisWeights axisWeights(int n, int r)
{
    AxisWeights a;
    for (int i = 0; i < r; ++i) {
        const qint64 begin = qint64(i) * n, end = qint64(i + 1) * n;
        const int k0 = int(begin / r), k1 = int((end - 1) / r);
        a.first.push_back(k0);
        std::vector<double> w;
        for (int k = k0; k <= k1; ++k) {
            const qint64 overlap = std::min(end, qint64(k + 1) * r) - std::max(begin, qint64(k) * r);
            w.push_back(double(overlap) / n);
        }
        a.weight.push_back(std::move(w));
    }
    return a;
}

// Exact area averaging onto resolution × resolution; the drawing's full extent fills the
// square (x and y scaled separately when the drawing is not square).
Plane sample(const Plane &in, int resolution)
{
    const AxisWeights ax = axisWeights(in.width, resolution), ay = axisWeights(in.height, resolution);
    Plane rows(resolution, in.height); // averaged along x
    for (int y = 0; y < in.height; ++y)
        for (int i = 0; i < resolution; ++i) {
            double v = 0;
            for (size_t t = 0; t < ax.weight[size_t(i)].size(); ++t)
                v += ax.weight[size_t(i)][t] * in.at(ax.first[size_t(i)] + int(t), y);
            rows.at(i, y) = v;
        }
    Plane out(resolution, resolution);
    for (int j = 0; j < resolution; ++j)
        for (int i = 0; i < resolution; ++i) {
            double v = 0;
            for (size_t t = 0; t < ay.weight[size_t(j)].size(); ++t)
                v += ay.weight[size_t(j)][t] * rows.at(i, ay.first[size_t(j)] + int(t));
            out.at(i, j) = v;
        }
    return out;
}

// ── 4.–6. response, noise, defects ───────────────────────────────────────────────────────

Plane respond(Plane plane, double gain, double contrast)
{
    for (double &v : plane.v)
        v = 0.5 + contrast * (gain * v - 0.5);
    return plane;
}

Plane addNoise(Plane plane, double shot, double read, quint64 seed)
{
    if (shot == 0 && read == 0)
        return plane;
    // Two draws per pixel, always in this order, so that changing one amount keeps the
    // other's pattern.
    GaussianNoise noise(seed);
    for (double &v : plane.v) {
        const double shotDraw = noise.next(), readDraw = noise.next();
        v += shot * std::sqrt(std::max(v, 0.0)) * shotDraw + read * readDraw;
    }
    return plane;
}

// Uniform in [0, n) from the engine's raw output by rejection: unlike
// std::uniform_int_distribution, the same on every standard library.
quint64 uniformBelow(std::mt19937_64 &engine, quint64 n)
{
    const quint64 limit = std::numeric_limits<quint64>::max() - std::numeric_limits<quint64>::max() % n;
    quint64 x;
    do
        x = engine();
    while (x >= limit);
    return x % n;
}

Plane addDefects(Plane plane, double deadFraction, double hotFraction, quint64 seed)
{
    const size_t n = plane.v.size();
    const size_t dead = size_t(std::lround(deadFraction * double(n)));
    const size_t hot = size_t(std::lround(hotFraction * double(n)));
    if (dead + hot == 0)
        return plane;
    // Its own stream (not the noise's), so that defects stay put when the noise changes.
    std::mt19937_64 engine(seed ^ 0xD1B54A32D192ED03ull);
    // A partial Fisher–Yates shuffle: the first dead + hot places are distinct pixels.
    std::vector<size_t> places(n);
    std::iota(places.begin(), places.end(), size_t(0));
    for (size_t i = 0; i < dead + hot; ++i) {
        const size_t j = i + size_t(uniformBelow(engine, quint64(n - i)));
        std::swap(places[i], places[j]);
        plane.v[places[i]] = i < dead ? 0.0 : 1.0;
    }
    return plane;
}

// The pipeline; with `stages`, every stage's image is kept for the previews.
GrayImage run(const GrayImage &drawing, const SensorSettings &s, std::vector<GrayImage> *stages)
{
    validate(s);
    if (drawing.width <= 0 || drawing.height <= 0 || drawing.pixels.size() != size_t(drawing.width) * size_t(drawing.height))
        throw UsageError(QStringLiteral("the sensor needs a drawing with pixels, got %1×%2")
                             .arg(drawing.width).arg(drawing.height));
    const auto keep = [&](const Plane &plane) {
        if (stages)
            stages->push_back(toGray(plane));
    };
    const double scaleX = double(drawing.width) / s.resolution, scaleY = double(drawing.height) / s.resolution;
    Plane plane = blur(toPlane(drawing), s.blurSigma * scaleX, s.blurSigma * scaleY);
    keep(plane);
    plane = pose(plane, s.rotationDegrees, s.shiftX, s.shiftY, s.resolution);
    keep(plane);
    plane = sample(plane, s.resolution);
    keep(plane);
    plane = respond(std::move(plane), s.gain, s.contrast);
    keep(plane);
    plane = addNoise(std::move(plane), s.shotNoise, s.readNoise, s.seed);
    keep(plane);
    plane = addDefects(std::move(plane), s.deadPixels, s.hotPixels, s.seed);
    keep(plane);
    GrayImage output = toGray(plane); // clamped and quantised
    if (stages)
        stages->push_back(output);
    return output;
}

// ── JSON ─────────────────────────────────────────────────────────────────────────────────

[[noreturn]] void refuseJson(const QString &key, const char *kind, const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonObject{{key, value}}).toJson(QJsonDocument::Compact);
    throw UsageError(QStringLiteral("sensor setting \"%1\" must be %2, got %3")
                         .arg(key, QLatin1String(kind), QString::fromUtf8(text.mid(text.indexOf(':') + 1).chopped(1))));
}

void read(const QJsonObject &json, const char *key, double &out)
{
    const QString k = QLatin1String(key);
    const QJsonValue v = json.value(k);
    if (v.isUndefined())
        return;
    if (!v.isDouble())
        refuseJson(k, "a number", v);
    out = v.toDouble();
}

void read(const QJsonObject &json, const char *key, int &out)
{
    const QString k = QLatin1String(key);
    const QJsonValue v = json.value(k);
    if (v.isUndefined())
        return;
    if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()) || std::abs(v.toDouble()) > 2e9)
        refuseJson(k, "an integer", v);
    out = v.toInt();
}

// Written as a string: JSON numbers (doubles) lose 64-bit seeds; a plain number is accepted.
void read(const QJsonObject &json, const char *key, quint64 &out)
{
    const QString k = QLatin1String(key);
    const QJsonValue v = json.value(k);
    if (v.isUndefined())
        return;
    bool ok = false;
    quint64 value = 0;
    if (v.isString())
        value = v.toString().toULongLong(&ok);
    else if (v.isDouble() && v.toDouble() >= 0 && v.toDouble() == std::floor(v.toDouble()) && v.toDouble() < 9e15)
        value = quint64(v.toDouble()), ok = true;
    if (!ok)
        refuseJson(k, "a non-negative integer", v);
    out = value;
}

} // namespace

SensorSettings SensorSettings::preset(Preset preset)
{
    SensorSettings s;
    switch (preset) {
    case Preset::Clean:
        break;
    case Preset::CheapWebcam:
        s.blurSigma = 0.8;
        s.resolution = 20;
        s.gain = 1.1;
        s.contrast = 0.8;
        s.shotNoise = 0.03;
        s.readNoise = 0.02;
        s.hotPixels = 0.0075;
        break;
    case Preset::Noisy:
        s.blurSigma = 0.5;
        s.contrast = 0.9;
        s.shotNoise = 0.08;
        s.readNoise = 0.06;
        s.deadPixels = 0.01;
        s.hotPixels = 0.01;
        break;
    }
    return s;
}

QString SensorSettings::presetName(Preset preset)
{
    switch (preset) {
    case Preset::Clean:
        return QStringLiteral("clean");
    case Preset::CheapWebcam:
        return QStringLiteral("cheap webcam");
    case Preset::Noisy:
        return QStringLiteral("noisy");
    }
    return {};
}

QJsonObject SensorSettings::toJson() const
{
    return {
        {QStringLiteral("blurSigma"), blurSigma},
        {QStringLiteral("rotationDegrees"), rotationDegrees},
        {QStringLiteral("shiftX"), shiftX},
        {QStringLiteral("shiftY"), shiftY},
        {QStringLiteral("resolution"), resolution},
        {QStringLiteral("gain"), gain},
        {QStringLiteral("contrast"), contrast},
        {QStringLiteral("shotNoise"), shotNoise},
        {QStringLiteral("readNoise"), readNoise},
        {QStringLiteral("deadPixels"), deadPixels},
        {QStringLiteral("hotPixels"), hotPixels},
        {QStringLiteral("seed"), QString::number(seed)},
    };
}

SensorSettings SensorSettings::fromJson(const QJsonObject &json)
{
    SensorSettings s;
    read(json, "blurSigma", s.blurSigma);
    read(json, "rotationDegrees", s.rotationDegrees);
    read(json, "shiftX", s.shiftX);
    read(json, "shiftY", s.shiftY);
    read(json, "resolution", s.resolution);
    read(json, "gain", s.gain);
    read(json, "contrast", s.contrast);
    read(json, "shotNoise", s.shotNoise);
    read(json, "readNoise", s.readNoise);
    read(json, "deadPixels", s.deadPixels);
    read(json, "hotPixels", s.hotPixels);
    read(json, "seed", s.seed);
    return s;
}

GrayImage simulateSensor(const GrayImage &drawing, const SensorSettings &settings)
{
    return run(drawing, settings, nullptr);
}

std::vector<GrayImage> sensorStages(const GrayImage &drawing, const SensorSettings &settings)
{
    std::vector<GrayImage> stages;
    run(drawing, settings, &stages);
    return stages;
}

} // namespace mlwb
