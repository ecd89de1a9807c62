#include "training/Trainer.h"

#include "common/Error.h"
#include "data/Splits.h"
#include "models/AutocastTorch.h"
#include "models/NetworkTorch.h"
#include "training/AugmentTorch.h"
#include "training/BatchesTorch.h"
#include "training/CheckpointTorch.h"
#include "training/DataParallelTorch.h"
#include "training/LearningRateSchedule.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QThread>
#include <cmath>
#include <limits>

namespace mlwb {

namespace {

// Per-epoch draws (augmentation, dropout) use their own generator, never torch's global
// one: two trainers in one process do not disturb each other, and an epoch replays alone.
at::Generator seededGenerator(quint64 seed)
{
    return at::make_generator<at::CPUGeneratorImpl>(seed);
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainSettings &s, Network &network)
{
    if (s.optimizer == QLatin1String("sgd"))
        return std::make_unique<torch::optim::SGD>(network->parameters(),
                                                   torch::optim::SGDOptions(s.learningRate).momentum(s.momentum).weight_decay(s.weightDecay));
    return std::make_unique<torch::optim::Adam>(network->parameters(),
                                                torch::optim::AdamOptions(s.learningRate).weight_decay(s.weightDecay));
}

void setLearningRate(torch::optim::Optimizer &optimizer, double lr)
{
    for (auto &group : optimizer.param_groups())
        group.options().set_lr(lr);
}

// What must agree between a checkpoint and the run resuming it.
void checkResumable(const QString &path, const QJsonObject &meta, const TrainSettings &now, const QString &dataHash)
{
    if (meta.value(QStringLiteral("dataHash")).toString() != dataHash)
        throw UsageError(QStringLiteral("%1: the checkpoint was trained on other data; start a new run instead").arg(path));
    QJsonObject then = meta.value(QStringLiteral("settings")).toObject();
    QJsonObject current = now.toJson();
    for (QJsonObject *o : {&then, &current})
        o->remove(QStringLiteral("threads"));
    if (now.schedule == QLatin1String("constant"))
        for (QJsonObject *o : {&then, &current})
            o->remove(QStringLiteral("epochs"));
    // Both ways: keys written only when set (precision, fineTuneFrom) may be on one side alone.
    for (const QJsonObject *one : {&current, &then}) {
        const QJsonObject &other = one == &current ? then : current;
        for (auto it = one->begin(); it != one->end(); ++it)
            if (other.value(it.key()) != it.value())
                throw UsageError(QStringLiteral("%1: the checkpoint was trained with another \"%2\"; resume with the same settings")
                                     .arg(path, it.key()));
    }
}

// The trained model a fine-tuning run starts from, checked against this run's model; `info`
// takes over its input normalisation.
Network startingNetwork(const QString &modelDir, ModelInfo &info)
{
    ModelInfo start;
    Network network = loadNetwork(modelDir, &start);
    if (!(start.spec == info.spec))
        throw UsageError(QStringLiteral("%1: fine-tuning needs the same architecture as the model it starts from").arg(modelDir));
    if (start.classNames != info.classNames || start.channels != info.channels || start.height != info.height
        || start.width != info.width)
        throw UsageError(QStringLiteral("%1: the model to fine-tune has other classes or another image size than the data set")
                             .arg(modelDir));
    info.mean = start.mean;
    info.std = start.std;
    return network;
}

} // namespace

struct Trainer::Impl {
    DatasetPtr data;
    TrainSettings settings;
    QString runDir;
    QString initialModelDir; // fine-tuning: the model to start from

