#pragma once
// A tiny MNIST-like data set that a small model learns in an epoch or two: 28×28 images of
// 10 classes, each a bright block at a class-dependent place (2 rows × 5 columns) on a
// noisy dark background. Written as MNIST IDX files so that `mlwb data ingest` reads it.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QString>
#include <QtEndian>
#include <random>

namespace mlwb::test {

class SyntheticDigits {
public:
    static constexpr int kSide = 28;
    static constexpr int kClasses = 10;

    // One image of class `label`, kSide × kSide bytes, row-major.
    static QByteArray image(int label, std::mt19937 &rng)
    {
        std::uniform_int_distribution<int> background(0, 40), ink(190, 255);
        QByteArray pixels(kSide * kSide, '\0');
        for (char &p : pixels)
            p = char(background(rng));
        const int x0 = 2 + (label % 5) * 5, y0 = 5 + (label / 5) * 11;
        for (int y = y0; y < y0 + 7; ++y)
            for (int x = x0; x < x0 + 4; ++x)
                pixels[y * kSide + x] = char(ink(rng));
        return pixels;
    }

    struct Part {
        QByteArray images; // count × kSide × kSide
        QByteArray labels; // count
    };

    // Balanced classes (label i % 10), deterministic for a seed.
    static Part make(int count, unsigned seed)
    {
        std::mt19937 rng(seed);
        Part part;
        for (int i = 0; i < count; ++i) {
            const int label = i % kClasses;
            part.images += image(label, rng);
            part.labels += char(label);
        }
        return part;
    }

    // IDX header: magic, then each dimension, big-endian 32-bit.
    static QByteArray idxHeader(quint32 magic, std::initializer_list<quint32> dims)
    {
        QByteArray header;
        auto put = [&header](quint32 v) {
            char bytes[4];
            qToBigEndian(v, bytes);
            header.append(bytes, 4);
        };
        put(magic);
        for (quint32 d : dims)
            put(d);
        return header;
    }

    static bool writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }

    // folder/{train,t10k}-{images-idx3,labels-idx1}-ubyte. Returns the test part.
    static Part writeIdxFolder(const QString &folder, int trainCount, int testCount, unsigned seed)
    {
        QDir().mkpath(folder);
        const QDir dir(folder);
        const Part train = make(trainCount, seed), test = make(testCount, seed + 1);
        const auto writePart = [&dir](const QString &prefix, const Part &part) {
            const quint32 n = quint32(part.labels.size());
            const bool ok = writeFile(dir.filePath(prefix + QStringLiteral("-images-idx3-ubyte")),
                                      idxHeader(0x00000803, {n, kSide, kSide}) + part.images)
                            && writeFile(dir.filePath(prefix + QStringLiteral("-labels-idx1-ubyte")),
                                         idxHeader(0x00000801, {n}) + part.labels);
            if (!ok)
                qFatal("cannot write the IDX fixture in %s", qPrintable(dir.path()));
        };
        writePart(QStringLiteral("train"), train);
        writePart(QStringLiteral("t10k"), test);
        return test;
    }

    // A kSide × kSide grayscale image of the given pixels.
    static QImage toImage(const QByteArray &pixels)
    {
        QImage img(kSide, kSide, QImage::Format_Grayscale8);
        for (int y = 0; y < kSide; ++y)
            memcpy(img.scanLine(y), pixels.constData() + y * kSide, kSide);
        return img;
    }

    // A dark, digit-like stroke (a "7") on white, of any size: what a photo of a digit gives.
    static QImage handDrawnSeven(int width, int height)
    {
        QImage img(width, height, QImage::Format_Grayscale8);
        img.fill(255);
        const int t = std::max(2, height / 12); // stroke thickness
        const auto dot = [&](int cx, int cy) {
            for (int y = cy - t; y <= cy + t; ++y)
                for (int x = cx - t; x <= cx + t; ++x)
                    if (x >= 0 && y >= 0 && x < width && y < height)
                        img.scanLine(y)[x] = 20;
        };
        const int left = width * 3 / 10, right = width * 7 / 10, top = height / 5, bottom = height * 4 / 5;
        for (int x = left; x <= right; ++x)
            dot(x, top);
        for (int s = 0; s <= 100; ++s) // the diagonal, from the top right down to the bottom middle
            dot(right + (width / 2 - right) * s / 100, top + (bottom - top) * s / 100);
        return img;
    }
};

} // namespace mlwb::test
