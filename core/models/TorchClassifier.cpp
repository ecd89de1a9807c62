// loadClassifier: a trained model behind the torch-free Classifier interface.
#include "models/AutocastTorch.h"
#include "models/NetworkTorch.h"
#include "models/SmallBatchLinearTorch.h"

#include "evaluation/GaussianNoise.h"

#include <QFile>
#include <cmath>
#include <cstring>

namespace mlwb {

namespace {

class TorchClassifier final : public Classifier {
public:
    TorchClassifier(Network network, Network bf16Network, ModelInfo info, int threads, Precision precision)
        : m_network(std::move(network)), m_bf16Network(std::move(bf16Network)), m_info(std::move(info)), m_threads(threads),
          m_precision(precision)
    {
        // Wide penultimate layers (cnn: 1,600 values) are projected to kEmbeddingSize with a fixed
        // Gaussian matrix: distances survive (Johnson–Lindenstrauss), which is all drift needs,
        // and a stored evaluation stays a few megabytes.
        const int d = m_network->embeddingSize();
        if (d > kEmbeddingSize) {
            GaussianNoise draws(0x6d6c7762);
            std::vector<float> matrix(size_t(d) * kEmbeddingSize);
            for (float &v : matrix)
                v = float(draws.next() / std::sqrt(double(kEmbeddingSize)));
            // Kept as kEmbeddingSize rows of d (a linear layer's weight): e·P = linear(e, Pᵀ).
            m_projectionRows = torch::from_blob(matrix.data(), {d, kEmbeddingSize}).t().contiguous();
            m_projectionRowsBf16 = m_projectionRows.to(torch::kBFloat16);
        }
        std::vector<float> zeros(size_t(m_info.channels) * m_info.height * m_info.width, 0.0f);
        std::vector<float> sink(static_cast<size_t>(numClasses()));
        predict(zeros.data(), 1, sink.data()); // first call allocates and picks kernels
        if (runsInBf16(m_precision, kBf16MinimumBatch)) { // and the bf16 kernels of batches
            zeros.resize(zeros.size() * kBf16MinimumBatch);
            sink.resize(sink.size() * kBf16MinimumBatch);
            predict(zeros.data(), kBf16MinimumBatch, sink.data());
        }
    }

    int numClasses() const override { return m_info.numClasses(); }

    void predict(const float *x, qsizetype n, float *probabilities) override
    {
        predictWithEmbedding(x, n, probabilities, nullptr);
    }

    int embeddingSize() const override { return std::min(m_network->embeddingSize(), kEmbeddingSize); }

    void predictWithEmbedding(const float *x, qsizetype n, float *probabilities, float *embedding) override
    {
        useTorchThreads(m_threads);
        torch::NoGradGuard noGrad;
        const qsizetype imageFloats = qsizetype(m_info.channels) * m_info.height * m_info.width;
        // Chunks bound the activations' memory (a 10,000-image call would need gigabytes).
        const qsizetype chunk = 256;
        for (qsizetype start = 0; start < n; start += chunk) {
            const qsizetype count = std::min(chunk, n - start);
            const torch::Tensor input = torch::from_blob(const_cast<float *>(x + start * imageFloats),
                                                         {count, m_info.channels, m_info.height, m_info.width});
            torch::Tensor penultimate;
            torch::Tensor logits;
            // A network whose every layer runs in the kernels of our own is faster in bf16 from
            // one image on (the cnn on the EPYC: 34 µs in bf16, 102 in fp32); through
            // libtorch's kernels bf16 pays from kBf16MinimumBatch images.
            const bool bf16 = runsInBf16(m_precision, m_bf16Network && m_bf16Network->runsOwnKernels()
                                                          ? std::max<qsizetype>(count, kBf16MinimumBatch) : count);
            if (bf16 && m_bf16Network) {
                logits = m_bf16Network->forward(input, embedding ? &penultimate : nullptr).to(torch::kFloat);
            } else {
                const Bf16Autocast autocast(bf16);
                logits = m_network->forward(input, embedding ? &penultimate : nullptr).to(torch::kFloat);
            }
            const torch::Tensor probs = torch::softmax(logits, 1).contiguous();
            std::memcpy(probabilities + start * numClasses(), probs.data_ptr<float>(), size_t(count * numClasses()) * sizeof(float));
            if (embedding && penultimate.defined()) {
                // A bf16 batch is projected in bf16 too: in fp32 the projection cost a fifth
                // of a served request.
                torch::Tensor e = penultimate;
                if (m_projectionRows.defined()) {
                    const torch::Tensor &rows = e.scalar_type() == torch::kBFloat16 ? m_projectionRowsBf16 : m_projectionRows;
                    e = suitsSmallBatchLinear(e, rows) ? smallBatchLinear(e, rows, {}) : torch::linear(e, rows);
                }
                e = e.to(torch::kFloat).contiguous();
                std::memcpy(embedding + start * e.size(1), e.data_ptr<float>(), size_t(e.numel()) * sizeof(float));
            }
        }
    }

private:
    static constexpr int kEmbeddingSize = 128;
    Network m_network;
    Network m_bf16Network{nullptr}; // its weights in bf16 (see useBf16Weights), or none
    torch::Tensor m_projectionRows;
    torch::Tensor m_projectionRowsBf16;
    ModelInfo m_info;
    int m_threads;
    Precision m_precision;
};

} // namespace

std::unique_ptr<Classifier> loadImportedClassifier(const QString &modelDir, int threads); // ImportedModel.cpp

std::unique_ptr<Classifier> loadClassifier(const QString &modelDir, int threads, Precision precision)
{
    if (QFile::exists(importedModelPath(modelDir)))
        return loadImportedClassifier(modelDir, threads);
    ModelInfo info;
    Network network = loadNetwork(modelDir, &info);
    Network bf16Network{nullptr};
    if (precision != Precision::Fp32 && cpuHasBf16()) {
        // A copy of the loaded weights, not a second read of the file.
        bf16Network = buildNetwork(info);
        torch::NoGradGuard noGrad;
        const auto parameters = network->named_parameters();
        const auto buffers = network->named_buffers();
        for (auto &item : bf16Network->named_parameters())
            item.value().copy_(parameters[item.key()]);
        for (auto &item : bf16Network->named_buffers())
            item.value().copy_(buffers[item.key()]);
        bf16Network->eval();
        if (!bf16Network->useBf16Weights())
            bf16Network = Network{nullptr};
    }
    return std::make_unique<TorchClassifier>(std::move(network), std::move(bf16Network), std::move(info), threads, precision);
}

} // namespace mlwb
