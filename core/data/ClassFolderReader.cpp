#include "data/ClassFolderReader.h"

#include "common/Error.h"
#include "data/ImageDecode.h"
#include "data/IngestSupport.h"

#include <QDir>

#include <algorithm>

namespace mlwb::detail {
namespace {

QStringList sortedSubfolders(const QString &folder)
{
    QStringList names = QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Unsorted);
    std::sort(names.begin(), names.end());
    return names;
}

// root/train/ with class folders inside means the split layout (a class called "train"
// would have images directly in it instead).
bool hasSplitLayout(const QString &root)
{
    const QString train = QDir(root).filePath(QStringLiteral("train"));
    return QDir(train).exists() && !sortedSubfolders(train).isEmpty();
}

struct Part {
    QString folder;
    Subset subset;
};

} // namespace

bool looksLikeClassFolders(const QString &folder)
{
    const QString base = hasSplitLayout(folder) ? QDir(folder).filePath(QStringLiteral("train")) : folder;
    const QStringList classes = sortedSubfolders(base);
    return std::any_of(classes.begin(), classes.end(), [&](const QString &c) {
        return !sortedImageFiles(QDir(base).filePath(c)).isEmpty();
    });
}

Dataset readClassFolders(const QString &root, const IngestOptions &options)
{
    if (!QDir(root).exists())
        throw Error(QStringLiteral("%1: no such folder").arg(root));
    std::vector<Part> parts;
    if (hasSplitLayout(root)) {
        parts.push_back({QDir(root).filePath(QStringLiteral("train")), Subset::Train});
        const QString test = QDir(root).filePath(QStringLiteral("test"));
        if (QDir(test).exists())
            parts.push_back({test, Subset::Test});
    } else {
        parts.push_back({root, Subset::Train});
    }

    Dataset data;
    if (!options.classNames.isEmpty()) {
        data.classNames = options.classNames;
    } else {
        for (const Part &part : parts)
            for (const QString &name : sortedSubfolders(part.folder))
                if (!data.classNames.contains(name))
                    data.classNames << name;
        std::sort(data.classNames.begin(), data.classNames.end());
    }
    if (data.classNames.isEmpty())
        throw Error(QStringLiteral("%1: empty: no class folders in it (expected %1/<class>/*.png)").arg(root));

    QStringList files;
    for (const Part &part : parts) {
        for (const QString &name : sortedSubfolders(part.folder)) {
            const qsizetype label = data.classNames.indexOf(name);
            const QString classFolder = QDir(part.folder).filePath(name);
            if (label < 0)
                throw Error(QStringLiteral("%1: folder is not one of the classes (%2)")
                                .arg(classFolder, data.classNames.join(QStringLiteral(", "))));
            const QString prefix = classFolder + u'/';
            for (const QString &file : sortedImageFiles(classFolder)) {
                files << prefix + file;
                data.labels.push_back(std::uint8_t(label));
                data.subsets.push_back(std::uint8_t(part.subset));
            }
        }
        throwIfCancelled(options.cancel);
    }
    if (files.isEmpty())
        throw Error(QStringLiteral("%1: empty: its class folders (%2) hold no images")
                        .arg(root, data.classNames.join(QStringLiteral(", "))));
    decodeImagesInto(data, files, options);
    return data;
}

} // namespace mlwb::detail
