// Times training steps of a built-in architecture on random images, without the job, store
// and progress machinery: what the trainer's inner loop costs, and where it goes — data (a
// shuffled batch made from a uint8 data set, as the trainer makes it), forward (with the
// loss), backward, optimizer; with replicas: their mean forward and backward, the calling
// thread's wait for the others, the combination of gradients and batch-norm statistics.
//   mlwb_bench_step ARCH THREADS [BATCH] [STEPS] [parallel 0|1] [fp32|bf16]
#include "data/Splits.h"
#include "models/AutocastTorch.h"
#include "models/ModelSpec.h"
#include "models/NetworkTorch.h"
#include "training/BatchesTorch.h"
#include "training/DataParallelTorch.h"

#include <ATen/CPUGeneratorImpl.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <random>

using namespace mlwb;

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    const int threads = std::atoi(argv[2]);
    const int batch = argc > 3 ? std::atoi(argv[3]) : 128;
    const int steps = argc > 4 ? std::atoi(argv[4]) : 80;
    const bool useParallel = argc > 5 ? std::atoi(argv[5]) != 0 : true;
    const bool bf16 = argc > 6 && std::strcmp(argv[6], "bf16") == 0;
    at::set_num_threads(threads);
    ModelInfo info;
    info.spec = resolveArchitecture(QString::fromLatin1(argv[1]));
    info.classNames = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    info.channels = 1;
    info.height = info.width = 28;
    info.mean = {0.13f};
    info.std = {0.3f};
    Network network = buildNetwork(info);
    if (!std::getenv("MLWB_NCHW"))
        network->useChannelsLast();
    network->train();
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(1);
    network->setDropoutGenerator(gen);
    torch::optim::Adam adam(network->parameters(), torch::optim::AdamOptions(1e-3));
    std::unique_ptr<DataParallelStep> parallel;
    if (useParallel && DataParallelStep::suits(info.spec, threads, batch)) {
        parallel = std::make_unique<DataParallelStep>(info, network, threads, bf16);
        parallel->startEpoch(7); // never ended: the whole benchmark is one epoch
    }
    // A data set of random digits-sized images, batches in a shuffled order.
    Dataset data;
    data.classNames = info.classNames;
    const qsizetype imageCount = 60000;
    data.pixels.resize(size_t(imageCount * data.imageBytes()));
    std::mt19937 random(5);
    for (std::uint8_t &v : data.pixels)
        v = std::uint8_t(random());
    for (qsizetype i = 0; i < imageCount; ++i)
        data.labels.push_back(std::uint8_t(random() % 10));
    data.subsets.assign(size_t(imageCount), std::uint8_t(Subset::Train));
    std::vector<qint64> order(static_cast<size_t>(imageCount));
    std::iota(order.begin(), order.end(), 0);
    seededShuffle(order, 3);
    BatchMaker batches(data);
    size_t next = 0;

    using Clock = std::chrono::steady_clock;
    // parallel: forward and backward are the replicas' means
    double dataSeconds = 0, forwardSeconds = 0, backwardSeconds = 0, waitSeconds = 0, combineSeconds = 0,
           optimizerSeconds = 0;
    auto since = [](Clock::time_point &mark) {
        const Clock::time_point now = Clock::now();
        const double s = std::chrono::duration<double>(now - mark).count();
        mark = now;
        return s;
    };
    auto step = [&] {
        Clock::time_point mark = Clock::now();
        if (next + size_t(batch) > order.size())
            next = 0;
        const std::pair<torch::Tensor, torch::Tensor> made = batches.make(order.data() + next, batch);
        const torch::Tensor &x = made.first, &labels = made.second;
        next += size_t(batch);
        adam.zero_grad();
        dataSeconds += since(mark);
        if (parallel) {
            const DataParallelStep::Result r = parallel->run(x, labels);
            since(mark);
            forwardSeconds += r.forwardSeconds;
            backwardSeconds += r.backwardSeconds;
            waitSeconds += r.waitSeconds;
            combineSeconds += r.combineSeconds;
        } else {
            torch::Tensor logits;
            {
                const Bf16Autocast autocast(bf16);
                logits = network->forward(x);
            }
            logits = logits.to(torch::kFloat);
            const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, labels);
            loss.item<double>();
            forwardSeconds += since(mark);
            loss.backward();
            backwardSeconds += since(mark);
            logits.detach().argmax(1).eq(labels).sum().item<int64_t>();
        }
        adam.step();
        optimizerSeconds += since(mark);
    };
    for (int i = 0; i < 10; ++i)
        step();
    dataSeconds = forwardSeconds = backwardSeconds = waitSeconds = combineSeconds = optimizerSeconds = 0;
    const auto start = std::chrono::steady_clock::now();
    if (const char *trace = std::getenv("MLWB_PROFILE")) {
        torch::autograd::profiler::RecordProfile profile(trace);
        for (int i = 0; i < steps; ++i)
            step();
    } else {
        for (int i = 0; i < steps; ++i)
            step();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double ms = 1000.0 / steps;
    std::printf("%s threads %d batch %d parallel %d %s: %.0f images/s; per step %.2f ms: ", argv[1], threads, batch,
                parallel ? 1 : 0, bf16 ? "bf16" : "fp32", steps * batch / seconds, seconds * ms);
    std::printf("data %.2f ms, forward + loss %.2f ms, backward %.2f ms", dataSeconds * ms, forwardSeconds * ms,
                backwardSeconds * ms);
    if (parallel)
        std::printf(" (replicas' means), waiting for the other replicas %.2f ms, combining gradients and statistics %.2f ms",
                    waitSeconds * ms, combineSeconds * ms);
    std::printf(", optimizer %.2f ms\n", optimizerSeconds * ms);
    return 0;
}