    struct Evaluation {
        double loss = std::numeric_limits<double>::quiet_NaN();
        double accuracy = std::numeric_limits<double>::quiet_NaN();
        bool cancelled = false;
    };
    Evaluation evaluate(Network &network, const std::vector<qint64> &indices, bool bf16, const CancelFlag &cancel) const;
};

Trainer::Trainer(DatasetPtr data, TrainSettings settings, QString runDir)
    : d(std::make_unique<Impl>(Impl{std::move(data), std::move(settings), std::move(runDir), {}}))
{
}

Trainer::~Trainer() = default;

QString Trainer::checkpointPath(const QString &runDir)
{
    return QDir(runDir).filePath(QStringLiteral("checkpoint.pt"));
}

QString Trainer::modelPath(const QString &runDir)
{
    return QDir(runDir).filePath(QStringLiteral("model"));
}

Trainer::Impl::Evaluation Trainer::Impl::evaluate(Network &network, const std::vector<qint64> &indices, bool bf16,
                                                  const CancelFlag &cancel) const
{
    Evaluation result;
    if (indices.empty())
        return result;
    torch::NoGradGuard noGrad;
    network->eval();
    BatchMaker batches(*data);
    const qsizetype chunk = 512;
    double lossSum = 0;
    qint64 correct = 0;
    for (size_t start = 0; start < indices.size(); start += chunk) {
        if (cancel.isCancelled()) {
            result.cancelled = true;
            return result;
        }
        const qsizetype count = qsizetype(std::min(indices.size() - start, size_t(chunk)));
        const auto [images, labels] = batches.make(indices.data() + start, count);
        torch::Tensor logits;
        {
            const Bf16Autocast autocast(bf16);
            logits = network->forward(images);
        }
        logits = logits.to(torch::kFloat);
        lossSum += torch::nn::functional::cross_entropy(logits, labels,
                                                        torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                       .item<double>();
        correct += logits.argmax(1).eq(labels).sum().item<int64_t>();
    }
    result.loss = lossSum / double(indices.size());
    result.accuracy = double(correct) / double(indices.size());
    return result;
}

void Trainer::setInitialModel(const QString &modelDir)
{
    d->initialModelDir = modelDir;
}

TrainResult Trainer::run(const CancelFlag &cancel, const TrainCallbacks &cb, bool resume)
{
    const TrainSettings &s = d->settings;
    s.validate();
    if (!d->data || d->data->size() == 0)
        throw UsageError(QStringLiteral("no data to train on"));
    const Dataset &data = *d->data;
    useTorchThreads(s.effectiveThreads());

    ModelInfo info;
    info.spec = resolveArchitecture(s.architecture);
    info.classNames = data.classNames;
    info.channels = data.channels;
    info.height = data.height;
    info.width = data.width;
    info.parameterCount = parameterCount(info.spec, data.channels, data.height, data.width, int(data.classNames.size()));
    info.training = s.toJson();

    const Splits splits = makeSplits(data, s.validationFraction, s.seed);
    if (splits.train.empty())
        throw UsageError(QStringLiteral("the data set has no training images"));
    channelStatistics(data, splits.train, info.mean, info.std);

    Network network = buildNetwork(info);
    at::Generator initGenerator = seededGenerator(epochSeed(s.seed, 0)); // "epoch 0" = initialisation
    network->initialise(initGenerator);
    if (!d->initialModelDir.isEmpty())
        network = startingNetwork(d->initialModelDir, info);
    std::unique_ptr<torch::optim::Optimizer> optimizer = makeOptimizer(s, network);

    if (!QDir().mkpath(d->runDir))
        throw Error(QStringLiteral("%1: cannot create the run folder").arg(d->runDir));
    const QString checkpoint = checkpointPath(d->runDir);
    const QString dataHash = data.contentHash();
    TrainResult result;
    result.parameterCount = info.parameterCount;
    if (resume && QFileInfo::exists(checkpoint)) {
        const QJsonObject meta = readCheckpointMeta(checkpoint);
        checkResumable(checkpoint, meta, s, dataHash);
        loadCheckpoint(checkpoint, network, *optimizer);
        result.epochsDone = meta.value(QStringLiteral("epoch")).toInt();
        for (const QJsonValue &v : meta.value(QStringLiteral("metrics")).toArray())
            result.epochs.push_back(EpochMetrics::fromJson(v.toObject()));
    }

    network->useChannelsLast();
    // bf16: the forward passes under autocast, each scope's converted weights dropped after it
    // (the optimizer changes them); the master weights, their gradients and the loss stay fp32.
    const bool bf16 = s.trainsInBf16(info.spec);
    // Several cores: one replica of the network per core, each on its share of the batch.
    std::unique_ptr<DataParallelStep> parallel;
    if (DataParallelStep::suits(info.spec, s.effectiveThreads(), s.batchSize))
        parallel = std::make_unique<DataParallelStep>(info, network, s.effectiveThreads(), bf16);
    const qint64 stepsPerEpoch = (qint64(splits.train.size()) + s.batchSize - 1) / s.batchSize;
    const qint64 totalSteps = stepsPerEpoch * s.epochs;
    BatchMaker batches(data);
    for (int epoch = result.epochsDone + 1; epoch <= s.epochs; ++epoch) {
        QElapsedTimer epochTimer;
        epochTimer.start();
        std::vector<qint64> order = splits.train;
        seededShuffle(order, epochSeed(s.seed, epoch));
        at::Generator generator = seededGenerator(epochSeed(s.seed, epoch));
        network->train();
        network->setDropoutGenerator(generator);
        if (parallel)
            parallel->startEpoch(epochSeed(s.seed, epoch));

        double lossSum = 0;
        qint64 correct = 0;
        for (qint64 batch = 0; batch < stepsPerEpoch; ++batch) {
            while (cb.shouldPause && cb.shouldPause() && !cancel.isCancelled())
                QThread::msleep(50);
            if (cancel.isCancelled()) {
                result.cancelled = true;
                return result;
            }
            const qint64 step = qint64(epoch - 1) * stepsPerEpoch + batch;
            const size_t start = size_t(batch * s.batchSize);
            const qsizetype count = qsizetype(std::min(order.size() - start, size_t(s.batchSize)));
            auto [images, labels] = batches.make(order.data() + start, count);
            images = augmentBatch(images, s.augmentation, generator);

            const double lr = scheduledLearningRate(s, step, totalSteps);
            setLearningRate(*optimizer, lr);
            optimizer->zero_grad();
            double batchLoss = 0;
            if (parallel) {
                const DataParallelStep::Result step = parallel->run(images, labels);
                batchLoss = step.loss;
                correct += step.correct;
            } else {
                torch::Tensor logits;
                {
                    const Bf16Autocast autocast(bf16);
                    logits = network->forward(images);
                }
                logits = logits.to(torch::kFloat);
                const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, labels);
                loss.backward();
                batchLoss = loss.item<double>();
                correct += logits.detach().argmax(1).eq(labels).sum().item<int64_t>();
            }
            optimizer->step();
            lossSum += batchLoss * double(count);
            if (cb.onBatch)
                cb.onBatch(epoch, step, batchLoss, lr);
            if (cb.onProgress)
                cb.onProgress(step + 1, totalSteps);
        }
        const double trainSeconds = epochTimer.nsecsElapsed() / 1e9;
        network->setDropoutGenerator(c10::nullopt);
        if (parallel)
            parallel->endEpoch();

        const Impl::Evaluation validation = d->evaluate(network, splits.validation, bf16, cancel);
        if (validation.cancelled) {
            result.cancelled = true;
            return result;
        }
        EpochMetrics m;
        m.epoch = epoch;
        m.trainLoss = lossSum / double(order.size());
        m.trainAccuracy = double(correct) / double(order.size());
        m.validationLoss = validation.loss;
        m.validationAccuracy = validation.accuracy;
        m.seconds = epochTimer.nsecsElapsed() / 1e9;
        m.imagesPerSecond = qint64(double(order.size()) / std::max(trainSeconds, 1e-9));
        result.epochs.push_back(m);
        result.epochsDone = epoch;

        QJsonArray metrics;
        for (const EpochMetrics &e : result.epochs)
            metrics.append(e.toJson());
        saveCheckpoint(checkpoint, network, *optimizer,
                       {{QStringLiteral("epoch"), epoch},
                        {QStringLiteral("settings"), s.toJson()},
                        {QStringLiteral("dataHash"), dataHash},
                        {QStringLiteral("metrics"), metrics},
                        {QStringLiteral("rng"), QStringLiteral("epoch e draws from generators seeded with epochSeed(seed, e); "
                                                               "nothing else to restore")}});
        if (cb.onEpoch)
            cb.onEpoch(m);
    }

    network->eval();
    result.modelDir = modelPath(d->runDir);
    saveModel(result.modelDir, info, network);
    return result;
}

} // namespace mlwb
