#pragma once
// Shared by the learning tests: a small, learnable image set made on the fly.
#include "data/Dataset.h"
#include "training/TrainSettings.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <random>

namespace mlwb::testing {

// `perClass` images per class of 4 shapes at random places (horizontal bar, vertical bar,
// hollow square, diagonal), with noise; every fifth image is in the test subset. side ≥ 8.
inline DatasetPtr syntheticShapes(int perClass, int side = 28, quint32 seed = 1)
{
    Q_ASSERT(side >= 8);
    auto d = std::make_shared<Dataset>();
    d->channels = 1;
    d->height = d->width = side;
    d->classNames = {QStringLiteral("hbar"), QStringLiteral("vbar"), QStringLiteral("square"), QStringLiteral("diagonal")};
    std::mt19937 rng(seed);
    auto uniform = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    for (int i = 0; i < perClass * 4; ++i) {
        const int label = i % 4;
        std::vector<std::uint8_t> image(size_t(side * side), 0);
        auto set = [&](int y, int x) {
            if (y >= 0 && y < side && x >= 0 && x < side)
                image[size_t(y * side + x)] = std::uint8_t(uniform(170, 255));
        };
        const int len = uniform(side / 2, side - 4), a = uniform(1, side - len - 1), b = uniform(2, side - 3);
        for (int k = 0; k < len; ++k) {
            switch (label) {
            case 0: set(b, a + k); set(b + 1, a + k); break;
            case 1: set(a + k, b); set(a + k, b + 1); break;
            case 2: {
                const int s = len / 2;
                if (k < s) { set(a, a + k); set(a + s, a + k); set(a + k, a); set(a + k, a + s); }
                break;
            }
            default: set(a + k, a + k); set(a + k, a + k + 1); break;
            }
        }
        for (int n = 0; n < side; ++n) // speckle noise
            image[size_t(uniform(0, side * side - 1))] = std::uint8_t(uniform(0, 120));
        d->pixels.insert(d->pixels.end(), image.begin(), image.end());
        d->labels.push_back(std::uint8_t(label));
        d->subsets.push_back(std::uint8_t(i % 5 == 4 ? Subset::Test : Subset::Train));
    }
    return d;
}

// A small spec with every trainable layer kind (conv, batchnorm, dropout, linear), cheap
// enough to train for a few epochs in a test. Written to `dir`/tiny.json; returns the path.
inline QString writeTinySpec(const QString &dir)
{
    const QByteArray json = R"({"name": "tiny", "layers": [
        {"type": "conv2d", "out": 6, "kernel": 3, "padding": 1, "bias": false},
        {"type": "batchnorm2d"}, {"type": "relu"}, {"type": "maxpool2d", "kernel": 2},
        {"type": "conv2d", "out": 8, "kernel": 3, "stride": 2},
        {"type": "relu"}, {"type": "avgpool2d", "kernel": 2},
        {"type": "flatten"}, {"type": "dropout", "p": 0.25},
        {"type": "linear", "out": 16}, {"type": "batchnorm1d"}, {"type": "relu"},
        {"type": "linear", "out": "classes"}]})";
    const QString path = QDir(dir).filePath(QStringLiteral("tiny.json"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(json);
    return path;
}

// Settings for a training of a few seconds on syntheticShapes() with writeTinySpec()'s network.
inline TrainSettings tinyTrainSettings(const QString &dir, int epochs, int batchSize = 16, int threads = 1)
{
    TrainSettings s;
    s.architecture = writeTinySpec(dir);
    s.epochs = epochs;
    s.batchSize = batchSize;
    s.learningRate = 0.01;
    s.threads = threads;
    return s;
}

// A small convolutional network without batch normalisation: trained on two threads, it
// takes the data-parallel path (one replica per thread). `dropout` 0 leaves the layer out.
inline QString writeReplicableSpec(const QString &dir, double dropout = 0.25)
{
    QByteArray json = R"({"name": "replicable", "layers": [
        {"type": "conv2d", "out": 6, "kernel": 3, "padding": 1},
        {"type": "relu"}, {"type": "maxpool2d", "kernel": 2},
        {"type": "conv2d", "out": 8, "kernel": 3},
        {"type": "relu"}, {"type": "maxpool2d", "kernel": 2},
        {"type": "flatten"}, DROPOUT
        {"type": "linear", "out": "classes"}]})";
    json.replace("DROPOUT", dropout > 0 ? QByteArray(R"({"type": "dropout", "p": )") + QByteArray::number(dropout) + "}," : QByteArray());
    const QString path = QDir(dir).filePath(QStringLiteral("replicable-%1.json").arg(dropout));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(json);
    return path;
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace mlwb::testing
