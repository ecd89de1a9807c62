// Shape inference and parameter counting for ModelSpec: everything a spec can get wrong
// against a concrete input size is caught here, before torch sees it.
#include "models/ModelSpec.h"

#include "common/Error.h"

namespace mlwb {

namespace {

class ShapeChecker {
public:
    ShapeChecker(const ModelSpec &spec, int index) : m_spec(spec), m_index(index) {}

    [[noreturn]] void fail(const QString &what) const
    {
        const QString origin = m_spec.name.isEmpty() ? QStringLiteral("model") : QStringLiteral("model \"%1\"").arg(m_spec.name);
        throw UsageError(QStringLiteral("%1: layer %2 (%3): %4")
                             .arg(origin).arg(m_index).arg(layerTypeName(m_spec.layers[size_t(m_index)].type), what));
    }

    void needImage(const TensorShape &in) const
    {
        if (in.flat)
            fail(QStringLiteral("needs C×H×W input but gets %1 flat features (it must come before flatten)").arg(in.features));
    }

    // A window must fit inside the (padded) input at least once.
    void checkWindow(const TensorShape &in, int kernel, int padding) const
    {
        const int h = in.height + 2 * padding, w = in.width + 2 * padding;
        if (kernel > h || kernel > w)
            fail(QStringLiteral("\"kernel\" %1 is larger than its %2×%3 input%4")
                     .arg(kernel).arg(in.height).arg(in.width)
                     .arg(padding ? QStringLiteral(" (with padding %1)").arg(padding) : QString()));
    }

    TensorShape apply(const TensorShape &in, int classes) const
    {
        const LayerSpec &l = m_spec.layers[size_t(m_index)];
        TensorShape out = in;
        switch (l.type) {
        case LayerType::Conv2d:
            needImage(in);
            checkWindow(in, l.kernel, l.padding);
            out.channels = l.out;
            out.height = (in.height + 2 * l.padding - l.kernel) / l.stride + 1;
            out.width = (in.width + 2 * l.padding - l.kernel) / l.stride + 1;
            break;
        case LayerType::MaxPool2d:
        case LayerType::AvgPool2d:
            needImage(in);
            checkWindow(in, l.kernel, 0);
            out.height = (in.height - l.kernel) / l.stride + 1;
            out.width = (in.width - l.kernel) / l.stride + 1;
            break;
        case LayerType::GlobalAvgPool:
            needImage(in);
            out.height = out.width = 1;
            break;
        case LayerType::BatchNorm2d:
            needImage(in);
            break;
        case LayerType::BatchNorm1d:
            if (!in.flat)
                fail(QStringLiteral("needs flat input but gets %1 (use batchnorm2d, or flatten first)").arg(in.toString()));
            break;
        case LayerType::Flatten:
            if (in.flat)
                fail(QStringLiteral("input is already flat (%1 features)").arg(in.features));
            out.flat = true;
            out.features = in.size();
            break;
        case LayerType::Linear:
            if (!in.flat)
                fail(QStringLiteral("needs flat input but gets %1: add {\"type\": \"flatten\"} before it").arg(in.toString()));
            out.features = l.outputs(classes);
            break;
        case LayerType::Relu:
        case LayerType::Dropout:
            break;
        }
        return out;
    }

private:
    const ModelSpec &m_spec;
    int m_index;
};

} // namespace

std::vector<TensorShape> ModelSpec::inferShapes(int channels, int height, int width, int classes) const
{
    if (channels < 1 || height < 1 || width < 1 || classes < 1)
        throw UsageError(QStringLiteral("model \"%1\": needs an input of at least 1×1×1 and one class, got %2×%3×%4 and %5 classes")
                             .arg(name).arg(channels).arg(height).arg(width).arg(classes));
    if (layers.empty())
        throw UsageError(QStringLiteral("model \"%1\" has no layers").arg(name));
    std::vector<TensorShape> shapes;
    TensorShape shape;
    shape.channels = channels;
    shape.height = height;
    shape.width = width;
    // A spec may ask for up to 10^6 channels and 10^6 padding per layer: its activations
    // can outgrow int and qint64. Nothing that large per sample can be trained anyway.
    constexpr qint64 maxSide = qint64(1) << 24, maxValues = qint64(1) << 31;
    for (int i = 0; i < int(layers.size()); ++i) {
        shape = ShapeChecker(*this, i).apply(shape, classes);
        qint64 values = 0;
        if (shape.height > maxSide || shape.width > maxSide
            || __builtin_mul_overflow(qint64(shape.channels) * shape.height, qint64(shape.width), &values)
            || shape.size() > maxValues)
            throw UsageError(QStringLiteral("model \"%1\": layer %2 (%3) gives %4 values per sample, more than the %5 "
                                            "that can be trained")
                                 .arg(name).arg(i).arg(layerTypeName(layers[size_t(i)].type), shape.toString())
                                 .arg(maxValues));
        shapes.push_back(shape);
    }
    if (!shape.flat || shape.features != classes)
        throw UsageError(QStringLiteral("model \"%1\": the last layer gives %2 values but there are %3 classes; "
                                        "end with {\"type\": \"linear\", \"out\": \"classes\"}")
                             .arg(name, shape.toString()).arg(classes));
    return shapes;
}

qint64 parameterCount(const ModelSpec &spec, int channels, int height, int width, int classes)
{
    const std::vector<TensorShape> shapes = spec.inferShapes(channels, height, width, classes);
    TensorShape in;
    in.channels = channels;
    in.height = height;
    in.width = width;
    qint64 total = 0;
    for (size_t i = 0; i < spec.layers.size(); ++i) {
        const LayerSpec &l = spec.layers[i];
        switch (l.type) {
        case LayerType::Conv2d: {
            // 10^6 outputs × 10^6 input channels × a 10^6 × 10^6 kernel pass 2^63.
            qint64 weights = 0;
            if (__builtin_mul_overflow(qint64(l.out) * in.channels, qint64(l.kernel) * l.kernel, &weights)
                || weights > (qint64(1) << 40))
                throw UsageError(QStringLiteral("model \"%1\": layer %2 (conv2d) has more than 2^40 weights")
                                     .arg(spec.name).arg(i));
            total += weights + (l.bias ? l.out : 0);
            break;
        }
        case LayerType::Linear:
            total += qint64(l.outputs(classes)) * in.features + (l.bias ? l.outputs(classes) : 0);
            break;
        case LayerType::BatchNorm2d:
            total += 2 * qint64(in.channels); // scale and shift per channel
            break;
        case LayerType::BatchNorm1d:
            total += 2 * in.features;
            break;
        default:
            break;
        }
        in = shapes[i];
    }
    return total;
}

} // namespace mlwb
