#pragma once
// Private to the .cpp files of core/models, core/training, core/inference: includes torch.
#include "models/ModelFiles.h"
#include "models/ModelSpec.h"

#include <torch/torch.h>

namespace mlwb {

// A network built from a ModelSpec. Takes N×C×H×W floats in [0, 1], normalises them with
// its own mean/std buffers, returns logits. Parameter names: "layer<i>.weight" etc., i the
// spec's layer index; buffers "input_mean", "input_std" (1×C×1×1).
class NetworkImpl : public torch::nn::Module {
public:
    NetworkImpl(const ModelSpec &spec, int channels, int height, int width, int classes);

    torch::Tensor forward(torch::Tensor x) { return forward(std::move(x), nullptr); }
    // Also hands out the penultimate-layer activations (the input of the last linear layer,
    // N × embeddingSize()) when `penultimate` is not null and the network has a linear layer.
    torch::Tensor forward(torch::Tensor x, torch::Tensor *penultimate);
    int embeddingSize() const; // 0 without a linear layer

    void setNormalisation(const std::vector<float> &mean, const std::vector<float> &std);

    // Redraws every parameter as PyTorch does by default (uniform ±1/√fan_in; batchnorm
    // 1 and 0), but from `generator`, so that initialisation is reproducible without
    // touching torch's global generator.
    void initialise(at::Generator &generator);

    // Inverted dropout (identity in eval mode): keeps each value with probability 1 - p,
    // scaled by 1 / (1 - p). Masks are drawn from this generator (none: torch's default one).
    torch::Tensor dropout(const torch::Tensor &x, double p);
    void setDropoutGenerator(c10::optional<at::Generator> generator) { m_dropoutGenerator = std::move(generator); }

    // Stores convolution weights and activations as N×H×W×C ("channels last"): oneDNN's
    // convolutions and the pooling run much faster on it on CPU than on N×C×H×W. The values
    // (and every tensor's logical shape) stay the same; only the memory layout changes.
    void useChannelsLast();

    // For inference in bf16 without autocast, which converted every weight on every call (a
    // fifth of a served micro-batch): weights and biases become bf16 once, inputs are
    // normalised in fp32 and then rounded, logits come out in bf16 (in fp32 where the last
    // layer ran as smallBatchLinear). The same arithmetic as autocast for the layers it
    // applies to; false (and nothing changed) for a network with batch norm, which autocast
    // keeps in fp32.
    bool useBf16Weights();

    const ModelSpec &spec() const { return m_spec; }
    // Whether an inference pass of this network in bf16 runs every layer with weights in the
    // kernels of our own (convReluPool, singleChannelConvReluPool, smallBatchLinear for up to
    // 64 images), none through libtorch's convolutions.
    bool runsOwnKernels() const;

private:
    struct Layer {
        LayerSpec spec;
        torch::nn::Conv2d conv{nullptr};
        torch::nn::Linear linear{nullptr};
        torch::nn::BatchNorm2d norm2d{nullptr};
        torch::nn::BatchNorm1d norm1d{nullptr};
        // The bf16 conv weight packed for convReluPool once (useBf16Weights), and the storage
        // it was packed from: a weight replaced since is packed on each call instead.
        torch::Tensor packedConv;
        const void *packedFrom = nullptr;
    };
    // Whether layers i, i+1, i+2 are a stride-1 convolution, relu and 2×2 max-pool run
    // without a gradient: one pass computes them where the input and weight suit it.
    bool convWithReluPoolAt(size_t i) const;

    ModelSpec m_spec;
    std::vector<Layer> m_layers;
    torch::Tensor m_mean, m_std;
    c10::optional<at::Generator> m_dropoutGenerator;
    bool m_channelsLast = false;
    bool m_bf16Weights = false;
};
TORCH_MODULE(Network);

// Builds the network of `info` (spec, geometry, classes, normalisation).
Network buildNetwork(const ModelInfo &info);

// Loads <dir>/model.json and <dir>/weights.pt into a network in eval mode.
Network loadNetwork(const QString &modelDir, ModelInfo *info = nullptr);

// Writes <dir>/model.json and <dir>/weights.pt atomically: into a sibling temporary
// directory first, which then replaces `modelDir`.
void saveModel(const QString &modelDir, const ModelInfo &info, Network &network);

// Sets libtorch's intra-op threads for the calling thread (OpenMP keeps them per thread).
void useTorchThreads(int threads);

} // namespace mlwb
