// exportTorchScript: a self-contained TorchScript module whose forward is generated from
// the spec, so that Python needs neither mlwb nor the class definition to run the model.
#include "models/NetworkTorch.h"

#include "common/Error.h"

#include <QJsonDocument>
#include <QSaveFile>
#include <sstream>
#include <torch/script.h>

namespace mlwb {

namespace {

std::string intPair(int v)
{
    return "[" + std::to_string(v) + ", " + std::to_string(v) + "]";
}

// TorchScript source of forward(x) → probabilities. Batchnorm in eval form, dropout gone.
std::string forwardSource(const NetworkImpl &network)
{
    std::ostringstream src;
    src << "def forward(self, x):\n"
        << "    x = (x - self.input_mean) / self.input_std\n";
    const auto &layers = network.spec().layers;
    for (size_t i = 0; i < layers.size(); ++i) {
        const LayerSpec &l = layers[i];
        const std::string p = "self.layer" + std::to_string(i) + "_";
        const std::string bias = l.bias ? p + "bias" : std::string("None");
        switch (l.type) {
        case LayerType::Conv2d:
            src << "    x = torch.conv2d(x, " << p << "weight, " << bias << ", " << intPair(l.stride) << ", "
                << intPair(l.padding) << ")\n";
            break;
        case LayerType::MaxPool2d:
            src << "    x = torch.max_pool2d(x, " << intPair(l.kernel) << ", " << intPair(l.stride) << ")\n";
            break;
        case LayerType::AvgPool2d:
            src << "    x = torch.avg_pool2d(x, " << intPair(l.kernel) << ", " << intPair(l.stride) << ")\n";
            break;
        case LayerType::GlobalAvgPool:
            src << "    x = torch.mean(x, [2, 3], True)\n";
            break;
        case LayerType::Relu:
            src << "    x = torch.relu(x)\n";
            break;
        case LayerType::BatchNorm2d:
        case LayerType::BatchNorm1d:
            // Same eps as torch::nn::BatchNorm's default (1e-5), running statistics.
            src << "    x = torch.batch_norm(x, " << p << "weight, " << p << "bias, " << p << "running_mean, " << p
                << "running_var, False, 0.1, 1e-05, False)\n";
            break;
        case LayerType::Dropout:
            break;
        case LayerType::Flatten:
            src << "    x = torch.flatten(x, 1)\n";
            break;
        case LayerType::Linear:
            src << "    x = torch.linear(x, " << p << "weight, " << bias << ")\n";
            break;
        }
    }
    src << "    return torch.softmax(x, 1)\n";
    return src.str();
}

} // namespace

void exportTorchScript(const QString &modelDir, const QString &outPath)
{
    ModelInfo info;
    Network network = loadNetwork(modelDir, &info);
    std::ostringstream bytes;
    try {
        torch::jit::Module module("MlwbClassifier");
        torch::NoGradGuard noGrad;
        // "layer3.running_mean" → attribute "layer3_running_mean" (no dots in attributes).
        auto attribute = [](const std::string &name) {
            std::string s = name;
            std::replace(s.begin(), s.end(), '.', '_');
            return s;
        };
        for (const auto &item : network->named_parameters())
            module.register_parameter(attribute(item.key()), item.value().detach().clone(), /*is_buffer=*/false);
        for (const auto &item : network->named_buffers())
            if (item.value().is_floating_point()) // batchnorm's num_batches_tracked is not needed
                module.register_buffer(attribute(item.key()), item.value().detach().clone());
        module.define(forwardSource(*network));
        module.eval();
        const QByteArray json = QJsonDocument(info.toJson()).toJson();
        module.save(bytes, {{"model.json", json.toStdString()}});
    } catch (const c10::Error &e) {
        throw Error(QStringLiteral("%1: cannot export to TorchScript: %2").arg(modelDir, QString::fromStdString(e.what_without_backtrace())));
    }
    QSaveFile file(outPath);
    const std::string data = bytes.str();
    if (!file.open(QIODevice::WriteOnly) || file.write(data.data(), qint64(data.size())) != qint64(data.size()) || !file.commit())
        throw Error(QStringLiteral("%1: cannot write: %2").arg(outPath, file.errorString()));
}

} // namespace mlwb
