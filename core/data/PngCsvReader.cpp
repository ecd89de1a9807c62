#include "data/PngCsvReader.h"

#include "common/Error.h"
#include "data/ImageDecode.h"
#include "data/IngestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>

namespace mlwb::detail {
namespace {

const QString csvName = QStringLiteral("groundtruth.csv");

struct Row {
    QString file;   // path of the image
    QString label;  // as written
    QString csv;    // the CSV naming it (shared string data), and where in it
    qsizetype line;
    Subset subset;

    QString where() const { return QStringLiteral("%1: line %2").arg(csv).arg(line); }
};

// Splits one CSV line into fields: commas separate, double quotes may wrap a field and
// "" inside quotes is a quote.
QStringList splitCsvLine(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            fields << field.trimmed();
            field.clear();
        } else {
            field += c;
        }
    }
    fields << field.trimmed();
    return fields;
}

// Is `path` (canonical) `folder` (canonical) or inside it?
bool isInside(const QString &path, const QString &folder)
{
    return !path.isEmpty() && (path == folder || path.startsWith(folder.endsWith(u'/') ? folder : folder + u'/'));
}

// `root` is the data folder's canonical path: every image a CSV names must resolve, symlinks
// followed, to a file inside it. A downloaded data set must not be able to read (and store,
// and later show) files from elsewhere on the machine.
void readCsv(const QString &folder, const QString &root, Subset subset, std::vector<Row> &rows)
{
    const QString csvPath = QDir(folder).filePath(csvName);
    QString text = QString::fromUtf8(readWholeFile(csvPath));
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    const QStringList lines = text.split(u'\n');
    // One listing instead of one stat() per row: 70,000 rows must go fast. Plain files (not
    // symlinks) directly in a folder inside the data folder are inside it; any other name
    // is resolved and checked on its own.
    QSet<QString> plain;
    if (isInside(QFileInfo(folder).canonicalFilePath(), root)) {
        plain.reserve(lines.size());
        for (QDirIterator it(folder, QDir::Files); it.hasNext();) {
            const QFileInfo entry = it.nextFileInfo(); // its type comes with the listing: no stat
            if (!entry.isSymLink())
                plain.insert(entry.fileName());
        }
    }
    const QString prefix = folder.endsWith(u'/') ? folder : folder + u'/';
    auto exists = [&](const QString &name) { return plain.contains(name) || QFileInfo(prefix + name).isFile(); };
    const size_t firstRow = rows.size();
    bool firstContentLine = true;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        auto where = [&] { return QStringLiteral("%1: line %2").arg(csvPath).arg(i + 1); };
        const QStringList fields = splitCsvLine(line);
        const QString &name = fields[0];
        // A header is a first row whose first cell is neither an image name nor a file.
        if (firstContentLine) {
            firstContentLine = false;
            if (!hasImageExtension(name) && !exists(name))
                continue;
        }
        if (name.isEmpty())
            throw Error(QStringLiteral("%1: row has no file name (\"%2\")").arg(where(), line));
        if (fields.size() < 2 || fields[1].isEmpty())
            throw Error(QStringLiteral("%1: row has no label (\"%2\"); expected `file name,label`").arg(where(), line));
        if (!plain.contains(name)) {
            if (QDir::isAbsolutePath(name) || name.startsWith(u'\\'))
                throw Error(QStringLiteral("%1: file \"%2\" is an absolute path; names must be relative to the CSV's "
                                           "folder and stay inside the data folder %3").arg(where(), name, root));
            const QFileInfo info(prefix + name);
            if (!info.exists())
                throw Error(QStringLiteral("%1: file \"%2\" does not exist in %3").arg(where(), name, folder));
            const QString resolved = info.canonicalFilePath();
            if (!isInside(resolved, root))
                throw Error(QStringLiteral("%1: file \"%2\" lies outside the data folder %3 (it resolves to %4); "
                                           "it is not read").arg(where(), name, root, resolved));
            if (!info.isFile())
                throw Error(QStringLiteral("%1: \"%2\" is not a file").arg(where(), name));
        }
        rows.push_back({prefix + name, fields[1], csvPath, i + 1, subset});
    }
    if (rows.size() == firstRow)
        throw Error(QStringLiteral("%1: lists no images").arg(csvPath));
}

bool isNumber(const QString &text)
{
    bool ok = false;
    text.toInt(&ok);
    return ok;
}

// A class seen once among this many labels or more is more likely a typo than a class.
constexpr size_t singletonRuleMinRows = 1000;

