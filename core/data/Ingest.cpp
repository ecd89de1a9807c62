#include "data/Ingest.h"

#include "common/Error.h"
#include "data/CifarReader.h"
#include "data/ClassFolderReader.h"
#include "data/IdxReader.h"
#include "data/IngestSupport.h"
#include "data/NpzReader.h"
#include "data/PngCsvReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <array>

namespace mlwb {
namespace {

constexpr std::array allFormats = {SourceFormat::Auto,   SourceFormat::Idx,          SourceFormat::Npz,
                                   SourceFormat::PngCsv, SourceFormat::ClassFolders, SourceFormat::Cifar10};

bool startsWithZipHeader(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    // A local file header, or the end record of an archive with no entries.
    const QByteArray head = f.read(4);
    return head == QByteArray("PK\x03\x04", 4) || head == QByteArray("PK\x05\x06", 4);
}

} // namespace

QString formatName(SourceFormat format)
{
    switch (format) {
    case SourceFormat::Auto: return QStringLiteral("auto");
    case SourceFormat::Idx: return QStringLiteral("idx");
    case SourceFormat::Npz: return QStringLiteral("npz");
    case SourceFormat::PngCsv: return QStringLiteral("png-csv");
    case SourceFormat::ClassFolders: return QStringLiteral("class-folders");
    case SourceFormat::Cifar10: return QStringLiteral("cifar10");
    }
    return QStringLiteral("unknown");
}

SourceFormat parseFormat(const QString &name)
{
    QStringList valid;
    for (SourceFormat f : allFormats) {
        if (formatName(f).compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return f;
        valid << formatName(f);
    }
    throw UsageError(QStringLiteral("unknown data set format \"%1\"; valid formats: %2").arg(name, valid.join(QStringLiteral(", "))));
}

SourceFormat detectFormat(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        throw Error(QStringLiteral("%1: no such file or folder").arg(path));
    if (info.isFile()) {
        if (path.endsWith(QStringLiteral(".npz"), Qt::CaseInsensitive) || startsWithZipHeader(path))
            return SourceFormat::Npz;
        if (detail::looksLikeIdxImages(path))
            return SourceFormat::Idx;
        throw Error(QStringLiteral("%1: cannot tell the data set format of this file "
                                   "(expected an .npz archive or an IDX images file)").arg(path));
    }
    if (!detail::findIdxFile(path, QStringLiteral("train"), true).isEmpty()
        || !detail::findIdxFile(path, QStringLiteral("t10k"), true).isEmpty())
        return SourceFormat::Idx;
    if (!detail::cifarBatchFolder(path).isEmpty())
        return SourceFormat::Cifar10;
    if (detail::looksLikePngCsv(path))
        return SourceFormat::PngCsv;
    if (detail::looksLikeClassFolders(path))
        return SourceFormat::ClassFolders;
    const bool empty = QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot);
    throw Error(QStringLiteral("%1: cannot tell the data set format: %2")
                    .arg(path, empty ? QStringLiteral("the folder is empty")
                                     : QStringLiteral("no IDX files, CIFAR-10 batches, groundtruth.csv, "
                                                      "or class folders holding images")));
}

Dataset ingest(const QString &path, const IngestOptions &options)
{
    detail::checkOptions(options);
    const SourceFormat format = options.format == SourceFormat::Auto ? detectFormat(path) : options.format;
    Dataset data;
    switch (format) {
    case SourceFormat::Idx: data = detail::readIdx(path, options); break;
    case SourceFormat::Npz: data = detail::readNpz(path, options); break;
    case SourceFormat::PngCsv: data = detail::readPngCsv(path, options); break;
    case SourceFormat::ClassFolders: data = detail::readClassFolders(path, options); break;
    case SourceFormat::Cifar10: data = detail::readCifar10(path, options); break;
    case SourceFormat::Auto: break;
    }
    detail::throwIfCancelled(options.cancel);
    detail::conformImageSize(data, options, path);
    detail::assignTestSubsetIfMissing(data, options);
    data.validate(path);
    return data;
}

QStringList fashionMnistClassNames()
{
    return {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"), QStringLiteral("Pullover"),
            QStringLiteral("Dress"),       QStringLiteral("Coat"),    QStringLiteral("Sandal"),
            QStringLiteral("Shirt"),       QStringLiteral("Sneaker"), QStringLiteral("Bag"),
            QStringLiteral("Ankle boot")};
}

} // namespace mlwb
