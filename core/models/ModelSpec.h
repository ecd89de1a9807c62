#pragma once
#include <QJsonObject>
#include <QList>
#include <QString>
#include <vector>

namespace mlwb {

// A model described as data, so that users define architectures without recompiling.
// JSON form: {"name": "...", "description": "...", "layers": [{"type": "conv2d", ...}, ...]}.
//   conv2d        {out, kernel, stride = 1, padding = 0, bias = true}
//   maxpool2d     {kernel, stride = kernel}
//   avgpool2d     {kernel, stride = kernel}
//   globalavgpool {}               C×H×W → C×1×1 (follow it with flatten)
//   relu          {}
//   batchnorm2d   {}               on C×H×W
//   batchnorm1d   {}               on flat features
//   dropout       {p = 0.5}        0 ≤ p < 1
//   flatten       {}               C×H×W → C·H·W
//   linear        {out}            out: a count or "classes"; needs flat input
// The network's output must be flat with one value per class (the logits).
enum class LayerType { Conv2d, MaxPool2d, AvgPool2d, GlobalAvgPool, Relu, BatchNorm2d, BatchNorm1d, Dropout, Flatten, Linear };

struct LayerSpec {
    LayerType type = LayerType::Relu;
    int out = 0;               // conv2d, linear; 0 with outIsClasses for "classes"
    bool outIsClasses = false; // linear only
    int kernel = 0;            // conv2d, pools
    int stride = 0;            // conv2d (default 1), pools (default = kernel)
    int padding = 0;           // conv2d
    bool bias = true;          // conv2d, linear
    double p = 0.5;            // dropout

    // out as resolved for `classes` classes.
    int outputs(int classes) const { return outIsClasses ? classes : out; }
};

QString layerTypeName(LayerType type);

// Shape of the activations between layers: C×H×W, or `features` values once flat.
struct TensorShape {
    bool flat = false;
    int channels = 0, height = 0, width = 0;
    qint64 features = 0;

    qint64 size() const { return flat ? features : qint64(channels) * height * width; }
    QString toString() const;
};

struct ModelSpec {
    QString name;
    QString description;
    std::vector<LayerSpec> layers;

    // Throws UsageError naming the layer index, the field and the bad value. `origin` (a
    // file name or built-in name) starts every message.
    static ModelSpec fromJson(const QJsonObject &json, const QString &origin);
    QJsonObject toJson() const;

    // The shape after each layer for C×H×W input and `classes` classes; checks that every
    // layer fits its input (a kernel larger than the image, linear before flatten...) and
    // that the output has one value per class. Throws UsageError naming the layer.
    std::vector<TensorShape> inferShapes(int channels, int height, int width, int classes) const;

    friend bool operator==(const ModelSpec &, const ModelSpec &);
};
bool operator==(const LayerSpec &, const LayerSpec &);

// Trainable parameters (batchnorm's running statistics are not parameters). Validates.
qint64 parameterCount(const ModelSpec &spec, int channels, int height, int width, int classes);

struct ArchitectureInfo {
    QString name;
    QString description;
    qint64 parameterCount = 0; // for 1×28×28 input and 10 classes
};

// The architectures shipped in the resources (:/mlwb/models/*.json).
QList<ArchitectureInfo> builtinArchitectures();

// A built-in name ("mlp", "cnn", "lite") or the path of a JSON spec file. An unknown name
// throws UsageError listing the built-in names.
ModelSpec resolveArchitecture(const QString &nameOrJsonPath);

} // namespace mlwb
