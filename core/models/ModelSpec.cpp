#include "models/ModelSpec.h"

#include "common/Error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <cmath>
#include <optional>

namespace mlwb {

namespace {

struct TypeEntry {
    LayerType type;
    const char *name;
    QSet<QString> fields; // besides "type"
};

const std::vector<TypeEntry> &typeTable()
{
    static const std::vector<TypeEntry> table = {
        {LayerType::Conv2d, "conv2d", {"out", "kernel", "stride", "padding", "bias"}},
        {LayerType::MaxPool2d, "maxpool2d", {"kernel", "stride"}},
        {LayerType::AvgPool2d, "avgpool2d", {"kernel", "stride"}},
        {LayerType::GlobalAvgPool, "globalavgpool", {}},
        {LayerType::Relu, "relu", {}},
        {LayerType::BatchNorm2d, "batchnorm2d", {}},
        {LayerType::BatchNorm1d, "batchnorm1d", {}},
        {LayerType::Dropout, "dropout", {"p"}},
        {LayerType::Flatten, "flatten", {}},
        {LayerType::Linear, "linear", {"out", "bias"}},
    };
    return table;
}

QString render(const QJsonValue &v)
{
    if (v.isString())
        return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 10);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isNull())
        return QStringLiteral("null");
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

// Reads one layer object; every message names origin, layer index, field and value.
class LayerReader {
public:
    LayerReader(const QString &origin, int index, const QJsonObject &obj) : m_origin(origin), m_index(index), m_obj(obj) {}

    [[noreturn]] void fail(const QString &what) const
    {
        const QString type = m_type.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_type);
        throw UsageError(QStringLiteral("%1: layer %2%3: %4").arg(m_origin).arg(m_index).arg(type, what));
    }

    LayerSpec read()
    {
        const QJsonValue typeValue = m_obj.value(QStringLiteral("type"));
        if (!typeValue.isString())
            fail(QStringLiteral("\"type\" must be a layer type name, got %1").arg(render(typeValue)));
        const TypeEntry *entry = nullptr;
        QStringList known;
        for (const TypeEntry &e : typeTable()) {
            known << QString::fromLatin1(e.name);
            if (typeValue.toString() == QLatin1String(e.name))
                entry = &e;
        }
        if (!entry)
            fail(QStringLiteral("unknown type %1 (known: %2)").arg(render(typeValue), known.join(QStringLiteral(", "))));
        m_type = QString::fromLatin1(entry->name);
        for (auto it = m_obj.begin(); it != m_obj.end(); ++it)
            if (it.key() != QLatin1String("type") && !entry->fields.contains(it.key()))
                fail(QStringLiteral("unknown field \"%1\" (value %2)").arg(it.key(), render(it.value())));

        LayerSpec layer;
        layer.type = entry->type;
        switch (layer.type) {
        case LayerType::Conv2d:
            layer.out = integer("out", 1, std::nullopt);
            layer.kernel = integer("kernel", 1, std::nullopt);
            layer.stride = integer("stride", 1, 1);
            layer.padding = integer("padding", 0, 0);
            layer.bias = boolean("bias", true);
            break;
        case LayerType::MaxPool2d:
        case LayerType::AvgPool2d:
            layer.kernel = integer("kernel", 1, std::nullopt);
            layer.stride = integer("stride", 1, layer.kernel);
            break;
        case LayerType::Dropout: {
            const QJsonValue v = m_obj.value(QStringLiteral("p"));
            layer.p = v.isUndefined() ? 0.5 : v.toDouble(-1);
            if (!v.isUndefined() && (!v.isDouble() || !(layer.p >= 0.0 && layer.p < 1.0)))
                fail(QStringLiteral("\"p\" must be a probability in [0, 1), got %1").arg(render(v)));
            break;
        }
        case LayerType::Linear: {
            const QJsonValue v = m_obj.value(QStringLiteral("out"));
            if (v.isString() && v.toString() == QLatin1String("classes"))
                layer.outIsClasses = true;
            else if (v.isString())
                fail(QStringLiteral("\"out\" must be a positive integer or \"classes\", got %1").arg(render(v)));
            else
                layer.out = integer("out", 1, std::nullopt, QStringLiteral(" or \"classes\""));
            layer.bias = boolean("bias", true);
            break;
        }
        default:
            break;
        }
        return layer;
    }

private:
    int integer(const char *field, int minimum, std::optional<int> fallback, const QString &alternative = {}) const
    {
        const QString key = QString::fromLatin1(field);
        const QJsonValue v = m_obj.value(key);
        if (v.isUndefined()) {
            if (fallback)
                return *fallback;
            fail(QStringLiteral("missing \"%1\"").arg(key));
        }
        const double d = v.toDouble(std::nan(""));
        const char *kind = minimum > 0 ? "a positive integer" : "a non-negative integer";
        if (!v.isDouble() || d != std::floor(d) || d < minimum || d > 1e6)
            fail(QStringLiteral("\"%1\" must be %2%3, got %4").arg(key, QLatin1String(kind), alternative, render(v)));
        return int(d);
    }

