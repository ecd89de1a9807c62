#include "store/DatasetStore.h"

#include "common/Error.h"
#include "common/Log.h"
#include "common/AtomicFolder.h"
#include "store/DatasetFiles.h"
#include "store/Workspace.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace mlwb {
namespace {

const QString kColumns = QStringLiteral(
    "id, name, format, source, created_at, channels, height, width, class_names_json, train_count, test_count, "
    "validation_fraction, split_seed");

DatasetVersion versionFromRow(const QSqlQuery &q)
{
    DatasetVersion v;
    v.id = q.value(0).toString();
    v.name = q.value(1).toString();
    v.format = q.value(2).toString();
    v.source = q.value(3).toString();
    v.created = fromSqlTime(q.value(4));
    v.channels = q.value(5).toInt();
    v.height = q.value(6).toInt();
    v.width = q.value(7).toInt();
    for (const QJsonValue &name : QJsonDocument::fromJson(q.value(8).toByteArray()).array())
        v.classNames << name.toString();
    v.trainCount = q.value(9).toLongLong();
    v.testCount = q.value(10).toLongLong();
    v.validationFraction = q.value(11).toDouble();
    v.splitSeed = quint64(q.value(12).toLongLong()); // stored as the same 64 bits, signed
    return v;
}

QList<DatasetVersion> versions(QSqlQuery query)
{
    QList<DatasetVersion> result;
    while (query.next())
        result << versionFromRow(query);
    return result;
}

bool isHex(const QString &text)
{
    for (const QChar c : text)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    return !text.isEmpty();
}

} // namespace

QJsonObject DatasetVersion::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("format"), format},
        {QStringLiteral("source"), source},
        {QStringLiteral("created"), toSqlTime(created)},
        {QStringLiteral("channels"), channels},
        {QStringLiteral("height"), height},
        {QStringLiteral("width"), width},
        {QStringLiteral("classNames"), QJsonArray::fromStringList(classNames)},
        {QStringLiteral("trainCount"), trainCount},
        {QStringLiteral("testCount"), testCount},
        {QStringLiteral("validationFraction"), validationFraction},
        // A JSON number (a double) cannot hold every 64-bit seed.
        {QStringLiteral("splitSeed"), QString::number(splitSeed)},
    };
}

std::optional<DatasetVersion> DatasetStore::byId(const QString &id) const
{
    const QList<DatasetVersion> found =
        versions(m_workspace.database().exec(QStringLiteral("SELECT %1 FROM datasets WHERE id = ?").arg(kColumns), {id}));
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

std::optional<DatasetVersion> DatasetStore::find(const QString &ref) const
{
    const QString key = ref.trimmed();
    if (key.isEmpty())
        return std::nullopt;
    if (auto exact = byId(key))
        return exact;

    const Database &db = m_workspace.database();
    const QList<DatasetVersion> named = versions(db.exec(
        QStringLiteral("SELECT %1 FROM datasets WHERE name = ? ORDER BY created_at DESC, rowid DESC LIMIT 1").arg(kColumns),
        {key}));
    if (!named.isEmpty())
        return named.first();

    const QString prefix = key.toLower();
    if (prefix.size() < kMinimumPrefix || !isHex(prefix))
        return std::nullopt;
    const QList<DatasetVersion> matches = versions(db.exec(
        QStringLiteral("SELECT %1 FROM datasets WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 5").arg(kColumns),
        {qint64(prefix.size()), prefix}));
    if (matches.size() > 1) {
        QStringList ids;
        for (const DatasetVersion &v : matches)
            ids << v.id.left(12);
        throw UsageError(QStringLiteral("\"%1\" matches several data set versions (%2...); give more characters")
                             .arg(ref, ids.join(QStringLiteral("..., "))));
    }
    if (matches.isEmpty())
        return std::nullopt;
    return matches.first();
}

DatasetVersion DatasetStore::require(const QString &ref) const
{
    if (auto v = find(ref))
        return *v;
    throw UsageError(QStringLiteral("%1: no data set version is called or starts with \"%2\" (give a name, an id or "
                                    "at least %3 characters of one)")
                         .arg(m_workspace.root(), ref)
                         .arg(kMinimumPrefix));
}

QList<DatasetVersion> DatasetStore::list() const
{
    return versions(m_workspace.database().exec(
        QStringLiteral("SELECT %1 FROM datasets ORDER BY created_at DESC, rowid DESC").arg(kColumns)));
}

DatasetStore::SaveResult DatasetStore::save(const Dataset &data, const QString &name, const QString &format,
                                            const QString &source, double validationFraction,
                                            quint64 splitSeed) const
{
    if (name.trimmed().isEmpty())
        throw UsageError(QStringLiteral("a data set version needs a name"));
    if (!(validationFraction >= 0.0 && validationFraction < 1.0))
        throw UsageError(QStringLiteral("validation fraction %1 is outside [0, 1)").arg(validationFraction));
    data.validate(QStringLiteral("data set \"%1\"").arg(name));

    DatasetVersion version;
    version.id = data.contentHash();
    if (auto existing = byId(version.id))
        return {*existing, false};

    version.name = name.trimmed();
    version.format = format;
    version.source = source;
    version.created = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    version.channels = data.channels;
    version.height = data.height;
    version.width = data.width;
    version.classNames = data.classNames;
    version.trainCount = data.count(Subset::Train);
    version.testCount = data.count(Subset::Test);
    version.validationFraction = validationFraction;
    version.splitSeed = splitSeed;

    // Content-addressed: an intact folder with this id (left by a save that died before its
    // row, or being saved by another process right now) already holds these bytes.
    const QString dir = m_workspace.datasetDir(version.id);
    bool wroteFolder = false;
    if (!datasetfiles::looksIntact(dir, version)) {
        writeDirectoryAtomically(
            dir, [&](const QString &partial) { datasetfiles::write(partial, data, version); },
            /*replaceExisting=*/true);
        wroteFolder = true;
    }

    const Database &db = m_workspace.database();
    try {
        return db.transaction([&]() -> SaveResult {
            if (auto existing = byId(version.id)) // saved by another process meanwhile
                return {*existing, false};
            db.exec(QStringLiteral("INSERT INTO datasets(%1) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").arg(kColumns),
                    {version.id, version.name, sqlText(version.format), sqlText(version.source),
                     toSqlTime(version.created), version.channels, version.height, version.width,
                     QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(version.classNames))
                                           .toJson(QJsonDocument::Compact)),
                     version.trainCount, version.testCount, version.validationFraction, qint64(version.splitSeed)});
            return {version, true};
        });
    } catch (...) {
        if (wroteFolder)
            removeDirectoryQuietly(dir);
        throw;
    }
}

DatasetPtr DatasetStore::load(const QString &ref, bool verifyContent) const
{
    const DatasetVersion version = require(ref);
    const QString dir = m_workspace.datasetDir(version.id);
    std::shared_ptr<Dataset> data = datasetfiles::read(dir, version);
    if (verifyContent) {
        const QString actual = data->contentHash();
        if (actual != version.id)
            throw Error(QStringLiteral("%1: the content hash is %2 instead of the version id; the data set version is "
                                       "damaged, import it again")
                            .arg(dir, actual));
    }
    spdlog::debug("loaded data set {} ({} images) from {}", version.name, data->size(), dir);
    return data;
}

} // namespace mlwb
