// TorchScript files as classifiers: mlwb's own exports (loadTorchScriptClassifier) and files made
// elsewhere (checkTorchScriptModel, then loadClassifier on the imported model's folder).
#include "models/NetworkTorch.h"

#include "common/Error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <cstring>
#include <torch/script.h>

namespace mlwb {

namespace {

torch::jit::Module loadScript(const QString &path)
{
    try {
        torch::jit::Module module = torch::jit::load(path.toStdString());
        module.eval();
        return module;
    } catch (const c10::Error &e) {
        throw Error(QStringLiteral("%1: not a TorchScript file (torch.jit.save writes one): %2")
                        .arg(path, QString::fromStdString(e.what_without_backtrace()).section(u'\n', 0, 0)));
    }
}

// Runs the module on an N×C×H×W batch; the output must be N × classes.
torch::Tensor runScript(torch::jit::Module &module, const torch::Tensor &input, const ModelInfo &info,
                        const QString &path)
{
    torch::jit::IValue output;
    try {
        output = module.forward({input});
    } catch (const std::exception &e) {
        throw Error(QStringLiteral("%1: fails on a %2×%3×%4×%5 float input in [0, 1]: %6")
                        .arg(path).arg(input.size(0)).arg(info.channels).arg(info.height).arg(info.width)
                        .arg(QString::fromLocal8Bit(e.what()).section(u'\n', 0, 0)));
    }
    if (!output.isTensor())
        throw Error(QStringLiteral("%1: returns a %2, not a tensor of logits or probabilities")
                        .arg(path, QString::fromStdString(output.tagKind())));
    const torch::Tensor out = output.toTensor();
    if (out.dim() != 2 || out.size(0) != input.size(0) || out.size(1) != info.numClasses()) {
        QStringList shape;
        for (const auto size : out.sizes())
            shape << QString::number(size);
        throw Error(QStringLiteral("%1: returns shape [%2] for %3 images; the data set has %4 classes, so [%3, %4] is needed")
                        .arg(path, shape.join(QStringLiteral(", "))).arg(input.size(0)).arg(info.numClasses()));
    }
    return out.to(torch::kFloat);
}

// A TorchScript module behind the Classifier interface; a softmax is applied when its rows are
// logits.
class ImportedClassifier final : public Classifier {
public:
    ImportedClassifier(torch::jit::Module module, ModelInfo info, bool givesProbabilities, QString path, int threads)
        : m_module(std::move(module)), m_info(std::move(info)), m_probabilities(givesProbabilities),
          m_path(std::move(path)), m_threads(threads)
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
        torch::Tensor out = runScript(m_module, input, m_info, m_path);
        if (!m_probabilities)
            out = torch::softmax(out, 1);
        out = out.contiguous();
        std::memcpy(probabilities, out.data_ptr<float>(), size_t(n * numClasses()) * sizeof(float));
    }

private:
    torch::jit::Module m_module;
    ModelInfo m_info;
    bool m_probabilities;
    QString m_path;
    int m_threads;
};

bool rowsAreProbabilities(const torch::Tensor &out)
{
    return out.min().item<float>() >= 0.0f && (out.sum(1) - 1.0f).abs().max().item<float>() < 1e-3f;
}

} // namespace

ModelInfo checkTorchScriptModel(const QString &file, ModelInfo info)
{
    if (!QFileInfo(file).isFile())
        throw Error(QStringLiteral("%1: no such file").arg(file));
    torch::jit::Module module = loadScript(file);
    torch::NoGradGuard noGrad;
    // A probe of plain and random images: a model that returns probabilities does so for all.
    torch::Tensor probe = torch::rand({4, info.channels, info.height, info.width}, torch::kFloat);
    probe[0].zero_();
    const torch::Tensor out = runScript(module, probe, info, file);
    if (!torch::isfinite(out).all().item<bool>())
        throw Error(QStringLiteral("%1: returns values that are not finite numbers").arg(file));
    const bool probabilities = rowsAreProbabilities(out);
    qint64 parameters = 0;
    for (const torch::Tensor &p : module.parameters())
        parameters += p.numel();
    info.parameterCount = parameters;
    info.spec = ModelSpec{};
    info.spec.name = QStringLiteral("torchscript");
    const QJsonObject json{{QStringLiteral("classNames"), QJsonArray::fromStringList(info.classNames)},
                           {QStringLiteral("channels"), info.channels},
                           {QStringLiteral("height"), info.height},
                           {QStringLiteral("width"), info.width},
                           {QStringLiteral("parameterCount"), parameters},
                           {QStringLiteral("output"), probabilities ? QStringLiteral("probabilities") : QStringLiteral("logits")},
                           {QStringLiteral("source"), QFileInfo(file).absoluteFilePath()}};
    info.training = json;
    return info;
}

std::unique_ptr<Classifier> loadImportedClassifier(const QString &modelDir, int threads)
{
    const ModelInfo info = readModelInfo(modelDir);
    const QString path = importedModelPath(modelDir);
    const bool probabilities = info.training.value(QStringLiteral("output")).toString() == QStringLiteral("probabilities");
    return std::make_unique<ImportedClassifier>(loadScript(path), info, probabilities, path, threads);
}

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
    // mlwb's export ends in a softmax: its rows are probabilities.
    return std::make_unique<ImportedClassifier>(std::move(module), std::move(info), true, path, threads);
}

} // namespace mlwb
