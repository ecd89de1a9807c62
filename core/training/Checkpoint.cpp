#include "training/CheckpointTorch.h"

#include "common/AtomicFolder.h"
#include "common/Error.h"

#include <QJsonDocument>
#include <sstream>

namespace mlwb {

namespace {

QString torchMessage(const c10::Error &e)
{
    return QString::fromStdString(e.what_without_backtrace());
}

torch::serialize::InputArchive openArchive(const QString &path)
{
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(path.toStdString());
    } catch (const c10::Error &e) {
        throw Error(QStringLiteral("%1: cannot read the checkpoint: %2").arg(path, torchMessage(e)));
    }
    return archive;
}

} // namespace

void saveCheckpoint(const QString &path, Network &network, torch::optim::Optimizer &optimizer, const QJsonObject &meta)
{
    std::ostringstream bytes;
    try {
        torch::serialize::OutputArchive archive, model, state;
        network->save(model);
        optimizer.save(state);
        archive.write("model", model);
        archive.write("optimizer", state);
        archive.write("meta", c10::IValue(QJsonDocument(meta).toJson(QJsonDocument::Compact).toStdString()));
        archive.save_to(bytes);
    } catch (const c10::Error &e) {
        throw Error(QStringLiteral("%1: cannot write the checkpoint: %2").arg(path, torchMessage(e)));
    }
    const std::string data = bytes.str();
    writeFileAtomically(path, data.data(), qint64(data.size())); // a kill leaves the previous checkpoint
}

QJsonObject readCheckpointMeta(const QString &path)
{
    torch::serialize::InputArchive archive = openArchive(path);
    c10::IValue meta;
    try {
        archive.read("meta", meta);
    } catch (const c10::Error &e) {
        throw Error(QStringLiteral("%1: the checkpoint has no metadata: %2").arg(path, torchMessage(e)));
    }
    if (!meta.isString())
        throw Error(QStringLiteral("%1: the checkpoint's metadata is not text").arg(path));
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(meta.toStringRef()));
    if (!doc.isObject())
        throw Error(QStringLiteral("%1: the checkpoint's metadata is not a JSON object").arg(path));
    return doc.object();
}

void loadCheckpoint(const QString &path, Network &network, torch::optim::Optimizer &optimizer)
{
    torch::serialize::InputArchive archive = openArchive(path);
    try {
        torch::serialize::InputArchive model, state;
        archive.read("model", model);
        archive.read("optimizer", state);
        network->load(model);
        optimizer.load(state);
    } catch (const c10::Error &e) {
        throw Error(QStringLiteral("%1: cannot restore the checkpoint: %2").arg(path, torchMessage(e)));
    }
}

} // namespace mlwb
