#include "models/NetworkTorch.h"

#include "models/ConvReluPoolTorch.h"
#include "models/Precision.h"
#include "models/MaxPoolTorch.h"
#include "models/SingleChannelConvTorch.h"
#include "models/SmallBatchLinearTorch.h"

#include <ATen/CPUGeneratorImpl.h>

#include "common/AtomicFolder.h"
#include "common/Error.h"

#include <QJsonDocument>
#include <cmath>

namespace mlwb {

NetworkImpl::NetworkImpl(const ModelSpec &spec, int channels, int height, int width, int classes) : m_spec(spec)
{
    const std::vector<TensorShape> shapes = spec.inferShapes(channels, height, width, classes);
    TensorShape in;
    in.channels = channels;
    in.height = height;
    in.width = width;
    for (size_t i = 0; i < spec.layers.size(); ++i) {
        Layer layer;
        layer.spec = spec.layers[i];
        const LayerSpec &l = layer.spec;
        const std::string name = "layer" + std::to_string(i);
        switch (l.type) {
        case LayerType::Conv2d:
            layer.conv = register_module(name, torch::nn::Conv2d(torch::nn::Conv2dOptions(in.channels, l.out, l.kernel)
                                                                     .stride(l.stride).padding(l.padding).bias(l.bias)));
            break;
        case LayerType::Linear:
            layer.linear = register_module(name, torch::nn::Linear(torch::nn::LinearOptions(in.features, l.outputs(classes)).bias(l.bias)));
            break;
        case LayerType::BatchNorm2d:
            layer.norm2d = register_module(name, torch::nn::BatchNorm2d(in.channels));
            break;
        case LayerType::BatchNorm1d:
            layer.norm1d = register_module(name, torch::nn::BatchNorm1d(in.features));
            break;
        default:
            break;
        }
        m_layers.push_back(std::move(layer));
        in = shapes[i];
    }
    m_mean = register_buffer("input_mean", torch::zeros({1, channels, 1, 1}));
    m_std = register_buffer("input_std", torch::ones({1, channels, 1, 1}));
}

void NetworkImpl::setNormalisation(const std::vector<float> &mean, const std::vector<float> &std)
{
    torch::NoGradGuard noGrad;
    const int channels = int(m_mean.size(1));
    if (int(mean.size()) != channels || int(std.size()) != channels)
        throw Error(QStringLiteral("normalisation needs %1 values per statistic, got %2 and %3").arg(channels).arg(mean.size()).arg(std.size()));
    for (int c = 0; c < channels; ++c) {
        m_mean[0][c].fill_(mean[size_t(c)]);
        m_std[0][c].fill_(std[size_t(c)]);
    }
}

void NetworkImpl::initialise(at::Generator &generator)
{
    torch::NoGradGuard noGrad;
    auto uniform = [&generator](torch::Tensor &t, double fanIn) {
        const double bound = 1.0 / std::sqrt(fanIn);
        t.uniform_(-bound, bound, generator);
    };
    for (Layer &layer : m_layers) {
        if (layer.conv) {
            const double fanIn = double(layer.conv->weight.size(1)) * layer.spec.kernel * layer.spec.kernel;
            uniform(layer.conv->weight, fanIn);
            if (layer.spec.bias)
                uniform(layer.conv->bias, fanIn);
        } else if (layer.linear) {
            const double fanIn = double(layer.linear->weight.size(1));
            uniform(layer.linear->weight, fanIn);
            if (layer.spec.bias)
                uniform(layer.linear->bias, fanIn);
        } else if (layer.norm2d) {
            layer.norm2d->reset_parameters();
        } else if (layer.norm1d) {
            layer.norm1d->reset_parameters();
        }
    }
}

torch::Tensor NetworkImpl::dropout(const torch::Tensor &x, double p)
{
    if (!is_training() || p <= 0.0)
        return x;
    // Inverted dropout with a mask from our own generator (torch::dropout has no generator
    // argument and would draw from the global one). One draw of the generator seeds a
    // splitmix64 stream for the whole mask: bernoulli_ takes the generator's lock for every
    // element, which cost more than the dropout layer's own arithmetic.
    at::CPUGeneratorImpl *generator = at::get_generator_or_default<at::CPUGeneratorImpl>(
        m_dropoutGenerator, at::detail::getDefaultCPUGenerator());
    quint64 state;
    {
        const std::lock_guard lock(generator->mutex_);
        state = generator->random64();
    }
    // In fp32 even when x comes in bf16 (autocast): the mask is written as floats.
    torch::Tensor keep = torch::empty_like(x, x.options().dtype(torch::kFloat), at::MemoryFormat::Preserve);
    float *mask = keep.data_ptr<float>();
    const float scale = float(1.0 / (1.0 - p));
    const auto threshold = quint32((1.0 - p) * double(1u << 24)); // keep when a 24-bit draw is below
    for (int64_t i = 0, n = keep.numel(); i < n; ++i) {
        quint64 z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        mask[i] = quint32(z >> 40) < threshold ? scale : 0.0f;
    }
    return x * keep;
}

// Explicitly N×H×W×C strides. contiguous(ChannelsLast) would keep the N×C×H×W strides of a
// one-channel tensor (both layouts are "contiguous" then), and oneDNN picks its layout from them.
static torch::Tensor toChannelsLast(const torch::Tensor &t)
{
    return at::empty_like(t, at::MemoryFormat::ChannelsLast).copy_(t);
}

void NetworkImpl::useChannelsLast()
{
    torch::NoGradGuard noGrad;
    for (Layer &layer : m_layers)
        if (layer.conv)
            layer.conv->weight.set_data(toChannelsLast(layer.conv->weight));
    m_channelsLast = true;
}

bool NetworkImpl::useBf16Weights()
{
    for (const Layer &layer : m_layers)
        if (layer.norm2d || layer.norm1d)
            return false;
    torch::NoGradGuard noGrad;
    for (Layer &layer : m_layers) {
        for (torch::Tensor *t : {layer.conv ? &layer.conv->weight : nullptr, layer.conv ? &layer.conv->bias : nullptr,
                                 layer.linear ? &layer.linear->weight : nullptr, layer.linear ? &layer.linear->bias : nullptr})
            if (t && t->defined())
                t->set_data(t->to(torch::kBFloat16));
        if (layer.conv && convReluPoolTakes(layer.conv->weight)) {
            layer.packedConv = packConvWeight(layer.conv->weight);
            layer.packedFrom = layer.conv->weight.data_ptr();
        }
    }
    m_bf16Weights = true;
    return true;
}

int NetworkImpl::embeddingSize() const
{
    for (auto layer = m_layers.rbegin(); layer != m_layers.rend(); ++layer)
        if (layer->spec.type == LayerType::Linear)
            return int(layer->linear->options.in_features());
    return 0;
}

namespace {

// (x - mean) / std per channel, in `type`. For a few images without a gradient in one pass:
// the three torch ops and their temporaries cost more than the arithmetic there. The same
// values either way: the same two float operations, bf16 rounded to nearest even as .to() does.
torch::Tensor normalised(const torch::Tensor &x, const torch::Tensor &mean, const torch::Tensor &std, torch::ScalarType type)
{
    const int64_t channels = x.dim() == 4 ? x.size(1) : 0;
    if (torch::GradMode::is_enabled() || channels == 0 || x.size(0) > 64 || x.scalar_type() != torch::kFloat || !x.is_contiguous()
        || !x.device().is_cpu() || mean.scalar_type() != torch::kFloat || std.scalar_type() != torch::kFloat
        || mean.numel() != channels || std.numel() != channels)
        return ((x - mean) / std).to(type);
    const int64_t plane = x.size(2) * x.size(3);
    const torch::Tensor m = mean.contiguous(), s = std.contiguous();
    torch::Tensor out = at::empty(x.sizes(), x.options().dtype(type));
    const float *in = x.data_ptr<float>();
    for (int64_t i = 0; i < x.size(0) * channels; ++i) {
        const float mc = m.data_ptr<float>()[i % channels], sc = s.data_ptr<float>()[i % channels];
        const float *from = in + i * plane;
        if (type == torch::kBFloat16) {
            at::BFloat16 *to = out.data_ptr<at::BFloat16>() + i * plane;
            for (int64_t j = 0; j < plane; ++j)
                to[j] = at::BFloat16((from[j] - mc) / sc);
        } else {
            float *to = out.data_ptr<float>() + i * plane;
            for (int64_t j = 0; j < plane; ++j)
                to[j] = (from[j] - mc) / sc;
        }
    }
    return out;
}

} // namespace

torch::Tensor NetworkImpl::forward(torch::Tensor x, torch::Tensor *penultimate)
{
    size_t lastLinear = m_layers.size();
    if (penultimate)
        for (size_t i = 0; i < m_layers.size(); ++i)
            if (m_layers[i].spec.type == LayerType::Linear)
                lastLinear = i;
    x = normalised(x, m_mean, m_std, m_bf16Weights ? torch::kBFloat16 : torch::kFloat);
    if (m_channelsLast && x.dim() == 4)
        x = toChannelsLast(x);
    for (size_t i = 0; i < m_layers.size(); ++i) {
        Layer &layer = m_layers[i];
        const LayerSpec &l = layer.spec;
        // relu then max-pool equals max-pool then relu (relu is monotonic), and the relu
        // of the pooled map touches a quarter of the values, forwards and backwards.
        if (l.type == LayerType::Relu && i + 1 < m_layers.size() && m_layers[i + 1].spec.type == LayerType::MaxPool2d) {
            const LayerSpec &pool = m_layers[++i].spec;
            if (pool.kernel == 2 && pool.stride == 2)
                x = maxPool2x2(x, /*relu=*/true);
            else
                x = torch::relu(torch::max_pool2d(x, {pool.kernel, pool.kernel}, {pool.stride, pool.stride}));
            continue;
        }
        // Served convolutions with their relu and pooling in one pass, the map never stored.
        if (l.type == LayerType::Conv2d && convWithReluPoolAt(i)) {
            const torch::Tensor &weight = layer.conv->weight;
            torch::Tensor fused;
            if (suitsSingleChannelConvReluPool(x, weight, l.padding))
                fused = singleChannelConvReluPool(x, weight, layer.conv->bias, l.padding);
            else if (suitsConvReluPool(x, weight))
                fused = convReluPool(x, weight, layer.conv->bias, l.padding,
                                     layer.packedFrom == weight.data_ptr() ? layer.packedConv : torch::Tensor());
            if (fused.defined()) {
                x = std::move(fused);
                i += 2;
                continue;
            }
        }
        switch (l.type) {
        case LayerType::Conv2d:
            if (layer.conv->options.stride()->at(0) == 1 && !torch::GradMode::is_enabled() && suitsSingleChannelConv(x, layer.conv->weight))
                x = singleChannelConv(x, layer.conv->weight, layer.conv->bias, l.padding);
            else
                x = layer.conv->forward(x);
            break;
        case LayerType::MaxPool2d:
            x = l.kernel == 2 && l.stride == 2 ? maxPool2x2(x, /*relu=*/false)
                                               : torch::max_pool2d(x, {l.kernel, l.kernel}, {l.stride, l.stride});
            break;
        case LayerType::AvgPool2d:
            x = torch::avg_pool2d(x, {l.kernel, l.kernel}, {l.stride, l.stride});
            break;
        case LayerType::GlobalAvgPool:
            x = x.mean({2, 3}, /*keepdim=*/true);
            break;
        case LayerType::Relu:
            x = torch::relu(x);
            break;
        case LayerType::BatchNorm2d:
            x = layer.norm2d->forward(x);
            break;
        case LayerType::BatchNorm1d:
            x = layer.norm1d->forward(x);
            break;
        case LayerType::Dropout:
            x = dropout(x, l.p);
            break;
        case LayerType::Flatten:
            x = x.flatten(1);
            break;
        case LayerType::Linear:
            if (i == lastLinear)
                *penultimate = x.flatten(1);
            if (!torch::GradMode::is_enabled() && suitsSmallBatchLinear(x, layer.linear->weight)) {
                // fp32 out: the last layer's logits stay so, a hidden layer's go back to x's type.
                torch::Tensor y = smallBatchLinear(x, layer.linear->weight, layer.linear->bias);
                x = i + 1 < m_layers.size() ? y.to(x.scalar_type()) : y;
            } else {
                x = layer.linear->forward(x);
            }
            break;
        }
    }
    return x;
}

bool NetworkImpl::convWithReluPoolAt(size_t i) const
{
    if (torch::GradMode::is_enabled() || i + 2 >= m_layers.size())
        return false;
    const Layer &conv = m_layers[i];
    const LayerSpec &pool = m_layers[i + 2].spec;
    return conv.conv->options.stride()->at(0) == 1 && conv.conv->options.stride()->at(1) == 1
           && m_layers[i + 1].spec.type == LayerType::Relu && pool.type == LayerType::MaxPool2d && pool.kernel == 2
           && pool.stride == 2;
}

bool NetworkImpl::runsOwnKernels() const
{
    if (!m_bf16Weights || !cpuHasBf16())
        return false;
    for (size_t i = 0; i < m_layers.size(); ++i) {
        const Layer &layer = m_layers[i];
        if (layer.conv && !(convWithReluPoolAt(i) && (singleChannelConvReluPoolTakes(layer.conv->weight, layer.spec.padding)
                                                      || convReluPoolTakes(layer.conv->weight))))
            return false;
    }
    return true;
}

Network buildNetwork(const ModelInfo &info)
{
    Network network(info.spec, info.channels, info.height, info.width, info.numClasses());
    network->setNormalisation(info.mean, info.std);
    return network;
}

Network loadNetwork(const QString &modelDir, ModelInfo *infoOut)
{
    const ModelInfo info = readModelInfo(modelDir);
    Network network = buildNetwork(info);
    // The archive replaces tensors whatever their shape: remember what the spec expects.
    std::vector<std::pair<std::string, std::vector<int64_t>>> expected;
    for (const auto &item : network->named_parameters())
        expected.emplace_back(item.key(), item.value().sizes().vec());
    for (const auto &item : network->named_buffers())
        expected.emplace_back(item.key(), item.value().sizes().vec());
    const QString path = modelWeightsPath(modelDir);
    try {
        torch::load(network, path.toStdString());
    } catch (const c10::Error &e) {
        throw Error(QStringLiteral("%1: cannot read the weights: %2").arg(path, QString::fromStdString(e.what_without_backtrace())));
    }
    auto params = network->named_parameters();
    auto buffers = network->named_buffers();
    for (const auto &[name, sizes] : expected) {
        const torch::Tensor *t = params.find(name);
        if (!t)
            t = buffers.find(name);
        if (!t || t->sizes().vec() != sizes)
            throw Error(QStringLiteral("%1: \"%2\" does not match the architecture in model.json")
                            .arg(path, QString::fromStdString(name)));
    }
    network->eval();
    if (infoOut)
        *infoOut = info;
    return network;
}

void saveModel(const QString &modelDir, const ModelInfo &info, Network &network)
{
    // A reader (or a resumed run after a kill) sees the old model or the new one, never half.
    writeDirectoryAtomically(
        modelDir,
        [&](const QString &dir) {
            writeFileAtomically(modelInfoPath(dir), QJsonDocument(info.toJson()).toJson());
            try {
                torch::save(network, modelWeightsPath(dir).toStdString());
            } catch (const c10::Error &e) {
                throw Error(QStringLiteral("%1: cannot write the weights: %2")
                                .arg(modelWeightsPath(modelDir), QString::fromStdString(e.what_without_backtrace())));
            }
        },
        /*replaceExisting=*/true);
}

void useTorchThreads(int threads)
{
    if (threads > 0 && at::get_num_threads() != threads)
        at::set_num_threads(threads);
}

} // namespace mlwb
