#include "training/DataParallelTorch.h"

#include "models/AutocastTorch.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <malloc.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <mutex>

namespace mlwb {

namespace {

// Runs `work` with libtorch's operators on this thread alone, then restores the thread count.
template <typename Work>
void onOneCore(Work &&work)
{
    at::get_num_threads(); // libtorch's lazy per-thread set-up first, or it would undo ours
    const int before = omp_get_max_threads();
    omp_set_num_threads(1);
    try {
        work();
    } catch (...) {
        omp_set_num_threads(before);
        throw;
    }
    omp_set_num_threads(before);
}

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double>(to - from).count();
}

// Batch norm's running statistics and batch counters, in the network's order.
std::vector<torch::Tensor> runningStatistics(Network &network)
{
    std::vector<torch::Tensor> statistics;
    for (const auto &buffer : network->named_buffers()) {
        const std::string &name = buffer.key();
        for (const char *suffix : {".running_mean", ".running_var", ".num_batches_tracked"})
            if (name.size() > std::strlen(suffix) && name.compare(name.size() - std::strlen(suffix), std::string::npos, suffix) == 0)
                statistics.push_back(buffer.value());
    }
    return statistics;
}

// libtorch's CPU tensors come from glibc's malloc. By default it hands large freed blocks
// back to the system (munmap, or trimming a heap's top), so every step's activations and
// gradients (megabytes each) arrive as fresh pages: page faults and zeroing were a sixth of a
// bf16 cnn step's CPU time. Blocks below these sizes stay in the heap for the next step;
// the destructor hands what is left back.
void keepStepMemoryForReuse()
{
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_THRESHOLD, 64 << 20);
        mallopt(M_TRIM_THRESHOLD, 256 << 20);
    });
}

// A batch-normalised shard smaller than this is not worth its own statistics (and a shard
// of one image has no variance for batchnorm1d): small batches (an epoch's last) are cut
// into fewer shards.
constexpr int64_t kSmallestNormalisedShard = 8;

} // namespace

bool DataParallelStep::suits(const ModelSpec &spec, int threads, int batchSize)
{
    if (threads < 2 || batchSize < 16 * threads)
        return false;
    bool convolutional = false;
    for (const LayerSpec &layer : spec.layers)
        convolutional = convolutional || layer.type == LayerType::Conv2d;
    // A step of a dense-only network (mlp: 2.5 ms on one core) is too short to pay for
    // handing shards to other threads; measured with bench/train_step.cpp.
    return convolutional;
}

DataParallelStep::DataParallelStep(const ModelInfo &info, Network &master, int replicas, bool bf16)
    : m_masterParameters(master->parameters()), m_masterStatistics(runningStatistics(master)), m_bf16(bf16),
      m_shards(size_t(replicas))
{
    keepStepMemoryForReuse();
    for (int r = 0; r < replicas; ++r) {
        Network replica = buildNetwork(info);
        replica->useChannelsLast();
        const auto parameters = replica->parameters();
        for (size_t i = 0; i < parameters.size(); ++i) {
            torch::Tensor p = parameters[i];
            p.set_data(m_masterParameters[i]); // shares the master's storage, keeps its own grad
        }
        replica->train();
        m_replicas.push_back(replica);
        m_replicaParameters.push_back(parameters);
        m_replicaStatistics.push_back(runningStatistics(replica));
    }
    shareStatistics();
    for (size_t r = 1; r < m_replicas.size(); ++r)
        m_threads.emplace_back([this, r] { workerLoop(r); });
}

DataParallelStep::~DataParallelStep()
{
    endEpoch(); // a cancelled or failed epoch ends here: the thread count comes back
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    for (std::thread &t : m_threads)
        t.join();
    malloc_trim(0);
}

void DataParallelStep::startEpoch(quint64 epochSeed)
{
    // The calling thread runs replica 0, the optimizer and the batches on one core too: an
    // OpenMP team of its own would keep spinning on the core that another replica needs.
    m_threadsBefore = at::get_num_threads();
    at::set_num_threads(1);
    m_generators.clear();
    for (size_t r = 0; r < m_replicas.size(); ++r) {
        m_generators.push_back(at::make_generator<at::CPUGeneratorImpl>(epochSeed + 0x9E3779B97F4A7C15ull * (r + 1)));
        m_replicas[r]->setDropoutGenerator(m_generators.back());
    }
    shareStatistics(); // the master's may have been loaded from a checkpoint since
}

void DataParallelStep::endEpoch()
{
    if (m_threadsBefore > 0)
        at::set_num_threads(m_threadsBefore); // the validation pass shares its operators again
    m_threadsBefore = 0;
    for (Network &replica : m_replicas)
        replica->setDropoutGenerator(c10::nullopt);
    m_generators.clear();
}

void DataParallelStep::workerLoop(size_t replica)
{
    quint64 seen = 0;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || m_generation != seen; });
            if (m_stop)
                return;
            seen = m_generation;
        }
        runReplica(replica);
        {
            const std::lock_guard lock(m_mutex);
            --m_pending;
        }
        m_done.notify_one();
    }
}

