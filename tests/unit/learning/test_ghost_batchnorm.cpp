// Data-parallel steps of batch-normalised networks (ghost batch norm): each replica normalises
// its shard with the shard's statistics, and the running statistics become the replicas' mean.
// Needs libtorch's headers and libraries (tests/CMakeLists.txt links them for the torch tests).
#include <QtTest>
#include "models/ModelSpec.h"
#include "models/NetworkTorch.h"
#include "training/DataParallelTorch.h"
#include "training/Trainer.h"
#include "unit/learning/SyntheticData.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QTemporaryDir>

using namespace mlwb;

namespace {

// Both kinds of batch norm, no dropout (its masks would differ between the two ways).
QString writeNormalisedSpec(const QString &dir)
{
    const QByteArray json = R"({"name": "normalised", "layers": [
        {"type": "conv2d", "out": 6, "kernel": 3, "padding": 1, "bias": false},
        {"type": "batchnorm2d"}, {"type": "relu"}, {"type": "maxpool2d", "kernel": 2},
        {"type": "conv2d", "out": 8, "kernel": 3},
        {"type": "batchnorm2d"}, {"type": "relu"}, {"type": "maxpool2d", "kernel": 2},
        {"type": "flatten"},
        {"type": "linear", "out": 16}, {"type": "batchnorm1d"}, {"type": "relu"},
        {"type": "linear", "out": "classes"}]})";
    const QString path = QDir(dir).filePath(QStringLiteral("normalised.json"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(json);
    return path;
}

ModelInfo normalisedInfo(const QString &dir)
{
    ModelInfo info;
    info.spec = resolveArchitecture(writeNormalisedSpec(dir));
    info.classNames = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    info.channels = 1;
    info.height = info.width = 16;
    info.mean = {0.5f};
    info.std = {0.25f};
    return info;
}

Network initialised(const ModelInfo &info)
{
    Network network = buildNetwork(info);
    at::Generator init = at::make_generator<at::CPUGeneratorImpl>(11);
    network->initialise(init);
    network->train();
    return network;
}

struct Statistics {
    std::vector<std::string> names;
    std::vector<torch::Tensor> values;
};

Statistics runningStatistics(Network &network)
{
    Statistics s;
    for (const auto &buffer : network->named_buffers())
        if (buffer.key().find("running_") != std::string::npos || buffer.key().find("num_batches") != std::string::npos) {
            s.names.push_back(buffer.key());
            s.values.push_back(buffer.value());
        }
    return s;
}

void setStatistics(Network &network, const std::vector<torch::Tensor> &values)
{
    torch::NoGradGuard noGrad;
    const Statistics s = runningStatistics(network);
    for (size_t i = 0; i < values.size(); ++i)
        s.values[i].copy_(values[i]);
}

std::vector<torch::Tensor> copies(const std::vector<torch::Tensor> &tensors)
{
    std::vector<torch::Tensor> out;
    for (const torch::Tensor &t : tensors)
        out.push_back(t.clone());
    return out;
}

struct Reference {
    double loss = 0;
    int64_t correct = 0;
};

// One network, ghost batch norm by hand: every shard goes forward as a batch of its own from
// the same running statistics, its loss weighted by its share; the running statistics end as
// the mean of what each shard alone left (the counters as one shard's).
Reference ghostStep(Network &network, const torch::Tensor &images, const torch::Tensor &labels, int64_t shards)
{
    const int64_t count = images.size(0), perShard = (count + shards - 1) / shards;
    const std::vector<torch::Tensor> before = copies(runningStatistics(network).values);
    std::vector<std::vector<torch::Tensor>> after;
    Reference result;
    for (int64_t first = 0; first < count; first += perShard) {
        const int64_t size = std::min(perShard, count - first);
        setStatistics(network, before);
        const torch::Tensor x = images.narrow(0, first, size), y = labels.narrow(0, first, size);
        const torch::Tensor logits = network->forward(x);
        const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, y) * (double(size) / double(count));
        loss.backward();
        result.loss += loss.item<double>();
        result.correct += logits.argmax(1).eq(y).sum().item<int64_t>();
        after.push_back(copies(runningStatistics(network).values));
    }
    std::vector<torch::Tensor> mean;
    for (size_t i = 0; i < before.size(); ++i) {
        torch::Tensor sum = after[0][i].clone();
        if (sum.is_floating_point()) {
            for (size_t k = 1; k < after.size(); ++k)
                sum.add_(after[k][i]);
            sum.div_(double(after.size()));
        }
        mean.push_back(sum);
    }
    setStatistics(network, mean);
    return result;
}

