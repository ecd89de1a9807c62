#include "training/TrainSettings.h"

#include "common/Error.h"
#include "models/ModelSpec.h"
#include "models/Precision.h"

#include <QJsonDocument>
#include <QThread>
#include <algorithm>
#include <cmath>

namespace mlwb {

namespace {

[[noreturn]] void refuse(const QString &setting, const QString &rule, const QString &value)
{
    throw UsageError(QStringLiteral("setting \"%1\" %2, got %3").arg(setting, rule, value));
}

QString number(double v)
{
    return QString::number(v, 'g', 10);
}

void checkRange(const char *name, double v, double low, bool lowOpen, double high, bool highOpen)
{
    const bool ok = std::isfinite(v) && (lowOpen ? v > low : v >= low) && (highOpen ? v < high : v <= high);
    if (!ok)
        refuse(QLatin1String(name),
               QStringLiteral("must be in %1%2, %3%4").arg(lowOpen ? u'(' : u'[').arg(number(low), number(high)).arg(highOpen ? u')' : u']'),
               number(v));
}

// Reads typed values out of a JSON object, refusing wrong types and unknown keys.
class JsonFields {
public:
    JsonFields(const QJsonObject &json, const QString &prefix) : m_json(json), m_prefix(prefix) {}

    void read(const char *key, double &out) { take(key, [&](const QJsonValue &v) { out = v.toDouble(); return v.isDouble(); }, "a number"); }
    void read(const char *key, int &out)
    {
        take(key, [&](const QJsonValue &v) {
            out = v.toInt();
            return v.isDouble() && v.toDouble() == std::floor(v.toDouble()) && std::abs(v.toDouble()) < 2e9;
        }, "an integer");
    }
    void read(const char *key, QString &out) { take(key, [&](const QJsonValue &v) { out = v.toString(); return v.isString(); }, "a string"); }
    void read(const char *key, quint64 &out)
    {
        take(key, [&](const QJsonValue &v) {
            bool ok = false;
            if (v.isString())
                out = v.toString().toULongLong(&ok);
            else if (v.isDouble() && v.toDouble() >= 0 && v.toDouble() == std::floor(v.toDouble()) && v.toDouble() < 9e15)
                out = quint64(v.toDouble()), ok = true;
            return ok;
        }, "a non-negative integer");
    }
    QJsonObject object(const char *key)
    {
        QJsonObject out;
        take(key, [&](const QJsonValue &v) { out = v.toObject(); return v.isObject(); }, "an object");
        return out;
    }
    void refuseUnknown() const
    {
        for (auto it = m_json.begin(); it != m_json.end(); ++it)
            if (!m_seen.contains(it.key()))
                throw UsageError(QStringLiteral("unknown setting \"%1%2\"").arg(m_prefix, it.key()));
    }

private:
    template<typename F>
    void take(const char *key, F &&assign, const char *kind)
    {
        const QString k = QLatin1String(key);
        m_seen << k;
        const QJsonValue v = m_json.value(k);
        if (v.isUndefined())
            return;
        if (!assign(v)) {
            const QByteArray text = QJsonDocument(QJsonObject{{k, v}}).toJson(QJsonDocument::Compact);
            refuse(m_prefix + k, QStringLiteral("must be %1").arg(QLatin1String(kind)), QString::fromUtf8(text.mid(text.indexOf(':') + 1).chopped(1)));
        }
    }