    bool boolean(const char *field, bool fallback) const
    {
        const QJsonValue v = m_obj.value(QLatin1String(field));
        if (v.isUndefined())
            return fallback;
        if (!v.isBool())
            fail(QStringLiteral("\"%1\" must be true or false, got %2").arg(QLatin1String(field), render(v)));
        return v.toBool();
    }

    QString m_origin;
    int m_index;
    QJsonObject m_obj;
    QString m_type;
};

} // namespace

QString layerTypeName(LayerType type)
{
    for (const TypeEntry &e : typeTable())
        if (e.type == type)
            return QString::fromLatin1(e.name);
    return QStringLiteral("?");
}

QString TensorShape::toString() const
{
    return flat ? QString::number(features) : QStringLiteral("%1×%2×%3").arg(channels).arg(height).arg(width);
}

ModelSpec ModelSpec::fromJson(const QJsonObject &json, const QString &origin)
{
    for (auto it = json.begin(); it != json.end(); ++it)
        if (it.key() != QLatin1String("name") && it.key() != QLatin1String("description") && it.key() != QLatin1String("layers"))
            throw UsageError(QStringLiteral("%1: unknown field \"%2\" (expected name, description, layers)").arg(origin, it.key()));
    ModelSpec spec;
    const QJsonValue name = json.value(QStringLiteral("name"));
    const QJsonValue description = json.value(QStringLiteral("description"));
    if (!name.isUndefined() && !name.isString())
        throw UsageError(QStringLiteral("%1: \"name\" must be a string, got %2").arg(origin, render(name)));
    if (!description.isUndefined() && !description.isString())
        throw UsageError(QStringLiteral("%1: \"description\" must be a string, got %2").arg(origin, render(description)));
    spec.name = name.toString();
    spec.description = description.toString();
    const QJsonValue layers = json.value(QStringLiteral("layers"));
    if (!layers.isArray() || layers.toArray().isEmpty())
        throw UsageError(QStringLiteral("%1: \"layers\" must be a non-empty array of layers, got %2").arg(origin, render(layers)));
    const QJsonArray array = layers.toArray();
    for (int i = 0; i < array.size(); ++i) {
        if (!array[i].isObject())
            throw UsageError(QStringLiteral("%1: layer %2: must be an object like {\"type\": \"relu\"}, got %3")
                                 .arg(origin).arg(i).arg(render(array[i])));
        spec.layers.push_back(LayerReader(origin, i, array[i].toObject()).read());
    }
    return spec;
}

QJsonObject ModelSpec::toJson() const
{
    QJsonArray array;
    for (const LayerSpec &l : layers) {
        QJsonObject o{{QStringLiteral("type"), layerTypeName(l.type)}};
        switch (l.type) {
        case LayerType::Conv2d:
            o.insert(QStringLiteral("out"), l.out);
            o.insert(QStringLiteral("kernel"), l.kernel);
            o.insert(QStringLiteral("stride"), l.stride);
            o.insert(QStringLiteral("padding"), l.padding);
            o.insert(QStringLiteral("bias"), l.bias);
            break;
        case LayerType::MaxPool2d:
        case LayerType::AvgPool2d:
            o.insert(QStringLiteral("kernel"), l.kernel);
            o.insert(QStringLiteral("stride"), l.stride);
            break;
        case LayerType::Dropout:
            o.insert(QStringLiteral("p"), l.p);
            break;
        case LayerType::Linear:
            o.insert(QStringLiteral("out"), l.outIsClasses ? QJsonValue(QStringLiteral("classes")) : QJsonValue(l.out));
            o.insert(QStringLiteral("bias"), l.bias);
            break;
        default:
            break;
        }
        array.append(o);
    }
    QJsonObject json{{QStringLiteral("name"), name}, {QStringLiteral("layers"), array}};
    if (!description.isEmpty())
        json.insert(QStringLiteral("description"), description);
    return json;
}

bool operator==(const LayerSpec &a, const LayerSpec &b)
{
    return a.type == b.type && a.out == b.out && a.outIsClasses == b.outIsClasses && a.kernel == b.kernel
        && a.stride == b.stride && a.padding == b.padding && a.bias == b.bias && a.p == b.p;
}

bool operator==(const ModelSpec &a, const ModelSpec &b)
{
    return a.name == b.name && a.description == b.description && a.layers == b.layers;
}

} // namespace mlwb
