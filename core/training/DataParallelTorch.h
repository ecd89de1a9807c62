#pragma once
// Private to core/training's .cpp files: includes torch.
#include "models/ModelFiles.h"
#include "models/NetworkTorch.h"

#include <torch/torch.h>

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace mlwb {

// Data-parallel training steps on one machine: the batch is cut into one shard per thread,
// each shard goes forward and backward through its own replica of the network on one core
// (no intra-op threading), and the replicas' gradients are combined into the master's as the
// whole batch's mean. For networks as small as these, one core per replica is far faster
// than sharing every operator between cores: most operators are too small to split well.
//
// Replica 0 runs on the calling thread, the others on threads of their own that live as long
// as this object; each of them runs libtorch's operators on one OpenMP thread.
// The replicas share the master's parameter storage (the optimizer updates it in place, so
// they never need copying) but each has its own gradients and its own dropout generator.
// With bf16, every replica's forward runs under autocast on its own thread (autocast's state
// and cache are per thread), the loss in fp32.
// Batch normalisation is ghost batch norm: each replica normalises its shard with the shard's
// own statistics (so the step equals one network that runs the shards one after the other,
// each as a batch of its own) and updates its own running statistics; after every step the
// master's running statistics become the replicas' mean, which every replica then starts the
// next step from. A running statistic moves linearly with each batch's, so that mean is the
// update with the mean of the shards' statistics. Dense-only networks are not replicated
// (their steps are too short to share).
class DataParallelStep {
public:
    struct Result {
        double loss = 0;        // mean over the batch
        qint64 correct = 0;
        // Where the step's time went (seconds; for benchmarks): the replicas' mean forward
        // (with the loss) and backward, the calling thread's wait for the other replicas after
        // its own shard, and the combination of their gradients and statistics.
        double forwardSeconds = 0, backwardSeconds = 0, waitSeconds = 0, combineSeconds = 0;
    };

    // Whether `network` can be trained this way on `threads` cores with batches of `batchSize`.
    static bool suits(const ModelSpec &spec, int threads, int batchSize);

    DataParallelStep(const ModelInfo &info, Network &master, int replicas, bool bf16 = false);
    ~DataParallelStep();
    DataParallelStep(const DataParallelStep &) = delete;
    DataParallelStep &operator=(const DataParallelStep &) = delete;

    // Reseeds the replicas' dropout generators for an epoch (replica r draws from a seed
    // derived from epochSeed and r), so that an epoch replays alone, as in the plain loop.
    // Between the two calls the calling thread runs libtorch on one core.
    void startEpoch(quint64 epochSeed);
    void endEpoch();

    // Forward and backward of a batch; leaves the master's .grad set, ready for step(), and
    // (batch norm) the master's running statistics updated.
    Result run(const torch::Tensor &images, const torch::Tensor &labels);

    // The shards a batch of `count` images is cut into (fewer than the replicas for a batch
    // too small to give every replica a share worth normalising over).
    int64_t shardsFor(int64_t count) const;

private:
    struct Shard {
        double loss = 0;
        int64_t size = 0;
        int64_t correct = 0;
        double forwardSeconds = 0, backwardSeconds = 0;
        std::exception_ptr error;
    };
    void workerLoop(size_t replica);
    void runReplica(size_t replica);
    void combineStatistics();
    void shareStatistics(); // the master's running statistics into every replica's

    std::vector<torch::Tensor> m_masterParameters; // handles: read once, they stay valid
    std::vector<Network> m_replicas;
    std::vector<std::vector<torch::Tensor>> m_replicaParameters;
    std::vector<at::Generator> m_generators;
    // Batch norm's running means and variances (and batch counters): the master's, and each
    // replica's own, in the same order.
    std::vector<torch::Tensor> m_masterStatistics;
    std::vector<std::vector<torch::Tensor>> m_replicaStatistics;
    int m_threadsBefore = 0; // the intra-op thread count to restore after an epoch
    bool m_bf16 = false;

    // The batch being worked on and each replica's share of the result.
    torch::Tensor m_images, m_labels;
    int64_t m_shardCount = 0; // of the batch being worked on
    std::vector<Shard> m_shards;

    std::mutex m_mutex;
    std::condition_variable m_wake, m_done;
    quint64 m_generation = 0; // counts batches handed to the workers
    size_t m_pending = 0;     // workers still busy with the current batch
    bool m_stop = false;
    std::vector<std::thread> m_threads;
};

} // namespace mlwb
