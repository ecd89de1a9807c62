#include "models/ModelFiles.h"

#include "common/Error.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace mlwb {

namespace {

const int formatVersion = 1;

QJsonArray toArray(const std::vector<float> &values)
{
    QJsonArray array;
    for (float v : values)
        array.append(double(v));
    return array;
}

} // namespace

QString modelInfoPath(const QString &modelDir)
{
    return QDir(modelDir).filePath(QStringLiteral("model.json"));
}

QString modelWeightsPath(const QString &modelDir)
{
    return QDir(modelDir).filePath(QStringLiteral("weights.pt"));
}

QJsonObject ModelInfo::toJson() const
{
    QJsonObject json{
        {QStringLiteral("format"), formatVersion},
        {QStringLiteral("spec"), spec.toJson()},
        {QStringLiteral("classNames"), QJsonArray::fromStringList(classNames)},
        {QStringLiteral("channels"), channels},
        {QStringLiteral("height"), height},
        {QStringLiteral("width"), width},
        {QStringLiteral("mean"), toArray(mean)},
        {QStringLiteral("std"), toArray(std)},
        {QStringLiteral("parameterCount"), parameterCount},
    };
    if (!training.isEmpty())
        json.insert(QStringLiteral("training"), training);
    return json;
}

ModelInfo ModelInfo::fromJson(const QJsonObject &json, const QString &origin)
{
    auto fail = [&origin](const QString &what) { throw Error(QStringLiteral("%1: %2").arg(origin, what)); };
    const int format = json.value(QStringLiteral("format")).toInt(0);
    if (format != formatVersion)
        fail(QStringLiteral("unsupported model format %1 (this version reads %2)").arg(format).arg(formatVersion));
    ModelInfo info;
    info.spec = ModelSpec::fromJson(json.value(QStringLiteral("spec")).toObject(), origin);
    for (const QJsonValue &v : json.value(QStringLiteral("classNames")).toArray())
        info.classNames << v.toString();
    info.channels = json.value(QStringLiteral("channels")).toInt(0);
    info.height = json.value(QStringLiteral("height")).toInt(0);
    info.width = json.value(QStringLiteral("width")).toInt(0);
    info.parameterCount = json.value(QStringLiteral("parameterCount")).toInteger(-1);
    info.training = json.value(QStringLiteral("training")).toObject();
    auto readChannels = [&](const char *key, std::vector<float> &out) {
        for (const QJsonValue &v : json.value(QLatin1String(key)).toArray())
            out.push_back(float(v.toDouble()));
        if (int(out.size()) != info.channels)
            fail(QStringLiteral("\"%1\" needs one value per channel (%2), has %3")
                     .arg(QLatin1String(key)).arg(info.channels).arg(out.size()));
    };
    if (info.classNames.isEmpty())
        fail(QStringLiteral("\"classNames\" is missing or empty"));
    // Checks the geometry and the spec against each other (throws naming the layer).
    const qint64 counted = mlwb::parameterCount(info.spec, info.channels, info.height, info.width, info.numClasses());
    if (counted != info.parameterCount)
        fail(QStringLiteral("\"parameterCount\" is %1 but the spec has %2 parameters").arg(info.parameterCount).arg(counted));
    readChannels("mean", info.mean);
    readChannels("std", info.std);
    for (float s : info.std)
        if (!(s > 0))
            fail(QStringLiteral("\"std\" must be positive, got %1").arg(s));
    return info;
}

QString importedModelPath(const QString &modelDir)
{
    return QDir(modelDir).filePath(QStringLiteral("imported.pt"));
}

namespace {

ModelInfo readImportedInfo(const QString &path, const QJsonObject &json)
{
    ModelInfo info;
    info.spec.name = QStringLiteral("torchscript");
    for (const QJsonValue &v : json.value(QStringLiteral("classNames")).toArray())
        info.classNames << v.toString();
    info.channels = json.value(QStringLiteral("channels")).toInt(0);
    info.height = json.value(QStringLiteral("height")).toInt(0);
    info.width = json.value(QStringLiteral("width")).toInt(0);
    info.parameterCount = json.value(QStringLiteral("parameterCount")).toInteger(0);
    if (info.classNames.isEmpty() || info.channels < 1 || info.height < 1 || info.width < 1)
        throw Error(QStringLiteral("%1: needs classNames and a positive channels, height and width").arg(path));
    info.mean.assign(size_t(info.channels), 0.0f);
    info.std.assign(size_t(info.channels), 1.0f);
    info.training = json;
    return info;
}

} // namespace

ModelInfo readModelInfo(const QString &modelDir)
{
    const QString imported = QDir(modelDir).filePath(QStringLiteral("imported.json"));
    const bool isImported = QFile::exists(imported);
    const QString path = isImported ? imported : modelInfoPath(modelDir);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("%1: cannot read the model: %2").arg(path, file.errorString()));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        throw Error(QStringLiteral("%1: invalid JSON at offset %2: %3").arg(path).arg(error.offset).arg(error.errorString()));
    if (isImported)
        return readImportedInfo(path, doc.object());
    try {
        return ModelInfo::fromJson(doc.object(), path);
    } catch (const UsageError &e) {
        // A bad spec inside a model file is a broken file, not a usage mistake.
        throw Error(e.message());
    }
}

} // namespace mlwb