QString maxDifference(const torch::Tensor &a, const torch::Tensor &b)
{
    return QString::number((a.to(torch::kDouble) - b.to(torch::kDouble)).abs().max().item<double>());
}

} // namespace

class TestGhostBatchNorm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void batchNormalisedConvolutionsAreReplicated()
    {
        QTemporaryDir dir;
        const ModelSpec normalised = resolveArchitecture(writeNormalisedSpec(dir.path()));
        QVERIFY(DataParallelStep::suits(normalised, 2, 128));
        QVERIFY(DataParallelStep::suits(resolveArchitecture(QStringLiteral("lite")), 2, 128));
        QVERIFY(!DataParallelStep::suits(normalised, 1, 128));
    }

    void stepsEqualOneNetworkWithGhostBatchNorm_data()
    {
        QTest::addColumn<int>("replicas");
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("shards"); // what the step is expected to cut the batch into
        QTest::newRow("2 replicas, even batch") << 2 << 64 << 2;
        QTest::newRow("2 replicas, odd batch") << 2 << 37 << 2;
        QTest::newRow("3 replicas") << 3 << 50 << 3;
        QTest::newRow("a batch too small to cut in 3") << 3 << 20 << 2;
        QTest::newRow("a batch too small to cut") << 2 << 12 << 1;
    }

    // Two steps, so that the second starts from the combined running statistics.
    void stepsEqualOneNetworkWithGhostBatchNorm()
    {
        QFETCH(int, replicas);
        QFETCH(int, batch);
        QFETCH(int, shards);
        QTemporaryDir dir;
        const ModelInfo info = normalisedInfo(dir.path());
        torch::manual_seed(3);
        Network whole = initialised(info);
        Network master = initialised(info);
        master->useChannelsLast();
        DataParallelStep step(info, master, replicas);
        QCOMPARE(step.shardsFor(batch), int64_t(shards));
        step.startEpoch(5);
        for (int round = 0; round < 2; ++round) {
            const torch::Tensor images = torch::rand({batch, 1, 16, 16});
            const torch::Tensor labels = torch::randint(0, 3, {batch}, torch::kInt64);
            for (Network *n : {&whole, &master})
                for (torch::Tensor &p : (*n)->parameters())
                    p.mutable_grad() = torch::Tensor();
            const Reference expected = ghostStep(whole, images, labels, shards);
            const DataParallelStep::Result result = step.run(images, labels);

            QVERIFY2(std::abs(result.loss - expected.loss) < 1e-5, qPrintable(QStringLiteral("round %1").arg(round)));
            QCOMPARE(result.correct, expected.correct);
            const auto wanted = whole->parameters(), got = master->parameters();
            QCOMPARE(got.size(), wanted.size());
            for (size_t i = 0; i < wanted.size(); ++i) {
                QVERIFY(got[i].grad().defined());
                QVERIFY2(torch::allclose(got[i].grad(), wanted[i].grad(), 1e-4, 1e-6),
                         qPrintable(QStringLiteral("round %1, parameter %2: max difference %3")
                                        .arg(round)
                                        .arg(i)
                                        .arg(maxDifference(got[i].grad(), wanted[i].grad()))));
            }
            const Statistics wantedStatistics = runningStatistics(whole), gotStatistics = runningStatistics(master);
            QCOMPARE(gotStatistics.names, wantedStatistics.names);
            QCOMPARE(gotStatistics.names.size(), size_t(9)); // 3 batch norms × mean, variance, counter
            for (size_t i = 0; i < wantedStatistics.values.size(); ++i)
                QVERIFY2(torch::allclose(gotStatistics.values[i], wantedStatistics.values[i], 1e-5, 1e-7),
                         qPrintable(QStringLiteral("round %1, %2: max difference %3")
                                        .arg(round)
                                        .arg(QString::fromStdString(gotStatistics.names[i]))
                                        .arg(maxDifference(gotStatistics.values[i], wantedStatistics.values[i]))));
            QCOMPARE(gotStatistics.values.back().item<int64_t>(), int64_t(round + 1)); // one update a step
        }
        step.endEpoch();
    }

    // The running statistics the master had before the step (loaded from a checkpoint, say)
    // are where every replica starts from, not the replicas' fresh zeros and ones.
    void replicasStartFromTheMastersStatistics()
    {
        QTemporaryDir dir;
        const ModelInfo info = normalisedInfo(dir.path());
        Network whole = initialised(info);
        Network master = initialised(info);
        std::vector<torch::Tensor> loaded;
        for (const torch::Tensor &t : runningStatistics(master).values)
            loaded.push_back(t.is_floating_point() ? torch::rand(t.sizes()) + 0.5 : torch::full(t.sizes(), 7, t.options()));
        setStatistics(master, loaded);
        setStatistics(whole, loaded);
        master->useChannelsLast();
        DataParallelStep step(info, master, 2);
        step.startEpoch(1);
        torch::manual_seed(4);
        const torch::Tensor images = torch::rand({32, 1, 16, 16});
        const torch::Tensor labels = torch::randint(0, 3, {32}, torch::kInt64);
        ghostStep(whole, images, labels, 2);
        step.run(images, labels);
        step.endEpoch();
        const Statistics wanted = runningStatistics(whole), got = runningStatistics(master);
        for (size_t i = 0; i < wanted.values.size(); ++i)
            QVERIFY2(torch::allclose(got.values[i], wanted.values[i], 1e-5, 1e-7), got.names[i].c_str());
        QCOMPARE(got.values.back().item<int64_t>(), int64_t(8));
    }

    // Through the trainer on two threads: the data-parallel path, reproducible, and it learns.
    void trainsOnTwoThreadsReproducibly()
    {
        QTemporaryDir dir;
        const DatasetPtr data = testing::syntheticShapes(60, 16);
        TrainSettings s;
        s.architecture = writeNormalisedSpec(dir.path());
        s.epochs = 3;
        s.batchSize = 32;
        s.learningRate = 0.01;
        s.threads = 2;
        s.validationFraction = 0.25;
        QVERIFY(DataParallelStep::suits(resolveArchitecture(s.architecture), s.threads, s.batchSize));
        auto train = [&](const QString &name) {
            Trainer trainer(data, s, dir.filePath(name));
            return trainer.run(CancelFlag(), {}, /*resume=*/false);
        };
        const TrainResult a = train(QStringLiteral("a")), b = train(QStringLiteral("b"));
        QCOMPARE(a.epochs.size(), size_t(3));
        for (size_t e = 0; e < a.epochs.size(); ++e) {
            QCOMPARE(a.epochs[e].trainLoss, b.epochs[e].trainLoss);
            QCOMPARE(a.epochs[e].validationAccuracy, b.epochs[e].validationAccuracy);
        }
        QVERIFY2(a.epochs.back().validationAccuracy > 0.8, qPrintable(QString::number(a.epochs.back().validationAccuracy)));
        QCOMPARE(testing::readFile(a.modelDir + QStringLiteral("/weights.pt")),
                 testing::readFile(b.modelDir + QStringLiteral("/weights.pt")));
    }
};


QTEST_GUILESS_MAIN(TestGhostBatchNorm)
#include "test_ghost_batchnorm.moc"
