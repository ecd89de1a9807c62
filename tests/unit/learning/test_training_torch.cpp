// The torch-level pieces of training: the data-parallel step computes the gradient of the
// whole batch's mean loss (the same, to float rounding, as one network on the whole batch,
// whatever the split), and dropout drops the right share from the network's own generator.
#include "models/ConvReluPoolTorch.h"
#include "models/MaxPoolTorch.h"
#include "models/SingleChannelConvTorch.h"
#include "models/SmallBatchLinearTorch.h"
#include "training/DataParallelTorch.h"
#include "unit/learning/SyntheticData.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

class TestTrainingTorch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void gradientsEqualTheWholeBatchs_data()
    {
        QTest::addColumn<int>("replicas");
        QTest::addColumn<int>("batch");
        QTest::newRow("2 replicas, even batch") << 2 << 64;
        QTest::newRow("2 replicas, odd batch") << 2 << 37;
        QTest::newRow("3 replicas") << 3 << 50;
    }

    void gradientsEqualTheWholeBatchs()
    {
        QFETCH(int, replicas);
        QFETCH(int, batch);
        QTemporaryDir dir;
        ModelInfo info;
        info.spec = resolveArchitecture(testing::writeReplicableSpec(dir.path(), /*dropout=*/0));
        info.classNames = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        info.channels = 1;
        info.height = info.width = 16;
        info.mean = {0.5f};
        info.std = {0.25f};
        torch::manual_seed(3);
        const torch::Tensor images = torch::rand({batch, 1, 16, 16});
        const torch::Tensor labels = torch::randint(0, 3, {batch}, torch::kInt64);

        Network whole = buildNetwork(info);
        at::Generator init = at::make_generator<at::CPUGeneratorImpl>(11);
        whole->initialise(init);
        whole->train();
        const torch::Tensor logits = whole->forward(images);
        const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, labels);
        loss.backward();

        Network master = buildNetwork(info);
        at::Generator sameInit = at::make_generator<at::CPUGeneratorImpl>(11);
        master->initialise(sameInit);
        master->useChannelsLast();
        master->train();
        DataParallelStep step(info, master, replicas);
        step.startEpoch(5);
        const DataParallelStep::Result result = step.run(images, labels);
        step.endEpoch();

        QVERIFY(std::abs(result.loss - loss.item<double>()) < 1e-5);
        QCOMPARE(result.correct, logits.argmax(1).eq(labels).sum().item<int64_t>());
        const auto expected = whole->parameters(), actual = master->parameters();
        QCOMPARE(actual.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            QVERIFY(actual[i].grad().defined());
            QVERIFY2(torch::allclose(actual[i].grad(), expected[i].grad(), 1e-4, 1e-6),
                     qPrintable(QStringLiteral("parameter %1: max difference %2")
                                    .arg(i)
                                    .arg((actual[i].grad() - expected[i].grad()).abs().max().item<double>())));
        }
    }

    void dropoutDropsItsShareReproducibly()
    {
        QTemporaryDir dir;
        ModelInfo info;
        info.spec = resolveArchitecture(testing::writeReplicableSpec(dir.path(), /*dropout=*/0.25));
        info.classNames = {QStringLiteral("a"), QStringLiteral("b")};
        info.channels = 1;
        info.height = info.width = 16;
        info.mean = {0.0f};
        info.std = {1.0f};
        Network network = buildNetwork(info);
        network->train();
        // Whole forward passes: the masks come from the generator alone.
        auto masks = [&](quint64 seed) {
            at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
            network->setDropoutGenerator(generator);
            std::vector<torch::Tensor> outputs;
            for (int i = 0; i < 3; ++i)
                outputs.push_back(network->forward(torch::ones({64, 1, 16, 16})).detach());
            network->setDropoutGenerator(c10::nullopt);
            return outputs;
        };
        const auto a = masks(7), b = masks(7), c = masks(8);
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY(torch::equal(a[i], b[i])); // same generator seed, same masks
        QVERIFY(!torch::equal(a[0], c[0]));
        QVERIFY(!torch::equal(a[0], a[1])); // the stream moves on between calls

        // The share: dropout alone on a large tensor of ones.
        Network only = buildNetwork(info);
        only->train();
        at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(3);
        only->setDropoutGenerator(generator);
        const torch::Tensor dropped = only->dropout(torch::ones({1000, 1000}), 0.25);
        const double zeros = dropped.eq(0).sum().item<double>() / 1e6;
        QVERIFY2(std::abs(zeros - 0.25) < 0.002, qPrintable(QString::number(zeros)));
        QVERIFY(dropped.eq(0).logical_or(dropped.eq(1.0f / 0.75f)).all().item<bool>()); // kept ones scaled by 1/(1-p)
    }

    // The networks' own 2×2 max-pool (with its relu) gives libtorch's values and gradients
    // exactly, ties and odd edges included, in fp32 and bf16.
    void maxPoolEqualsLibtorchs_data()
    {
        QTest::addColumn<bool>("bf16");
        QTest::addColumn<bool>("relu");
        QTest::addColumn<int>("size");
        for (const bool bf16 : {false, true})
            for (const bool relu : {false, true})
                for (const int size : {8, 11})
                    QTest::addRow("%s%s %d", bf16 ? "bf16" : "fp32", relu ? " relu" : "", size) << bf16 << relu << size;
    }
    void maxPoolEqualsLibtorchs()
    {
        QFETCH(bool, bf16);
        QFETCH(bool, relu);
        QFETCH(int, size);
        torch::manual_seed(3);
        const auto type = bf16 ? torch::kBFloat16 : torch::kFloat;
        // Few distinct values, so that many windows have tied maxima (and zeros for relu).
        const torch::Tensor values = torch::randint(-3, 4, {3, 5, size, size + 2}).to(type).contiguous(at::MemoryFormat::ChannelsLast);
        const torch::Tensor upstream = torch::randn({3, 5, size / 2, (size + 2) / 2}).to(type);
        const torch::Tensor ours = values.clone().requires_grad_(true), theirs = values.clone().requires_grad_(true);
        const torch::Tensor pooled = maxPool2x2(ours, relu);
        torch::Tensor expected = torch::max_pool2d(theirs, {2, 2}, {2, 2});
        if (relu)
            expected = torch::relu(expected);
        QVERIFY(pooled.is_contiguous(at::MemoryFormat::ChannelsLast));
        QVERIFY(torch::equal(pooled, expected));
        (pooled * upstream).sum().backward();
        (expected * upstream).sum().backward();
        QVERIFY(torch::equal(ours.grad(), theirs.grad()));
        QVERIFY(ours.grad().abs().sum().item<double>() > 0);

        // Without a gradient (serving, evaluating) the same values come from the kernel that
        // keeps no winners.
        torch::NoGradGuard noGrad;
        const torch::Tensor inferred = maxPool2x2(values, relu);
        QVERIFY(inferred.is_contiguous(at::MemoryFormat::ChannelsLast));
        QVERIFY(torch::equal(inferred, expected.detach()));
    }

    // The direct convolution of one-channel images gives libtorch's values: fp32 to rounding,
    // bf16 to one bf16 step, with and without padding, bias, whole 16-channel groups.
    void singleChannelConvEqualsLibtorchs_data()
    {
        QTest::addColumn<bool>("bf16");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("padding");
        QTest::addColumn<bool>("bias");
        for (const bool bf16 : {false, true}) {
            QTest::addRow("%s 32 channels 3x3", bf16 ? "bf16" : "fp32") << bf16 << 32 << 3 << 0 << true;
            QTest::addRow("%s 16 channels 5x5 no bias", bf16 ? "bf16" : "fp32") << bf16 << 16 << 5 << 0 << false;
            QTest::addRow("%s 5 channels 3x3 padded", bf16 ? "bf16" : "fp32") << bf16 << 5 << 3 << 1 << true;
            QTest::addRow("%s 32 channels 3x3 padded", bf16 ? "bf16" : "fp32") << bf16 << 32 << 3 << 2 << true;
        }
    }
    void singleChannelConvEqualsLibtorchs()
    {
        QFETCH(bool, bf16);
        QFETCH(int, channels);
        QFETCH(int, kernel);
        QFETCH(int, padding);
        QFETCH(bool, bias);
        torch::manual_seed(5);
        const auto type = bf16 ? torch::kBFloat16 : torch::kFloat;
        const torch::Tensor x = torch::randn({3, 1, 13, 19}).to(type);
        const torch::Tensor w = torch::randn({channels, 1, kernel, kernel}).to(type);
        const torch::Tensor b = bias ? torch::randn({channels}).to(type) : torch::Tensor();
        QVERIFY(suitsSingleChannelConv(x, w));
        QVERIFY(!suitsSingleChannelConv(x, w.to(bf16 ? torch::kFloat : torch::kBFloat16)));
        torch::NoGradGuard noGrad;
        const torch::Tensor ours = singleChannelConv(x, w, b, padding);
        const torch::Tensor theirs = torch::conv2d(x.to(torch::kFloat), w.to(torch::kFloat), bias ? b.to(torch::kFloat) : torch::Tensor(), 1, padding);
        QCOMPARE(ours.scalar_type(), type);
        QCOMPARE(ours.sizes().vec(), theirs.sizes().vec());
        QVERIFY(ours.is_contiguous(at::MemoryFormat::ChannelsLast));
        const double error = (ours.to(torch::kFloat) - theirs).abs().max().item<double>();
        const double allowed = bf16 ? 0.008 * theirs.abs().max().item<double>() : 1e-4;
        QVERIFY2(error <= allowed, qPrintable(QStringLiteral("off by %1, allowed %2").arg(error).arg(allowed)));

        // With relu and 2×2 pooling in the same pass: the same values as pooling the map.
        if (!suitsSingleChannelConvReluPool(x, w, padding))
            return;
        const torch::Tensor pooled = singleChannelConvReluPool(x, w, b, padding);
        const torch::Tensor expected = torch::relu(torch::max_pool2d(ours, 2, 2));
        QCOMPARE(pooled.sizes().vec(), expected.sizes().vec());
        QVERIFY(pooled.is_contiguous(at::MemoryFormat::ChannelsLast));
        QVERIFY2(torch::equal(pooled, expected) || (bf16 && (pooled.to(torch::kFloat) - expected.to(torch::kFloat)).abs().max().item<double>() <= allowed),
                 "the pooled pass differs from pooling the convolution's map");
    }

    // The fused bf16 convolution, relu and 2×2 max-pool of served micro-batches gives
    // libtorch's values (the same bf16 inputs summed in fp32, rounded once) for every channel
    // group and pixel-block edge, odd maps whose last row and column the pooling drops,
    // padding, no bias, and a packed weight given or not.
    void convReluPoolEqualsLibtorchs_data()
    {
        QTest::addColumn<int>("inputs");
        QTest::addColumn<int>("outputs");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("padding");
        QTest::addColumn<bool>("bias");
        QTest::addRow("cnn second layer") << 32 << 64 << 13 << 0 << true;
        QTest::addRow("lite layers, no bias, padded") << 16 << 48 << 14 << 1 << false;
        QTest::addRow("two channels, 16 outputs, odd") << 2 << 16 << 9 << 0 << true;
        QTest::addRow("80 outputs, 2 groups") << 4 << 80 << 20 << 2 << true;
    }
    void convReluPoolEqualsLibtorchs()
    {
        QFETCH(int, inputs);
        QFETCH(int, outputs);
        QFETCH(int, size);
        QFETCH(int, padding);
        QFETCH(bool, bias);
        torch::manual_seed(11);
        const torch::Tensor x = torch::randn({3, inputs, size, size + 3}).to(torch::kBFloat16);
        const torch::Tensor w = (torch::randn({outputs, inputs, 3, 3}) * 0.3).to(torch::kBFloat16);
        const torch::Tensor b = bias ? torch::randn({outputs}).to(torch::kBFloat16) : torch::Tensor();
        if (!suitsConvReluPool(x, w))
            QSKIP("this CPU lacks AVX-512 BF16: libtorch's convolution runs instead");
        QVERIFY(!suitsConvReluPool(x.to(torch::kFloat), w));
        QVERIFY(!suitsConvReluPool(torch::randn({1, inputs + 1, size, size}).to(torch::kBFloat16),
                                   torch::randn({outputs, inputs + 1, 3, 3}).to(torch::kBFloat16)));
        torch::NoGradGuard noGrad;
        const torch::Tensor theirs = torch::relu(torch::max_pool2d(
            torch::conv2d(x.to(torch::kFloat), w.to(torch::kFloat), bias ? b.to(torch::kFloat) : torch::Tensor(), 1, padding), 2, 2));
        for (const bool packed : {false, true}) {
            const torch::Tensor ours = convReluPool(x, w, b, padding, packed ? packConvWeight(w) : torch::Tensor());
            QCOMPARE(ours.scalar_type(), torch::kBFloat16);
            QCOMPARE(ours.sizes().vec(), theirs.sizes().vec());
            QVERIFY(ours.is_contiguous(at::MemoryFormat::ChannelsLast));
            // One bf16 step of the largest value: the sums' order differs, the rounding is once.
            const double error = (ours.to(torch::kFloat) - theirs).abs().max().item<double>();
            const double allowed = 0.008 * theirs.abs().max().item<double>();
            QVERIFY2(error <= allowed, qPrintable(QStringLiteral("off by %1, allowed %2").arg(error).arg(allowed)));
            QVERIFY(ours.to(torch::kFloat).min().item<float>() >= 0.0f);
        }
    }

    // The linear layer of served micro-batches gives libtorch's values (the same bf16 inputs
    // summed in fp32), for every edge of its 4×4 blocks and a row length that is no multiple
    // of a register; it declines what libtorch does faster.
    void smallBatchLinearEqualsLibtorchs_data()
    {
        QTest::addColumn<bool>("bf16");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("outputs");
        QTest::addColumn<int>("inputs");
        QTest::addColumn<bool>("bias");
        for (const bool bf16 : {false, true}) {
            const char *type = bf16 ? "bf16" : "fp32";
            QTest::addRow("%s cnn head", type) << bf16 << 8 << 10 << 1600 << true;
            QTest::addRow("%s projection", type) << bf16 << 5 << 128 << 1600 << false;
            QTest::addRow("%s odd edges", type) << bf16 << 3 << 7 << 37 << true;
            QTest::addRow("%s one row", type) << bf16 << 1 << 1 << 1 << true;
        }
        QTest::addRow("bf16 64 rows") << true << 64 << 130 << 300 << true;
    }
    void smallBatchLinearEqualsLibtorchs()
    {
        QFETCH(bool, bf16);
        QFETCH(int, rows);
        QFETCH(int, outputs);
        QFETCH(int, inputs);
        QFETCH(bool, bias);
        const auto type = bf16 ? torch::kBFloat16 : torch::kFloat;
        torch::manual_seed(7);
        const torch::Tensor x = torch::randn({rows, inputs}).to(type);
        const torch::Tensor w = torch::randn({outputs, inputs}).to(type);
        const torch::Tensor b = bias ? torch::randn({outputs}).to(type) : torch::Tensor();
        if (!suitsSmallBatchLinear(x, w))
            QSKIP("this CPU lacks AVX-512 (BF16): libtorch's linear layer runs instead");
        QVERIFY(!suitsSmallBatchLinear(torch::randn({bf16 ? 65 : 9, inputs}).to(type), w));
        QVERIFY(!suitsSmallBatchLinear(x, w.to(bf16 ? torch::kFloat : torch::kBFloat16)));
        const torch::Tensor ours = smallBatchLinear(x, w, b);
        const torch::Tensor theirs = torch::linear(x.to(torch::kFloat), w.to(torch::kFloat), bias ? b.to(torch::kFloat) : torch::Tensor());
        QCOMPARE(ours.scalar_type(), torch::kFloat);
        QCOMPARE(ours.sizes().vec(), theirs.sizes().vec());
        const double error = (ours - theirs).abs().max().item<double>();
        const double allowed = 1e-5 * std::sqrt(double(inputs)) * std::max(1.0, theirs.abs().max().item<double>());
        QVERIFY2(error <= allowed, qPrintable(QStringLiteral("off by %1, allowed %2").arg(error).arg(allowed)));
    }

    // Serving runs the network without a gradient through kernels of our own (normalisation,
    // the one-channel convolution, the max-pool, small-batch linear layers): it answers what
    // libtorch's own ops answer in a pass with gradients, to rounding, with fp32 or bf16 weights.
    void inferencePassEqualsLibtorchOps_data()
    {
        QTest::addColumn<bool>("bf16");
        QTest::addRow("fp32") << false;
        QTest::addRow("bf16 weights") << true;
    }
    void inferencePassEqualsLibtorchOps()
    {
        QFETCH(bool, bf16);
        ModelInfo info;
        info.spec = resolveArchitecture(QStringLiteral("cnn"));
        for (int c = 0; c < 10; ++c)
            info.classNames << QString::number(c);
        info.channels = 1;
        info.height = info.width = 28;
        info.mean = {0.1307f};
        info.std = {0.3081f};
        Network network = buildNetwork(info);
        at::Generator init = at::make_generator<at::CPUGeneratorImpl>(5);
        network->initialise(init);
        network->eval();
        network->useChannelsLast();
        if (bf16)
            QVERIFY(network->useBf16Weights());
        torch::manual_seed(4);
        const torch::Tensor images = torch::rand({6, 1, 28, 28});
        torch::Tensor penultimateOps, penultimateOurs;
        const torch::Tensor viaOps = network->forward(images, &penultimateOps).to(torch::kFloat);
        torch::NoGradGuard noGrad;
        const torch::Tensor ours = network->forward(images, &penultimateOurs).to(torch::kFloat);
        const auto relativeError = [](const torch::Tensor &a, const torch::Tensor &b) {
            return (a - b).abs().max().item<double>() / b.abs().max().item<double>();
        };
        const double allowed = bf16 ? 0.03 : 1e-5;
        QVERIFY2(relativeError(ours, viaOps) <= allowed, qPrintable(QString::number(relativeError(ours, viaOps))));
        QVERIFY2(relativeError(penultimateOurs.to(torch::kFloat), penultimateOps.to(torch::kFloat)) <= allowed,
                 qPrintable(QString::number(relativeError(penultimateOurs.to(torch::kFloat), penultimateOps.to(torch::kFloat)))));
    }

    void whichNetworksAreReplicated()
    {
        QTemporaryDir dir;
        const ModelSpec tiny = resolveArchitecture(testing::writeTinySpec(dir.path())); // has batch norm
        QVERIFY(DataParallelStep::suits(tiny, 2, 128)); // batch norm too: ghost batch norm
        const ModelSpec plain = resolveArchitecture(testing::writeReplicableSpec(dir.path()));
        QVERIFY(DataParallelStep::suits(plain, 2, 128));
        QVERIFY(!DataParallelStep::suits(plain, 1, 128)); // one thread: nothing to share
        QVERIFY(!DataParallelStep::suits(plain, 2, 8));   // shards too small to pay off
        QVERIFY(!DataParallelStep::suits(resolveArchitecture(QStringLiteral("mlp")), 2, 128)); // steps too short
        QVERIFY(DataParallelStep::suits(resolveArchitecture(QStringLiteral("cnn")), 2, 128));
    }
};

QTEST_GUILESS_MAIN(TestTrainingTorch)
#include "test_training_torch.moc"
