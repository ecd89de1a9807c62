// One folder per class, read by ingest(). Part 0 lists the tree, one entry a line:
//   cat/a.png        a file; its content is the next unused part (empty when none is left)
//   train/cat/       a folder
//   loop -> ..       a symlink (relative targets only; made after every file and folder)
// Names with "..", absolute names and names through a symlink are skipped: the harness
// writes only inside its scratch folder.
#include "FuzzSupport.h"

#include "data/Ingest.h"


using namespace mlwb;

namespace {

bool safeName(const QString &name)
{
    if (name.isEmpty() || name.startsWith(u'/') || name.contains(u'\\') || name.size() > 64)
        return false;
    const QStringList segments = name.split(u'/', Qt::SkipEmptyParts);
    return !segments.isEmpty() && !segments.contains(QStringLiteral("..")) && !segments.contains(QStringLiteral("."));
}

// A relative target of at most one "..": from the data folder it reaches the scratch
// folder and no further.
bool safeTarget(const QString &target)
{
    return !target.isEmpty() && !target.startsWith(u'/') && target.count(QStringLiteral("..")) <= 1;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const std::vector<QByteArray> parts = fuzz::splitParts(data, size, 17);
    const QString dir = fuzz::Scratch::instance().fresh();
    size_t nextPart = 1;
    std::vector<std::pair<QString, QString>> links;
    int entries = 0;
    for (const QByteArray &raw : parts[0].split('\n')) {
        if (++entries > 32)
            break;
        const QString line = QString::fromUtf8(raw).trimmed();
        const qsizetype arrow = line.indexOf(QStringLiteral(" -> "));
        if (arrow >= 0) {
            const QString name = line.left(arrow), target = line.mid(arrow + 4);
            if (safeName(name) && safeTarget(target))
                links.emplace_back(name, target);
        } else if (line.endsWith(u'/')) {
            if (safeName(line))
                QDir().mkpath(dir + u'/' + line);
        } else if (safeName(line) && !QFileInfo(dir + u'/' + line).isDir()) {
            const QString path = dir + u'/' + line;
            if (QDir().mkpath(QFileInfo(path).path()))
                fuzz::tryWriteFile(path, nextPart < parts.size() ? parts[nextPart++] : QByteArray());
        }
    }
    // A link is made only in an existing real folder of the tree, not through another link: the
    // targets' single ".." then leads at most to the scratch folder.
    const QString canonicalDir = QFileInfo(dir).canonicalFilePath();
    for (const auto &[name, target] : links) {
        const QString path = dir + u'/' + name;
        const QString parent = QFileInfo(path).path();
        const QString relativeParent = QFileInfo(name).path();
        const QString expected = relativeParent == QStringLiteral(".") ? canonicalDir : canonicalDir + u'/' + relativeParent;
        if (QFileInfo(parent).canonicalFilePath() == expected)
            QFile::link(target, path);
    }
    fuzz::expectOnlyErrors([&] { ingest(dir, fuzz::ingestOptions(SourceFormat::ClassFolders, data, size)); });
    return 0;
}