    const QJsonObject &m_json;
    QString m_prefix;
    QStringList m_seen;
};

} // namespace

QJsonObject TrainSettings::toJson() const
{
    const QJsonObject aug{
        {QStringLiteral("rotationDegrees"), augmentation.rotationDegrees},
        {QStringLiteral("cropProbability"), augmentation.cropProbability},
        {QStringLiteral("cropScale"), augmentation.cropScale},
        {QStringLiteral("noiseSigma"), augmentation.noiseSigma},
    };
    QJsonObject json{
        {QStringLiteral("architecture"), architecture},
        {QStringLiteral("epochs"), epochs},
        {QStringLiteral("batchSize"), batchSize},
        {QStringLiteral("learningRate"), learningRate},
        {QStringLiteral("optimizer"), optimizer},
        {QStringLiteral("momentum"), momentum},
        {QStringLiteral("weightDecay"), weightDecay},
        {QStringLiteral("schedule"), schedule},
        {QStringLiteral("seed"), QString::number(seed)},
        {QStringLiteral("validationFraction"), validationFraction},
        {QStringLiteral("augmentation"), aug},
        {QStringLiteral("threads"), threads},
    };
    if (fineTuneFrom > 0)
        json.insert(QStringLiteral("fineTuneFrom"), double(fineTuneFrom));
    if (precision != precisionName(Precision::Fp32))
        json.insert(QStringLiteral("precision"), precision);
    return json;
}

TrainSettings TrainSettings::fromJson(const QJsonObject &json)
{
    TrainSettings s;
    JsonFields f(json, QString());
    f.read("architecture", s.architecture);
    f.read("epochs", s.epochs);
    f.read("batchSize", s.batchSize);
    f.read("learningRate", s.learningRate);
    f.read("optimizer", s.optimizer);
    f.read("momentum", s.momentum);
    f.read("weightDecay", s.weightDecay);
    f.read("schedule", s.schedule);
    f.read("seed", s.seed);
    f.read("validationFraction", s.validationFraction);
    f.read("threads", s.threads);
    quint64 fineTuneFrom = 0;
    f.read("fineTuneFrom", fineTuneFrom);
    s.fineTuneFrom = qint64(fineTuneFrom);
    f.read("precision", s.precision);
    const QJsonObject aug = f.object("augmentation");
    f.refuseUnknown();
    JsonFields a(aug, QStringLiteral("augmentation."));
    a.read("rotationDegrees", s.augmentation.rotationDegrees);
    a.read("cropProbability", s.augmentation.cropProbability);
    a.read("cropScale", s.augmentation.cropScale);
    a.read("noiseSigma", s.augmentation.noiseSigma);
    a.refuseUnknown();
    return s;
}

void TrainSettings::validate() const
{
    if (epochs < 1 || epochs > 100000)
        refuse(QStringLiteral("epochs"), QStringLiteral("must be between 1 and 100000"), QString::number(epochs));
    if (batchSize < 1 || batchSize > 65536)
        refuse(QStringLiteral("batchSize"), QStringLiteral("must be between 1 and 65536"), QString::number(batchSize));
    checkRange("learningRate", learningRate, 0, true, 10, false);
    if (optimizer != QLatin1String("adam") && optimizer != QLatin1String("sgd"))
        refuse(QStringLiteral("optimizer"), QStringLiteral("must be \"adam\" or \"sgd\""), QLatin1Char('"') + optimizer + QLatin1Char('"'));
    checkRange("momentum", momentum, 0, false, 1, true);
    checkRange("weightDecay", weightDecay, 0, false, 1, false);
    if (schedule != QLatin1String("constant") && schedule != QLatin1String("onecycle"))
        refuse(QStringLiteral("schedule"), QStringLiteral("must be \"constant\" or \"onecycle\""), QLatin1Char('"') + schedule + QLatin1Char('"'));
    checkRange("validationFraction", validationFraction, 0, false, 1, true);
    checkRange("augmentation.rotationDegrees", augmentation.rotationDegrees, 0, false, 180, false);
    checkRange("augmentation.cropProbability", augmentation.cropProbability, 0, false, 1, false);
    checkRange("augmentation.cropScale", augmentation.cropScale, 0, true, 1, false);
    checkRange("augmentation.noiseSigma", augmentation.noiseSigma, 0, false, 1, false);
    if (threads < 0 || threads > 1024)
        refuse(QStringLiteral("threads"), QStringLiteral("must be between 0 (all cores) and 1024"), QString::number(threads));
    if (!precisionFromString(precision))
        refuse(QStringLiteral("precision"), QStringLiteral("must be \"fp32\", \"bf16\" or \"auto\""), QLatin1Char('"') + precision + QLatin1Char('"'));
    resolveArchitecture(architecture); // throws naming the built-ins when unknown
}

int TrainSettings::effectiveThreads() const
{
    return threads > 0 ? threads : std::max(1, QThread::idealThreadCount());
}

namespace {

// Layer kinds known to train correctly under bf16 autocast (convolutions and linear layers
// in bf16, the others in whatever type reaches them). A new kind is fp32 under auto until
// it is checked: the switch has no default, so the compiler names it here.
bool runsUnderAutocast(LayerType type)
{
    switch (type) {
    case LayerType::Conv2d:
    case LayerType::MaxPool2d:
    case LayerType::AvgPool2d:
    case LayerType::GlobalAvgPool:
    case LayerType::Relu:
    case LayerType::BatchNorm2d:
    case LayerType::BatchNorm1d:
    case LayerType::Dropout:
    case LayerType::Flatten:
    case LayerType::Linear:
        return true;
    }
    return false;
}

} // namespace

bool TrainSettings::trainsInBf16(const ModelSpec &spec) const
{
    const std::optional<Precision> p = precisionFromString(precision);
    if (p == Precision::Bf16)
        return true;
    if (p != Precision::Auto || !cpuHasBf16())
        return false;
    return std::all_of(spec.layers.begin(), spec.layers.end(), [](const LayerSpec &l) { return runsUnderAutocast(l.type); });
}

} // namespace mlwb