// Refuses labels whose meaning is a guess: numbers mixed with names (are "0".."3" indices
// or names next to "cat"?), and a class that appears on one row only among thousands. The
// first row of the odd kind is named; the caller's class names settle both.
void refuseAmbiguousLabels(const std::vector<Row> &rows)
{
    // Per distinct label, not per row: 70,000 rows hold a handful of labels.
    QHash<QString, size_t> written;
    for (const Row &r : rows)
        ++written[r.label];
    size_t numberRows = 0;
    std::map<QString, size_t> classes; // numbers by value, so that "07" and "7" are one class
    for (auto it = written.cbegin(); it != written.cend(); ++it) {
        const bool number = isNumber(it.key());
        numberRows += number ? it.value() : 0;
        classes[number ? QString::number(it.key().toInt()) : it.key()] += it.value();
    }
    auto classOf = [](const QString &label) { return isNumber(label) ? QString::number(label.toInt()) : label; };
    const size_t nameRows = rows.size() - numberRows;
    if (numberRows > 0 && nameRows > 0) {
        const bool fewerNames = nameRows <= numberRows;
        const auto odd = std::find_if(rows.begin(), rows.end(), [&](const Row &r) { return isNumber(r.label) != fewerNames; });
        const auto other = std::find_if(rows.begin(), rows.end(), [&](const Row &r) { return isNumber(r.label) == fewerNames; });
        throw Error(QStringLiteral("%1 (%2): label \"%3\" is a %4, but %5 other labels are %6 (such as \"%7\"): "
                                   "ambiguous; give the class names (--classes) to say which classes are meant")
                        .arg(odd->where(), QFileInfo(odd->file).fileName(), odd->label,
                             fewerNames ? QStringLiteral("name") : QStringLiteral("number"))
                        .arg(fewerNames ? numberRows : nameRows)
                        .arg(fewerNames ? QStringLiteral("numbers") : QStringLiteral("names"), other->label));
    }
    if (rows.size() < singletonRuleMinRows)
        return;
    for (const auto &[label, count] : classes) {
        if (count != 1)
            continue;
        const QString &name = label; // clang before 16 cannot capture a structured binding
        const Row &r = *std::find_if(rows.begin(), rows.end(), [&](const Row &row) { return classOf(row.label) == name; });
        throw Error(QStringLiteral("%1 (%2): class \"%3\" appears on this row only, among %4 labels (a class with "
                                   "one sample in a data set of %5 or more is taken for a typo); give the class "
                                   "names (--classes) to accept it")
                        .arg(r.where(), QFileInfo(r.file).fileName(), r.label)
                        .arg(rows.size()).arg(singletonRuleMinRows));
    }
}

// Turns the labels as written into class indices and fills data.classNames.
std::vector<std::uint8_t> resolveLabels(const std::vector<Row> &rows, const QStringList &givenNames, Dataset &data)
{
    std::vector<std::uint8_t> labels(rows.size());
    if (givenNames.isEmpty())
        refuseAmbiguousLabels(rows);
    const bool allNumbers = std::all_of(rows.begin(), rows.end(), [](const Row &r) { return isNumber(r.label); });
    if (!givenNames.isEmpty()) {
        data.classNames = givenNames;
        for (size_t i = 0; i < rows.size(); ++i) {
            qsizetype index = givenNames.indexOf(rows[i].label);
            if (index < 0 && isNumber(rows[i].label)) {
                index = rows[i].label.toInt();
                if (index < 0 || index >= givenNames.size())
                    throw Error(QStringLiteral("%1: label %2 is outside the %3 classes (0..%4)")
                                    .arg(rows[i].where(), rows[i].label).arg(givenNames.size()).arg(givenNames.size() - 1));
            }
            if (index < 0)
                throw Error(QStringLiteral("%1: unknown class \"%2\" (classes: %3)")
                                .arg(rows[i].where(), rows[i].label, givenNames.join(QStringLiteral(", "))));
            labels[i] = std::uint8_t(index);
        }
    } else if (allNumbers) {
        int maxLabel = 0;
        for (const Row &r : rows) {
            const int v = r.label.toInt();
            if (v < 0 || v > 255)
                throw Error(QStringLiteral("%1: label %2 is outside 0..255").arg(r.where(), r.label));
            maxLabel = std::max(maxLabel, v);
        }
        for (int c = 0; c <= maxLabel; ++c)
            data.classNames << QString::number(c);
        for (size_t i = 0; i < rows.size(); ++i)
            labels[i] = std::uint8_t(rows[i].label.toInt());
    } else {
        std::map<QString, int> index;
        for (const Row &r : rows)
            index.emplace(r.label, 0);
        if (index.size() > 256)
            throw Error(QStringLiteral("%1: %2 distinct class names, at most 256 are supported")
                            .arg(rows.front().csv).arg(index.size()));
        for (auto &[name, i] : index) {
            i = int(data.classNames.size());
            data.classNames << name;
        }
        for (size_t i = 0; i < rows.size(); ++i)
            labels[i] = std::uint8_t(index[rows[i].label]);
    }
    return labels;
}

} // namespace

bool looksLikePngCsv(const QString &folder)
{
    const QDir dir(folder);
    return dir.exists(csvName) || dir.exists(QStringLiteral("train/") + csvName);
}

Dataset readPngCsv(const QString &root, const IngestOptions &options)
{
    const QDir dir(root);
    if (!dir.exists())
        throw Error(QStringLiteral("%1: no such folder").arg(root));
    const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
    std::vector<Row> rows;
    const bool hasTrain = dir.exists(QStringLiteral("train/") + csvName);
    const bool hasTest = dir.exists(QStringLiteral("test/") + csvName);
    if (hasTrain) {
        readCsv(dir.filePath(QStringLiteral("train")), canonicalRoot, Subset::Train, rows);
        if (hasTest)
            readCsv(dir.filePath(QStringLiteral("test")), canonicalRoot, Subset::Test, rows);
    } else if (hasTest) {
        throw Error(QStringLiteral("%1: has test/%2 but no train/%2").arg(root, csvName));
    } else if (dir.exists(csvName)) {
        readCsv(root, canonicalRoot, Subset::Train, rows);
    } else {
        throw Error(QStringLiteral("%1: no %2 in it nor in its train/ folder").arg(root, csvName));
    }
    throwIfCancelled(options.cancel);

    Dataset data;
    data.labels = resolveLabels(rows, options.classNames, data);
    QStringList files;
    files.reserve(qsizetype(rows.size()));
    data.subsets.reserve(rows.size());
    for (const Row &r : rows) {
        files << r.file;
        data.subsets.push_back(std::uint8_t(r.subset));
    }
    decodeImagesInto(data, files, options);
    return data;
}

} // namespace mlwb::detail
