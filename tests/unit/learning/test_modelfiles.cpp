#include "common/Error.h"
#include "inference/Predictor.h"
#include "models/ModelFiles.h"
#include "training/Trainer.h"
#include "unit/learning/SyntheticData.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;
using namespace mlwb::testing;

namespace {

QString errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Error &e) {
        return e.message();
    }
    return QString();
}

float maxDifference(const std::vector<float> &a, const std::vector<float> &b)
{
    float worst = a.size() == b.size() ? 0.0f : 1e9f;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        worst = std::max(worst, std::abs(a[i] - b[i]));
    return worst;
}

} // namespace

class TestModelFiles : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    DatasetPtr m_data;
    QMap<QString, QString> m_models; // architecture label → model directory
    std::vector<float> m_testImages; // the test subset as [0, 1] floats
    std::vector<std::uint8_t> m_testLabels;

    std::vector<float> probabilities(Classifier &classifier) const
    {
        std::vector<float> p(m_testLabels.size() * size_t(classifier.numClasses()));
        classifier.predict(m_testImages.data(), qsizetype(m_testLabels.size()), p.data());
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_data = syntheticShapes(40);
        for (qsizetype i = 0; i < m_data->size(); ++i) {
            if (m_data->subset(i) != Subset::Test)
                continue;
            for (qsizetype k = 0; k < m_data->imageBytes(); ++k)
                m_testImages.push_back(float(m_data->image(i)[k]) / 255.0f);
            m_testLabels.push_back(m_data->labels[size_t(i)]);
        }
        // The tiny spec has every layer kind but globalavgpool, which "gap" adds.
        const QString gap = m_dir.filePath(QStringLiteral("gap.json"));
        QFile gapFile(gap);
        QVERIFY(gapFile.open(QIODevice::WriteOnly));
        gapFile.write(R"({"layers": [{"type": "conv2d", "out": 8, "kernel": 5, "stride": 2, "padding": 2}, {"type": "relu"},
                                     {"type": "globalavgpool"}, {"type": "flatten"}, {"type": "linear", "out": "classes"}]})");
        gapFile.close();
        const QMap<QString, QString> architectures{{QStringLiteral("tiny"), writeTinySpec(m_dir.path())},
                                                   {QStringLiteral("lite"), QStringLiteral("lite")},
                                                   {QStringLiteral("gap"), gap}};
        for (auto it = architectures.begin(); it != architectures.end(); ++it) {
            TrainSettings s;
            s.architecture = it.value();
            s.epochs = it.key() == QLatin1String("tiny") ? 3 : 1;
            s.batchSize = 32;
            s.learningRate = 0.01;
            s.threads = 2;
            CancelFlag never;
            const TrainResult r = Trainer(m_data, s, m_dir.filePath(it.key())).run(never, {}, false);
            QVERIFY(!r.modelDir.isEmpty());
            m_models.insert(it.key(), r.modelDir);
        }
    }

    void classifierGivesProbabilities()
    {
        const std::unique_ptr<Classifier> classifier = loadClassifier(m_models[QStringLiteral("tiny")], 1);
        QCOMPARE(classifier->numClasses(), 4);
        const std::vector<float> p = probabilities(*classifier);
        int correct = 0;
        for (size_t i = 0; i < m_testLabels.size(); ++i) {
            const float *row = p.data() + i * 4;
            QVERIFY(std::abs(row[0] + row[1] + row[2] + row[3] - 1.0f) < 1e-5f);
            correct += int(std::max_element(row, row + 4) - row) == m_testLabels[i];
        }
        qDebug() << "tiny test accuracy" << double(correct) / double(m_testLabels.size());
        QVERIFY(correct > int(m_testLabels.size()) / 2); // well above chance (1/4)
        // Batch and single-image calls agree (eval mode: no batch statistics, no dropout).
        std::vector<float> one(4);
        classifier->predict(m_testImages.data() + m_data->imageBytes(), 1, one.data());
        QVERIFY(maxDifference(one, std::vector<float>(p.begin() + 4, p.begin() + 8)) < 1e-6f);
    }

    void bf16AnswersLikeFp32()
    {
        // Every architecture kind in bf16 (forced, so that it runs on any CPU) and in auto: the
        // same classes nearly everywhere, probabilities within bf16's rounding, embeddings too;
        // auto below its minimum batch is exactly fp32.
        for (const QString &model : m_models.keys()) {
            const std::unique_ptr<Classifier> fp32 = loadClassifier(m_models[model], 1, Precision::Fp32);
            const std::unique_ptr<Classifier> bf16 = loadClassifier(m_models[model], 1, Precision::Bf16);
            const qsizetype n = qsizetype(m_testLabels.size());
            const int k = fp32->numClasses(), d = fp32->embeddingSize();
            QCOMPARE(bf16->embeddingSize(), d);
            std::vector<float> p(size_t(n * k)), q(p.size()), e(size_t(n * d)), f(e.size());
            fp32->predictWithEmbedding(m_testImages.data(), n, p.data(), e.data());
            bf16->predictWithEmbedding(m_testImages.data(), n, q.data(), f.data());
            QVERIFY2(maxDifference(p, q) < 0.05f, qPrintable(model + QStringLiteral(": %1").arg(maxDifference(p, q))));
            QVERIFY2(maxDifference(p, q) > 0.0f, qPrintable(model + QStringLiteral(": bf16 computed exactly fp32")));
            int agree = 0;
            for (qsizetype i = 0; i < n; ++i)
                agree += std::max_element(p.begin() + i * k, p.begin() + (i + 1) * k) - (p.begin() + i * k)
                      == std::max_element(q.begin() + i * k, q.begin() + (i + 1) * k) - (q.begin() + i * k);
            QVERIFY2(agree >= n * 95 / 100, qPrintable(model + QStringLiteral(": %1 of %2 agree").arg(agree).arg(n)));
            double scale = 0, error = 0;
            for (size_t i = 0; i < e.size(); ++i) {
                scale = std::max(scale, double(std::abs(e[i])));
                error = std::max(error, double(std::abs(e[i] - f[i])));
            }
            QVERIFY2(error <= 0.05 * scale, qPrintable(model + QStringLiteral(": embedding off by %1 of %2").arg(error).arg(scale)));

            const std::unique_ptr<Classifier> automatic = loadClassifier(m_models[model], 1, Precision::Auto);
            std::vector<float> small(size_t(k * (kBf16MinimumBatch - 1)));
            automatic->predict(m_testImages.data(), kBf16MinimumBatch - 1, small.data());
            QCOMPARE(maxDifference(small, std::vector<float>(p.begin(), p.begin() + qsizetype(small.size()))), 0.0f);
        }
        QCOMPARE(precisionFromString(QStringLiteral("bf16")), std::optional(Precision::Bf16));
        QCOMPARE(precisionFromString(QStringLiteral("auto")), std::optional(Precision::Auto));
        QVERIFY(!precisionFromString(QStringLiteral("fp16")));
        QCOMPARE(runsInBf16(Precision::Auto, kBf16MinimumBatch), cpuHasBf16());
        QVERIFY(!runsInBf16(Precision::Auto, kBf16MinimumBatch - 1));
    }

    void predictorMatchesClassifier()
    {
        Predictor predictor(m_models[QStringLiteral("tiny")]);
        QCOMPARE(predictor.classNames(), m_data->classNames);
        QCOMPARE(predictor.height(), 28);
        const std::vector<float> p = probabilities(*loadClassifier(m_models[QStringLiteral("tiny")]));
        qsizetype testIndex = 0;
        for (qsizetype i = 0; i < m_data->size() && testIndex < 10; ++i) {
            if (m_data->subset(i) != Subset::Test)
                continue;
            const std::vector<std::uint8_t> image(m_data->image(i), m_data->image(i) + m_data->imageBytes());
            const Prediction prediction = predictor.predict(image);
            const std::vector<float> expected(p.begin() + testIndex * 4, p.begin() + testIndex * 4 + 4);
            QVERIFY(maxDifference(prediction.probabilities, expected) < 1e-6f);
            QCOMPARE(prediction.label, int(std::max_element(expected.begin(), expected.end()) - expected.begin()));
            ++testIndex;
        }
        QVERIFY_THROWS_EXCEPTION(UsageError, predictor.predict(std::vector<std::uint8_t>(27 * 28)));
    }

    void exportRoundTripCpp_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("tiny") << QStringLiteral("tiny");
        QTest::newRow("lite") << QStringLiteral("lite");
        QTest::newRow("gap") << QStringLiteral("gap");
    }

    void exportRoundTripCpp()
    {
        QFETCH(QString, model);
        const QString path = m_dir.filePath(model + QStringLiteral(".torchscript.pt"));
        exportTorchScript(m_models[model], path);
        ModelInfo info;
        const std::unique_ptr<Classifier> script = loadTorchScriptClassifier(path, 1, &info);
        QCOMPARE(info.classNames, m_data->classNames);
        QCOMPARE(info.spec, readModelInfo(m_models[model]).spec);
        const float difference = maxDifference(probabilities(*script), probabilities(*loadClassifier(m_models[model], 1)));
        QVERIFY2(difference <= 1e-5f, qPrintable(QString::number(difference)));
    }

    void exportRoundTripPython()
    {
        QProcess probe;
        probe.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import torch")});
        if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
            QSKIP("/usr/bin/python3 cannot import torch");
        const QString model = m_models[QStringLiteral("lite")];
        const QString path = m_dir.filePath(QStringLiteral("python.pt"));
        exportTorchScript(model, path);
        QFile input(m_dir.filePath(QStringLiteral("input.f32")));
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write(reinterpret_cast<const char *>(m_testImages.data()), qint64(m_testImages.size() * sizeof(float)));
        input.close();
        // One 1×1×28×28 call per image, as a Python user would make them.
        const QString script = QStringLiteral(R"(
import json, sys, torch
extra = {"model.json": ""}
m = torch.jit.load(sys.argv[1], _extra_files=extra)
x = torch.frombuffer(bytearray(open(sys.argv[2], "rb").read()), dtype=torch.float32).reshape(-1, 1, 28, 28)
print(",".join(json.loads(extra["model.json"])["classNames"]))
with torch.no_grad():
    for i in range(x.shape[0]):
        print(" ".join("%.9g" % v for v in m(x[i:i + 1])[0].tolist()))
)");
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script, path, input.fileName()});
        QVERIFY(python.waitForFinished(120000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const QStringList lines = QString::fromUtf8(python.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), qsizetype(m_testLabels.size()) + 1);
        QCOMPARE(lines[0].split(u','), m_data->classNames);
        std::vector<float> fromPython;
        for (qsizetype i = 1; i < lines.size(); ++i)
            for (const QString &v : lines[i].split(u' '))
                fromPython.push_back(v.toFloat());
        const float difference = maxDifference(fromPython, probabilities(*loadClassifier(model, 1)));
        QVERIFY2(difference <= 1e-5f, qPrintable(QString::number(difference)));
    }

    void brokenModelsAreReported()
    {
        QString message = errorOf([&] { loadClassifier(m_dir.filePath(QStringLiteral("nowhere"))); });
        QVERIFY2(message.contains(QStringLiteral("model.json")), qPrintable(message));

        const QString broken = m_dir.filePath(QStringLiteral("broken"));
        QVERIFY(QDir().mkpath(broken));
        QFile::copy(modelInfoPath(m_models[QStringLiteral("tiny")]), modelInfoPath(broken));
        QFile weights(modelWeightsPath(broken));
        QVERIFY(weights.open(QIODevice::WriteOnly));
        weights.write("not a torch archive");
        weights.close();
        message = errorOf([&] { loadClassifier(broken); });
        QVERIFY2(message.contains(QStringLiteral("weights.pt")), qPrintable(message));

        // Weights of another architecture under this model.json.
        QFile::remove(modelWeightsPath(broken));
        QFile::copy(modelWeightsPath(m_models[QStringLiteral("lite")]), modelWeightsPath(broken));
        message = errorOf([&] { loadClassifier(broken); });
        QVERIFY2(message.contains(QStringLiteral("weights.pt")), qPrintable(message));

        QFile json(modelInfoPath(broken));
        QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
        json.write("{\"format\": 1, \"spec\": ");
        json.close();
        message = errorOf([&] { readModelInfo(broken); });
        QVERIFY2(message.contains(QStringLiteral("model.json")) && message.contains(QStringLiteral("offset")), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestModelFiles)
#include "test_modelfiles.moc"
