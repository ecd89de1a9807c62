// Single-image prediction latency of a model version, as the canvas and the HTTP API see it:
// one image at a time, one thread. Prints JSON: p50/p99 in milliseconds, with and without
// MNIST-style preprocessing, and of the classifier alone in fp32 and in bf16 (forced: the
// predictor's auto precision keeps single images in fp32).
#include "common/Log.h"
#include "data/Preprocess.h"
#include "data/Splits.h"
#include "inference/Predictor.h"
#include "models/ModelFiles.h"
#include "store/DatasetStore.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>

namespace {

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[size_t(p * double(v.size() - 1))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: mlwb_bench_predict WORKSPACE MODEL_ID DATASET_REF [N]\n");
        return 2;
    }
    mlwb::initLogging(mlwb::LogMode::Cli);
    auto workspace = mlwb::Workspace::open(QString::fromLocal8Bit(argv[1]));
    const qint64 modelId = QByteArray(argv[2]).toLongLong();
    const mlwb::DatasetPtr data = mlwb::DatasetStore(*workspace).load(QString::fromLocal8Bit(argv[3]));
    const int n = argc > 4 ? std::atoi(argv[4]) : 2000;
    mlwb::Predictor predictor(workspace->modelDir(modelId), 1);

    const mlwb::Splits splits = mlwb::makeSplits(*data, 0.0, 0);
    std::vector<double> plain, withPreprocessing;
    for (int i = 0; i < n; ++i) {
        const qint64 index = splits.test[size_t(i) % splits.test.size()];
        std::vector<std::uint8_t> image(data->image(index), data->image(index) + data->imageBytes());
        QElapsedTimer timer;
        timer.start();
        predictor.predict(image);
        plain.push_back(double(timer.nsecsElapsed()) / 1e6);

        mlwb::GrayImage gray{data->width, data->height, image};
        timer.restart();
        const mlwb::GrayImage input = mlwb::preprocessMnistStyle(gray);
        predictor.predict(input.pixels);
        withPreprocessing.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    // One image at a time through the classifier in each number format.
    QJsonObject single;
    for (const mlwb::Precision precision : {mlwb::Precision::Fp32, mlwb::Precision::Bf16}) {
        const std::unique_ptr<mlwb::Classifier> classifier = mlwb::loadClassifier(workspace->modelDir(modelId), 1, precision);
        std::vector<float> x(size_t(data->imageBytes()));
        std::vector<float> p(size_t(classifier->numClasses()));
        std::vector<double> ms;
        for (int i = -20; i < n; ++i) { // 20 to warm up
            const std::uint8_t *image = data->image(splits.test[size_t(std::max(i, 0)) % splits.test.size()]);
            QElapsedTimer timer;
            timer.start();
            std::transform(image, image + data->imageBytes(), x.begin(), [](std::uint8_t v) { return float(v) / 255.0f; });
            classifier->predict(x.data(), 1, p.data());
            if (i >= 0)
                ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        single.insert(mlwb::precisionName(precision),
                      QJsonObject{{QStringLiteral("p50_ms"), percentile(ms, 0.5)}, {QStringLiteral("p99_ms"), percentile(ms, 0.99)}});
    }
    // Micro-batches as the inference service forms them under load: images per second of the
    // forward pass alone at batch 20, in fp32 and in auto precision (bf16 where the CPU has it).
    QJsonObject batched;
    for (const mlwb::Precision precision : {mlwb::Precision::Fp32, mlwb::Precision::Auto}) {
        const std::unique_ptr<mlwb::Classifier> classifier = mlwb::loadClassifier(workspace->modelDir(modelId), 1, precision);
        constexpr int kBatch = 20;
        std::vector<float> x(size_t(kBatch) * size_t(data->imageBytes()));
        for (size_t i = 0; i < x.size(); ++i)
            x[i] = float(data->image(splits.test[0])[i % size_t(data->imageBytes())]) / 255.0f;
        std::vector<float> p(size_t(kBatch * classifier->numClasses()));
        std::vector<float> e(size_t(kBatch * classifier->embeddingSize()));
        for (int i = 0; i < 20; ++i)
            classifier->predictWithEmbedding(x.data(), kBatch, p.data(), e.data());
        QElapsedTimer timer;
        timer.start();
        const int rounds = std::max(50, n / 10);
        for (int i = 0; i < rounds; ++i)
            classifier->predictWithEmbedding(x.data(), kBatch, p.data(), e.data());
        batched.insert(mlwb::precisionName(precision),
                       double(rounds) * kBatch / (double(timer.nsecsElapsed()) / 1e9));
    }
    const QJsonObject json{{QStringLiteral("images"), n},
                           {QStringLiteral("batch20_images_per_second"), batched},
                           {QStringLiteral("single_image"), single},
                           {QStringLiteral("p50_ms"), percentile(plain, 0.5)},
                           {QStringLiteral("p99_ms"), percentile(plain, 0.99)},
                           {QStringLiteral("preprocessed_p50_ms"), percentile(withPreprocessing, 0.5)},
                           {QStringLiteral("preprocessed_p99_ms"), percentile(withPreprocessing, 0.99)}};
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}
