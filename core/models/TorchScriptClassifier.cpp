// loadTorchScriptClassifier: an exported TorchScript file behind the Classifier interface.
#include "models/NetworkTorch.h"

#include "common/Error.h"

#include <QJsonDocument>
#include <cstring>
#include <torch/script.h>

namespace mlwb {

namespace {

class ScriptClassifier final : public Classifier {
public:
    ScriptClassifier(torch::jit::Module module, ModelInfo info, int threads)
        : m_module(std::move(module)), m_info(std::move(info)), m_threads(threads)
    {
    }

    int numClasses() const override { return m_info.numClasses(); }

    void predict(const float *x, qsizetype n, float *probabilities) override
    {
        if (n <= 0)
            return;
        useTorchThreads(m_threads);
        torch::NoGradGuard noGrad;
        const torch::Tensor input = torch::from_blob(const_cast<float *>(x), {n, m_info.channels, m_info.height, m_info.width});
        const torch::Tensor probs = m_module.forward({input}).toTensor().contiguous();
        std::memcpy(probabilities, probs.data_ptr<float>(), size_t(n * numClasses()) * sizeof(float));
    }

private:
    torch::jit::Module m_module;
    ModelInfo m_info;
    int m_threads;
};

} // namespace

std::unique_ptr<Classifier> loadTorchScriptClassifier(const QString &path, int threads, ModelInfo *infoOut)
{
    torch::jit::ExtraFilesMap extra{{"model.json", ""}};
    torch::jit::Module module;
    try {
        module = torch::jit::load(path.toStdString(), c10::nullopt, extra);
    } catch (const c10::Error &e) {
        throw Error(QStringLiteral("%1: not a TorchScript file: %2").arg(path, QString::fromStdString(e.what_without_backtrace())));
    }
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(extra["model.json"]));
    if (!doc.isObject())
        throw Error(QStringLiteral("%1: has no model.json inside; was it written by mlwb?").arg(path));
    ModelInfo info = ModelInfo::fromJson(doc.object(), path);
    module.eval();
    if (infoOut)
        *infoOut = info;
    return std::make_unique<ScriptClassifier>(std::move(module), std::move(info), threads);
}

} // namespace mlwb
