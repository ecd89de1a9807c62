#include "common/Error.h"
#include "models/ModelSpec.h"
#include "models/Precision.h"
#include "training/LearningRateSchedule.h"
#include "training/TrainSettings.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

namespace {

ModelSpec parse(const QByteArray &json)
{
    return ModelSpec::fromJson(QJsonDocument::fromJson(json).object(), QStringLiteral("spec.json"));
}

QString usageErrorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const UsageError &e) {
        return e.message();
    }
    return QString();
}

} // namespace

class TestModelSpec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtinParameterCounts()
    {
        QCOMPARE(parameterCount(resolveArchitecture(QStringLiteral("mlp")), 1, 28, 28, 10), qint64(118282));
        QCOMPARE(parameterCount(resolveArchitecture(QStringLiteral("cnn")), 1, 28, 28, 10), qint64(34826));
        const ModelSpec lite = resolveArchitecture(QStringLiteral("lite"));
        QVERIFY(parameterCount(lite, 1, 28, 28, 10) < 25000);
        QVERIFY(std::any_of(lite.layers.begin(), lite.layers.end(), [](const LayerSpec &l) { return l.type == LayerType::BatchNorm2d; }));

        QMap<QString, qint64> listed;
        for (const ArchitectureInfo &info : builtinArchitectures()) {
            QVERIFY2(!info.description.isEmpty(), qPrintable(info.name));
            listed.insert(info.name, info.parameterCount);
        }
        QCOMPARE(listed.value(QStringLiteral("mlp")), qint64(118282));
        QCOMPARE(listed.value(QStringLiteral("cnn")), qint64(34826));
        QCOMPARE(listed.value(QStringLiteral("lite")), parameterCount(lite, 1, 28, 28, 10));
    }

    void shapesOfCnn()
    {
        const std::vector<TensorShape> shapes = resolveArchitecture(QStringLiteral("cnn")).inferShapes(1, 28, 28, 10);
        QCOMPARE(shapes.size(), size_t(9));
        QCOMPARE(shapes[0].toString(), QStringLiteral("32×26×26"));
        QCOMPARE(shapes[5].toString(), QStringLiteral("64×5×5"));
        QCOMPARE(shapes[6].features, qint64(1600));
        QCOMPARE(shapes.back().features, qint64(10));
        // "classes" follows the data: 3 classes, 3 outputs, fewer parameters.
        QCOMPARE(parameterCount(resolveArchitecture(QStringLiteral("cnn")), 1, 28, 28, 3), qint64(34826 - 7 * 1601));
    }

    void unknownArchitectureListsBuiltins()
    {
        const QString message = usageErrorOf([] { resolveArchitecture(QStringLiteral("resnet")); });
        QVERIFY2(message.contains(QStringLiteral("resnet")), qPrintable(message));
        for (const char *name : {"mlp", "cnn", "lite"})
            QVERIFY2(message.contains(QLatin1String(name)), qPrintable(message));
    }

    void specFromFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"layers": [{"type": "flatten"}, {"type": "linear", "out": "classes", "bias": false}]})");
        file.close();
        const ModelSpec spec = resolveArchitecture(path);
        QCOMPARE(spec.name, QStringLiteral("mine"));
        QCOMPARE(parameterCount(spec, 1, 28, 28, 10), qint64(7840));

        QFile broken(dir.filePath(QStringLiteral("broken.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"layers\": [");
        broken.close();
        const QString message = usageErrorOf([&] { resolveArchitecture(broken.fileName()); });
        QVERIFY2(message.contains(QStringLiteral("broken.json")) && message.contains(QStringLiteral("offset")), qPrintable(message));
    }

    void jsonRoundTrip()
    {
        for (const ArchitectureInfo &info : builtinArchitectures()) {
            const ModelSpec spec = resolveArchitecture(info.name);
            QVERIFY(ModelSpec::fromJson(spec.toJson(), info.name) == spec);
        }
    }

    void specErrors_data()
    {
        QTest::addColumn<QByteArray>("layers");
        QTest::addColumn<QStringList>("expected"); // all must appear in the message
        QTest::newRow("unknown type") << QByteArray(R"([{"type": "conv3d", "out": 4, "kernel": 3}])")
                                      << QStringList{"layer 0", "unknown type", "\"conv3d\""};
        QTest::newRow("negative kernel") << QByteArray(R"([{"type": "conv2d", "out": 4, "kernel": -3}])")
                                         << QStringList{"layer 0", "\"kernel\"", "-3"};
        QTest::newRow("fractional stride") << QByteArray(R"([{"type": "maxpool2d", "kernel": 2, "stride": 1.5}])")
                                           << QStringList{"layer 0", "\"stride\"", "1.5"};
        QTest::newRow("kernel larger than input")
            << QByteArray(R"([{"type": "maxpool2d", "kernel": 2}, {"type": "conv2d", "out": 4, "kernel": 15}, {"type": "flatten"}, {"type": "linear", "out": "classes"}])")
            << QStringList{"layer 1", "\"kernel\" 15", "14×14"};
        QTest::newRow("linear before flatten") << QByteArray(R"([{"type": "conv2d", "out": 4, "kernel": 3}, {"type": "linear", "out": 10}])")
                                               << QStringList{"layer 1", "linear", "flatten", "4×26×26"};
        QTest::newRow("missing out") << QByteArray(R"([{"type": "flatten"}, {"type": "linear"}])")
                                     << QStringList{"layer 1", "missing \"out\""};
        QTest::newRow("bad out word") << QByteArray(R"([{"type": "flatten"}, {"type": "linear", "out": "all"}])")
                                      << QStringList{"layer 1", "\"out\"", "\"all\""};
        QTest::newRow("dropout p") << QByteArray(R"([{"type": "dropout", "p": 1.5}])") << QStringList{"layer 0", "\"p\"", "1.5"};
        QTest::newRow("unknown field") << QByteArray(R"([{"type": "relu"}, {"type": "conv2d", "out": 4, "kernal": 3}])")
                                       << QStringList{"layer 1", "\"kernal\""};
        QTest::newRow("missing type") << QByteArray(R"([{"out": 4}])") << QStringList{"layer 0", "\"type\""};
        QTest::newRow("not an object") << QByteArray(R"([{"type": "flatten"}, 7])") << QStringList{"layer 1", "7"};
        QTest::newRow("no layers") << QByteArray("[]") << QStringList{"\"layers\""};
        QTest::newRow("flatten twice") << QByteArray(R"([{"type": "flatten"}, {"type": "flatten"}])")
                                       << QStringList{"layer 1", "already flat"};
        QTest::newRow("batchnorm1d on images") << QByteArray(R"([{"type": "batchnorm1d"}])") << QStringList{"layer 0", "1×28×28"};
        QTest::newRow("pool after flatten") << QByteArray(R"([{"type": "flatten"}, {"type": "maxpool2d", "kernel": 2}])")
                                            << QStringList{"layer 1", "maxpool2d", "784"};
        // Found by fuzz_model_spec: 10^6 channels padded by 10^6 overflowed the parameter count.
        QTest::newRow("activations too large to train")
            << QByteArray(R"([{"type": "conv2d", "out": 1000000, "kernel": 1, "padding": 1000000}, {"type": "flatten"}, {"type": "linear", "out": "classes"}])")
            << QStringList{"layer 0", "values per sample"};
        QTest::newRow("output is not the classes") << QByteArray(R"([{"type": "flatten"}, {"type": "linear", "out": 7}])")
                                                   << QStringList{"7 values", "10 classes"};
    }

    void specErrors()
    {
        QFETCH(QByteArray, layers);
        QFETCH(QStringList, expected);
        const QString message = usageErrorOf([&] {
            const ModelSpec spec = parse("{\"name\": \"bad\", \"layers\": " + layers + "}");
            parameterCount(spec, 1, 28, 28, 10);
        });
        QVERIFY2(!message.isEmpty(), "no UsageError");
        for (const QString &part : expected)
            QVERIFY2(message.contains(part), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(part, message)));
    }

    void settingsErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("zero epochs") << QByteArray(R"({"epochs": 0})") << QStringList{"\"epochs\"", "0"};
        QTest::newRow("negative batch") << QByteArray(R"({"batchSize": -8})") << QStringList{"\"batchSize\"", "-8"};
        QTest::newRow("zero learning rate") << QByteArray(R"({"learningRate": 0})") << QStringList{"\"learningRate\"", "0"};
        QTest::newRow("unknown optimizer") << QByteArray(R"({"optimizer": "rmsprop"})") << QStringList{"\"optimizer\"", "rmsprop"};
        QTest::newRow("unknown schedule") << QByteArray(R"({"schedule": "cosine"})") << QStringList{"\"schedule\"", "cosine"};
        QTest::newRow("momentum 1") << QByteArray(R"({"momentum": 1})") << QStringList{"\"momentum\"", "1"};
        QTest::newRow("validation all") << QByteArray(R"({"validationFraction": 1})") << QStringList{"\"validationFraction\"", "1"};
        QTest::newRow("crop probability") << QByteArray(R"({"augmentation": {"cropProbability": 1.5}})")
                                          << QStringList{"\"augmentation.cropProbability\"", "1.5"};
        QTest::newRow("crop scale") << QByteArray(R"({"augmentation": {"cropScale": 0}})") << QStringList{"\"augmentation.cropScale\"", "0"};
        QTest::newRow("negative rotation") << QByteArray(R"({"augmentation": {"rotationDegrees": -5}})")
                                           << QStringList{"\"augmentation.rotationDegrees\"", "-5"};
        QTest::newRow("negative noise") << QByteArray(R"({"augmentation": {"noiseSigma": -0.1}})")
                                        << QStringList{"\"augmentation.noiseSigma\"", "-0.1"};
        QTest::newRow("negative threads") << QByteArray(R"({"threads": -1})") << QStringList{"\"threads\"", "-1"};
        QTest::newRow("unknown precision") << QByteArray(R"({"precision": "fp16"})") << QStringList{"\"precision\"", "fp16", "bf16"};
        QTest::newRow("precision not a string") << QByteArray(R"({"precision": 16})") << QStringList{"\"precision\"", "16"};
        QTest::newRow("unknown architecture") << QByteArray(R"({"architecture": "vgg"})") << QStringList{"vgg", "lite"};
        QTest::newRow("wrong type") << QByteArray(R"({"epochs": "three"})") << QStringList{"\"epochs\"", "three"};
        QTest::newRow("fractional epochs") << QByteArray(R"({"epochs": 2.5})") << QStringList{"\"epochs\"", "2.5"};
        QTest::newRow("unknown key") << QByteArray(R"({"epoch": 3})") << QStringList{"\"epoch\""};
        QTest::newRow("unknown augmentation key") << QByteArray(R"({"augmentation": {"flip": true}})")
                                                  << QStringList{"\"augmentation.flip\""};
    }

    void settingsErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, expected);
        const QString message = usageErrorOf([&] { TrainSettings::fromJson(QJsonDocument::fromJson(json).object()).validate(); });
        QVERIFY2(!message.isEmpty(), "no UsageError");
        for (const QString &part : expected)
            QVERIFY2(message.contains(part), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(part, message)));
    }

    void settingsRoundTrip()
    {
        TrainSettings s;
        QVERIFY(TrainSettings::fromJson(QJsonObject()) == s);
        s.validate();
        s.architecture = QStringLiteral("lite");
        s.epochs = 7;
        s.batchSize = 64;
        s.learningRate = 0.003;
        s.optimizer = QStringLiteral("sgd");
        s.momentum = 0.8;
        s.weightDecay = 1e-4;
        s.schedule = QStringLiteral("onecycle");
        s.seed = 0xFEDCBA9876543210ULL; // beyond a double's exact integers
        s.validationFraction = 0.2;
        s.augmentation = {10, 0.5, 0.75, 0.05};
        s.threads = 3;
        s.precision = QStringLiteral("bf16");
        s.validate();
        const QByteArray text = QJsonDocument(s.toJson()).toJson();
        QVERIFY(TrainSettings::fromJson(QJsonDocument::fromJson(text).object()) == s);
    }

    // fp32, the default, is left out of the JSON: runs and models from before precision
    // existed read back, and compare, as they were written.
    void precisionInJson()
    {
        TrainSettings s;
        QVERIFY(!s.toJson().contains(QStringLiteral("precision")));
        for (const char *name : {"bf16", "auto"}) {
            s.precision = QLatin1String(name);
            s.validate();
            QCOMPARE(s.toJson().value(QStringLiteral("precision")).toString(), QLatin1String(name));
            QCOMPARE(TrainSettings::fromJson(s.toJson()).precision, QLatin1String(name));
        }
        QVERIFY(TrainSettings::fromJson(QJsonObject{{QStringLiteral("precision"), QStringLiteral("fp32")}}) == TrainSettings{});
    }

    void whichRunsTrainInBf16()
    {
        const ModelSpec cnn = resolveArchitecture(QStringLiteral("cnn"));
        TrainSettings s;
        QVERIFY(!s.trainsInBf16(cnn));
        s.precision = QStringLiteral("bf16");
        QVERIFY(s.trainsInBf16(cnn)); // forced: emulated where the CPU lacks it
        s.precision = QStringLiteral("auto");
        for (const QString &name : {QStringLiteral("mlp"), QStringLiteral("cnn"), QStringLiteral("lite")})
            QCOMPARE(s.trainsInBf16(resolveArchitecture(name)), cpuHasBf16());
    }

    void learningRateSchedule()
    {
        TrainSettings s;
        s.learningRate = 0.01;
        QCOMPARE(scheduledLearningRate(s, 0, 100), 0.01);
        QCOMPARE(scheduledLearningRate(s, 99, 100), 0.01);
        s.schedule = QStringLiteral("onecycle");
        QVERIFY(qFuzzyCompare(scheduledLearningRate(s, 0, 100), 0.01 / 25));
        QVERIFY(qFuzzyCompare(scheduledLearningRate(s, 30, 100), 0.01));
        QVERIFY(qFuzzyCompare(scheduledLearningRate(s, 99, 100), 0.01 / 1e4));
        double previous = 0;
        for (int step = 0; step <= 30; ++step) { // rises to the peak...
            QVERIFY(scheduledLearningRate(s, step, 100) > previous);
            previous = scheduledLearningRate(s, step, 100);
        }
        for (int step = 31; step < 100; ++step) { // ...then only falls
            QVERIFY(scheduledLearningRate(s, step, 100) < previous);
            previous = scheduledLearningRate(s, step, 100);
        }
    }
};

QTEST_GUILESS_MAIN(TestModelSpec)
#include "test_modelspec.moc"
