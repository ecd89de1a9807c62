#include "store/DatasetFiles.h"

#include "common/AtomicFolder.h"
#include "common/Error.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace mlwb::datasetfiles {
namespace {

const QString kImages = QStringLiteral("images.u8");
const QString kLabels = QStringLiteral("labels.u8");
const QString kSubsets = QStringLiteral("subsets.u8");
const QString kManifest = QStringLiteral("manifest.json");

struct ExpectedSizes {
    qint64 images = 0;
    qint64 labels = 0;
    qint64 subsets = 0;
};

ExpectedSizes expectedSizes(const DatasetVersion &v)
{
    const qint64 n = v.count();
    return {n * v.channels * v.height * v.width, n, n};
}

// A plain write: the folder is private until AtomicFolder::commit, which flushes it to disk.
void writeBytes(const QString &path, const char *data, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw Error(QStringLiteral("%1: cannot open for writing: %2").arg(path, file.errorString()));
    writeAllBytes(file, path, data, size);
    if (!file.flush())
        throw Error(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
}

void writeVector(const QString &path, const std::vector<std::uint8_t> &bytes)
{
    writeBytes(path, reinterpret_cast<const char *>(bytes.data()), qint64(bytes.size()));
}

QJsonObject readManifest(const QString &dir)
{
    const QString path = dir + u'/' + kManifest;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("%1: cannot read the data set manifest: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        throw Error(QStringLiteral("%1: not a valid manifest (offset %2: %3)")
                        .arg(path).arg(parseError.offset).arg(parseError.errorString()));
    const QJsonObject manifest = doc.object();
    if (manifest.value(QStringLiteral("manifestVersion")).toInt() > kManifestVersion)
        throw Error(QStringLiteral("%1: manifest version %2 is newer than this mlwb understands (%3)")
                        .arg(path).arg(manifest.value(QStringLiteral("manifestVersion")).toInt()).arg(kManifestVersion));
    return manifest;
}

// Throws when the file's size differs from what the manifest and the database expect.
void checkSize(const QString &dir, const QString &name, qint64 expected, const QJsonObject &files)
{
    const QString path = dir + u'/' + name;
    const QFileInfo info(path);
    if (!info.isFile())
        throw Error(QStringLiteral("%1: missing; the data set version is damaged, import it again").arg(path));
    // A JSON number can be 1e300: converting it to qint64 as it is would be undefined.
    const double number = files.value(name).toDouble(-1);
    const qint64 announced = number >= 0 && number < 0x1p62 ? qint64(number) : -1;
    if (announced != expected)
        throw Error(QStringLiteral("%1: the manifest announces %2 bytes but the data set needs %3; the data set "
                                   "version is damaged, import it again")
                        .arg(path).arg(announced).arg(expected));
    if (info.size() != expected)
        throw Error(QStringLiteral("%1: is %2 bytes but the manifest says %3; the data set version is damaged, "
                                   "import it again")
                        .arg(path).arg(info.size()).arg(expected));
}

void readInto(const QString &path, std::vector<std::uint8_t> &bytes, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    bytes.resize(size_t(size));
    qint64 done = 0;
    while (done < size) {
        const qint64 n = file.read(reinterpret_cast<char *>(bytes.data()) + done, size - done);
        if (n <= 0)
            throw Error(QStringLiteral("%1: read failed at offset %2 of %3: %4")
                            .arg(path).arg(done).arg(size).arg(file.errorString()));
        done += n;
    }
}

} // namespace

void write(const QString &dir, const Dataset &data, const DatasetVersion &version)
{
    writeVector(dir + u'/' + kImages, data.pixels);
    writeVector(dir + u'/' + kLabels, data.labels);
    writeVector(dir + u'/' + kSubsets, data.subsets);

    QJsonObject manifest = version.toJson();
    manifest.insert(QStringLiteral("manifestVersion"), kManifestVersion);
    manifest.insert(QStringLiteral("files"), QJsonObject{
                                                 {kImages, qint64(data.pixels.size())},
                                                 {kLabels, qint64(data.labels.size())},
                                                 {kSubsets, qint64(data.subsets.size())},
                                             });
    const QByteArray json = QJsonDocument(manifest).toJson(QJsonDocument::Indented);
    writeBytes(dir + u'/' + kManifest, json.constData(), json.size());
}

std::shared_ptr<Dataset> read(const QString &dir, const DatasetVersion &version)
{
    const QJsonObject files = readManifest(dir).value(QStringLiteral("files")).toObject();
    const ExpectedSizes sizes = expectedSizes(version);
    checkSize(dir, kImages, sizes.images, files);
    checkSize(dir, kLabels, sizes.labels, files);
    checkSize(dir, kSubsets, sizes.subsets, files);

    auto data = std::make_shared<Dataset>();
    data->channels = version.channels;
    data->height = version.height;
    data->width = version.width;
    data->classNames = version.classNames;
    readInto(dir + u'/' + kImages, data->pixels, sizes.images);
    readInto(dir + u'/' + kLabels, data->labels, sizes.labels);
    readInto(dir + u'/' + kSubsets, data->subsets, sizes.subsets);
    data->validate(dir);
    return data;
}

bool looksIntact(const QString &dir, const DatasetVersion &version)
{
    try {
        const QJsonObject files = readManifest(dir).value(QStringLiteral("files")).toObject();
        const ExpectedSizes sizes = expectedSizes(version);
        checkSize(dir, kImages, sizes.images, files);
        checkSize(dir, kLabels, sizes.labels, files);
        checkSize(dir, kSubsets, sizes.subsets, files);
        return true;
    } catch (const Error &) {
        return false;
    }
}

} // namespace mlwb::datasetfiles
