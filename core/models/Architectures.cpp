// Built-in architectures (JSON in the resources) and resolving a user's choice to a spec.
#include "models/ModelSpec.h"

#include "common/Error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <mutex>

// The resources live in a static library: nothing references them, so the linker would
// drop them unless someone asks for them explicitly, once.
static void initLearningResources()
{
    static std::once_flag once;
    std::call_once(once, [] { Q_INIT_RESOURCE(resources); });
}

namespace mlwb {

namespace {

const QString builtinFolder = QStringLiteral(":/mlwb/models");

QJsonObject readJsonFile(const QString &path, const QString &origin)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw UsageError(QStringLiteral("%1: cannot read the model spec: %2").arg(origin, file.errorString()));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        throw UsageError(QStringLiteral("%1: invalid JSON at offset %2: %3").arg(origin).arg(error.offset).arg(error.errorString()));
    if (!doc.isObject())
        throw UsageError(QStringLiteral("%1: a model spec must be a JSON object with \"layers\"").arg(origin));
    return doc.object();
}

QStringList builtinNames()
{
    initLearningResources();
    QStringList names;
    for (const QFileInfo &info : QDir(builtinFolder).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        names << info.completeBaseName();
    return names;
}

ModelSpec loadBuiltin(const QString &name)
{
    const QString origin = QStringLiteral("built-in model \"%1\"").arg(name);
    ModelSpec spec = ModelSpec::fromJson(readJsonFile(builtinFolder + u'/' + name + QStringLiteral(".json"), origin), origin);
    spec.name = name;
    return spec;
}

} // namespace

QList<ArchitectureInfo> builtinArchitectures()
{
    QList<ArchitectureInfo> list;
    for (const QString &name : builtinNames()) {
        const ModelSpec spec = loadBuiltin(name);
        list.append({name, spec.description, parameterCount(spec, 1, 28, 28, 10)});
    }
    return list;
}

ModelSpec resolveArchitecture(const QString &nameOrJsonPath)
{
    const QStringList names = builtinNames();
    if (names.contains(nameOrJsonPath))
        return loadBuiltin(nameOrJsonPath);
    const QFileInfo info(nameOrJsonPath);
    if (!info.isFile())
        throw UsageError(QStringLiteral("unknown architecture \"%1\": use one of %2, or the path of a JSON model spec")
                             .arg(nameOrJsonPath, names.join(QStringLiteral(", "))));
    ModelSpec spec = ModelSpec::fromJson(readJsonFile(info.filePath(), info.filePath()), info.filePath());
    if (spec.name.isEmpty())
        spec.name = info.completeBaseName();
    return spec;
}

} // namespace mlwb