void DataParallelStep::runReplica(size_t r)
{
    Shard &shard = m_shards[r];
    shard = Shard{};
    try {
        onOneCore([&] {
            const int64_t count = m_images.size(0);
            const int64_t perReplica = (count + m_shardCount - 1) / m_shardCount;
            const int64_t first = int64_t(r) * perReplica;
            const int64_t size = std::min(perReplica, count - first);
            if (int64_t(r) >= m_shardCount || size <= 0)
                return;
            Network &replica = m_replicas[r];
            for (torch::Tensor &p : m_replicaParameters[r])
                p.mutable_grad() = torch::Tensor();
            const torch::Tensor x = m_images.narrow(0, first, size), y = m_labels.narrow(0, first, size);
            const Clock::time_point start = Clock::now();
            torch::Tensor logits;
            {
                const Bf16Autocast autocast(m_bf16); // this thread's autocast; its cache dropped after the step
                logits = replica->forward(x);
            }
            logits = logits.to(torch::kFloat); // the loss in fp32
            const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, y);
            shard.loss = loss.item<double>();
            const Clock::time_point forwardDone = Clock::now();
            loss.backward();
            shard.forwardSeconds = seconds(start, forwardDone);
            shard.backwardSeconds = seconds(forwardDone, Clock::now());
            shard.correct = logits.detach().argmax(1).eq(y).sum().item<int64_t>();
            shard.size = size;
        });
    } catch (...) {
        shard.error = std::current_exception();
    }
}

DataParallelStep::Result DataParallelStep::run(const torch::Tensor &images, const torch::Tensor &labels)
{
    m_images = images;
    m_labels = labels;
    m_shardCount = shardsFor(images.size(0));
    {
        const std::lock_guard lock(m_mutex);
        m_pending = m_threads.size();
        ++m_generation;
    }
    m_wake.notify_all();
    runReplica(0);
    const Clock::time_point ownDone = Clock::now();
    {
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [&] { return m_pending == 0; });
    }
    const Clock::time_point allDone = Clock::now();
    m_images = m_labels = torch::Tensor();
    for (const Shard &shard : m_shards)
        if (shard.error)
            std::rethrow_exception(shard.error);

    // The batch mean's gradient: each shard's mean gradient weighted by its share.
    const double count = double(images.size(0));
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < m_masterParameters.size(); ++i) {
        torch::Tensor sum;
        for (size_t r = 0; r < m_replicas.size(); ++r) {
            if (m_shards[r].size == 0)
                continue;
            const torch::Tensor g = m_replicaParameters[r][i].grad() * (double(m_shards[r].size) / count);
            sum = sum.defined() ? sum.add_(g) : g;
        }
        m_masterParameters[i].mutable_grad() = sum;
    }
    combineStatistics();
    Result result;
    result.waitSeconds = seconds(ownDone, allDone);
    result.combineSeconds = seconds(allDone, Clock::now());
    for (const Shard &shard : m_shards) {
        result.loss += shard.loss * double(shard.size) / count;
        result.correct += shard.correct;
        result.forwardSeconds += shard.forwardSeconds / double(m_shardCount);
        result.backwardSeconds += shard.backwardSeconds / double(m_shardCount);
    }
    return result;
}

int64_t DataParallelStep::shardsFor(int64_t count) const
{
    const auto replicas = int64_t(m_replicas.size());
    if (m_masterStatistics.empty())
        return replicas;
    return std::clamp(count / kSmallestNormalisedShard, int64_t(1), replicas);
}

void DataParallelStep::combineStatistics()
{
    if (m_masterStatistics.empty())
        return;
    torch::NoGradGuard noGrad;
    std::vector<size_t> ran;
    for (size_t r = 0; r < m_replicas.size(); ++r)
        if (m_shards[r].size > 0)
            ran.push_back(r);
    if (ran.empty()) // an empty batch
        return;
    for (size_t i = 0; i < m_masterStatistics.size(); ++i) {
        torch::Tensor &master = m_masterStatistics[i];
        if (!master.is_floating_point()) { // the batch counter: the same in every replica that ran
            master.copy_(m_replicaStatistics[ran.front()][i]);
            continue;
        }
        torch::Tensor sum = m_replicaStatistics[ran.front()][i].clone();
        for (size_t k = 1; k < ran.size(); ++k)
            sum.add_(m_replicaStatistics[ran[k]][i]);
        master.copy_(sum.div_(double(ran.size())));
    }
    shareStatistics();
}

void DataParallelStep::shareStatistics()
{
    torch::NoGradGuard noGrad;
    for (std::vector<torch::Tensor> &statistics : m_replicaStatistics)
        for (size_t i = 0; i < statistics.size(); ++i)
            statistics[i].copy_(m_masterStatistics[i]);
}

} // namespace mlwb
