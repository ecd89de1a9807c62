// loadClassifier: a trained model behind the torch-free Classifier interface.
#include "models/NetworkTorch.h"

#include <cstring>

namespace mlwb {

namespace {

class TorchClassifier final : public Classifier {
public:
    TorchClassifier(Network network, ModelInfo info, int threads)
        : m_network(std::move(network)), m_info(std::move(info)), m_threads(threads)
    {
        std::vector<float> zeros(size_t(m_info.channels) * m_info.height * m_info.width, 0.0f);
        std::vector<float> sink(static_cast<size_t>(numClasses()));
        predict(zeros.data(), 1, sink.data()); // first call allocates and picks kernels
    }

    int numClasses() const override { return m_info.numClasses(); }

    void predict(const float *x, qsizetype n, float *probabilities) override
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
            const torch::Tensor probs = torch::softmax(m_network->forward(input), 1).contiguous();
            std::memcpy(probabilities + start * numClasses(), probs.data_ptr<float>(), size_t(count * numClasses()) * sizeof(float));
        }
    }

private:
    Network m_network;
    ModelInfo m_info;
    int m_threads;
};

} // namespace

std::unique_ptr<Classifier> loadClassifier(const QString &modelDir, int threads)
{
    ModelInfo info;
    Network network = loadNetwork(modelDir, &info);
    return std::make_unique<TorchClassifier>(std::move(network), std::move(info), threads);
}

} // namespace mlwb
