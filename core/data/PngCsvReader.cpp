#include "data/PngCsvReader.h"

#include "common/Error.h"
#include "data/ImageDecode.h"
#include "data/IngestSupport.h"

#include <QDir>
#include <QFileInfo>
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

void readCsv(const QString &folder, Subset subset, std::vector<Row> &rows)
{
    const QString csvPath = QDir(folder).filePath(csvName);
    QString text = QString::fromUtf8(readWholeFile(csvPath));
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    // One listing instead of one stat() per row: 70,000 rows must go fast.
    const QStringList entries = QDir(folder).entryList(QDir::Files, QDir::Unsorted);
    const QSet<QString> present(entries.begin(), entries.end());
    const QString prefix = folder.endsWith(u'/') ? folder : folder + u'/';
    auto exists = [&](const QString &name) {
        return name.contains(u'/') ? QFileInfo(prefix + name).isFile() : present.contains(name);
    };
    const QStringList lines = text.split(u'\n');
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
        if (!exists(name))
            throw Error(QStringLiteral("%1: file \"%2\" does not exist in %3").arg(where(), name, folder));
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

// Turns the labels as written into class indices and fills data.classNames.
std::vector<std::uint8_t> resolveLabels(const std::vector<Row> &rows, const QStringList &givenNames, Dataset &data)
{
    std::vector<std::uint8_t> labels(rows.size());
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
    std::vector<Row> rows;
    const bool hasTrain = dir.exists(QStringLiteral("train/") + csvName);
    const bool hasTest = dir.exists(QStringLiteral("test/") + csvName);
    if (hasTrain) {
        readCsv(dir.filePath(QStringLiteral("train")), Subset::Train, rows);
        if (hasTest)
            readCsv(dir.filePath(QStringLiteral("test")), Subset::Test, rows);
    } else if (hasTest) {
        throw Error(QStringLiteral("%1: has test/%2 but no train/%2").arg(root, csvName));
    } else if (dir.exists(csvName)) {
        readCsv(root, Subset::Train, rows);
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
