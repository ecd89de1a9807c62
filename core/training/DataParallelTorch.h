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
// Networks with batch normalisation are not replicated (their statistics would be per shard),
// nor dense-only ones (their steps are too short to share).
class DataParallelStep {
public:
    struct Result {
        double loss = 0;        // mean over the batch
        qint64 correct = 0;
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

    // Forward and backward of a batch; leaves the master's .grad set, ready for step().
    Result run(const torch::Tensor &images, const torch::Tensor &labels);

private:
    struct Shard {
        double loss = 0;
        int64_t size = 0;
        int64_t correct = 0;
        std::exception_ptr error;
    };
    void workerLoop(size_t replica);
    void runReplica(size_t replica);

    std::vector<torch::Tensor> m_masterParameters; // handles: read once, they stay valid
    std::vector<Network> m_replicas;
    std::vector<std::vector<torch::Tensor>> m_replicaParameters;
    std::vector<at::Generator> m_generators;
    int m_threadsBefore = 0; // the intra-op thread count to restore after an epoch
    bool m_bf16 = false;

    // The batch being worked on and each replica's share of the result.
    torch::Tensor m_images, m_labels;
    std::vector<Shard> m_shards;

    std::mutex m_mutex;
    std::condition_variable m_wake, m_done;
    quint64 m_generation = 0; // counts batches handed to the workers
    size_t m_pending = 0;     // workers still busy with the current batch
    bool m_stop = false;
    std::vector<std::thread> m_threads;
};

} // namespace mlwb
