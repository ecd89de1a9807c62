#include "production/SampleStore.h"

#include "common/Error.h"
#include "data/PngEncode.h"
#include "production/Sha256.h"
#include "common/AtomicFolder.h"
#include "store/Workspace.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QSysInfo>
#include <QtEndian>

#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace mlwb {

namespace {

const QString kSelectSamples = QStringLiteral(
    "SELECT s.id, s.source, s.image_hash, i.path, s.original_name, s.input, s.channels, s.height, s.width, "
    "s.model_id, s.predicted, s.probabilities_json, s.embedding, s.created_at, s.label, s.discarded, "
    "s.labeled_by, s.labeled_at "
    "FROM production_samples s JOIN production_images i ON i.hash = s.image_hash");

bool isPng(const QByteArray &bytes)
{
    static const char signature[] = "\x89PNG\r\n\x1a\n";
    return bytes.size() > 8 && std::memcmp(bytes.constData(), signature, 8) == 0;
}

// The input as the picture it is: grey for one channel, RGB for three (planes interleaved);
// other channel counts show their first plane.
QImage inputImage(const ProductionSample &s)
{
    const size_t plane = size_t(s.width) * size_t(s.height);
    if (s.channels == 3) {
        QImage image(s.width, s.height, QImage::Format_RGB888);
        for (int y = 0; y < s.height; ++y) {
            uchar *row = image.scanLine(y);
            for (int x = 0; x < s.width; ++x)
                for (int c = 0; c < 3; ++c)
                    row[3 * x + c] = s.input[size_t(c) * plane + size_t(y) * size_t(s.width) + size_t(x)];
        }
        return image;
    }
    QImage image(s.width, s.height, QImage::Format_Grayscale8);
    for (int y = 0; y < s.height; ++y)
        std::memcpy(image.scanLine(y), s.input.data() + size_t(y) * size_t(s.width), size_t(s.width));
    return image;
}

QString inputHash(const ProductionSample &s)
{
    const QByteArray header = "mlwb-input " + QByteArray::number(s.channels) + 'x' + QByteArray::number(s.height) + 'x'
                              + QByteArray::number(s.width) + '\n';
    const QByteArrayView input(reinterpret_cast<const char *>(s.input.data()), qsizetype(s.input.size()));
    return QString::fromLatin1(sha256({header, input}).toHex());
}

// Compact JSON, each value the shortest text that reads back as the same float.
QString probabilitiesJson(const std::vector<float> &values)
{
    QByteArray text;
    text.reserve(qsizetype(values.size()) * 12 + 2);
    text += '[';
    char buffer[32];
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            text += ',';
        if (!std::isfinite(values[i])) {
            text += "null";
            continue;
        }
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, values[i]);
        text.append(buffer, qsizetype(result.ptr - buffer));
    }
    text += ']';
    return QString::fromLatin1(text);
}

std::vector<float> parseProbabilities(const QString &json)
{
    const QByteArray text = json.toLatin1();
    std::vector<float> values;
    const char *p = text.constData(), *end = p + text.size();
    while (p < end) {
        while (p < end && (*p == '[' || *p == ',' || *p == ' ' || *p == ']'))
            ++p;
        if (p >= end)
            break;
        if (end - p >= 4 && std::strncmp(p, "null", 4) == 0) {
            values.push_back(std::numeric_limits<float>::quiet_NaN());
            p += 4;
            continue;
        }
        float v = 0;
        const auto result = std::from_chars(p, end, v);
        if (result.ec != std::errc())
            break; // not ours; what was read so far is all we can say
        values.push_back(v);
        p = result.ptr;
    }
    return values;
}

QByteArray floatsLittleEndian(const std::vector<float> &values)
{
    QByteArray bytes(qsizetype(values.size() * sizeof(float)), Qt::Uninitialized);
    if constexpr (QSysInfo::ByteOrder == QSysInfo::LittleEndian)
        std::memcpy(bytes.data(), values.data(), size_t(bytes.size()));
    else
        qToLittleEndian<float>(values.data(), qsizetype(values.size()), bytes.data());
    return bytes;
}

std::vector<float> floatsFromLittleEndian(const QByteArray &bytes)
{
    std::vector<float> values(size_t(bytes.size()) / sizeof(float));
    if constexpr (QSysInfo::ByteOrder == QSysInfo::LittleEndian)
        std::memcpy(values.data(), bytes.constData(), values.size() * sizeof(float));
    else
        qFromLittleEndian<float>(bytes.constData(), qsizetype(values.size()), values.data());
    return values;
}

ProductionSample sampleFromRow(const QSqlQuery &q)
{
    ProductionSample s;
    s.id = q.value(0).toLongLong();
    s.source = sampleSourceFromString(q.value(1).toString()).value_or(SampleSource::Api);
    s.imageHash = q.value(2).toString();
    s.imagePath = q.value(3).toString();
    s.originalName = q.value(4).toString();
    const QByteArray input = q.value(5).toByteArray();
    s.input.assign(reinterpret_cast<const std::uint8_t *>(input.constData()),
                   reinterpret_cast<const std::uint8_t *>(input.constData()) + input.size());
    s.channels = q.value(6).toInt();
    s.height = q.value(7).toInt();
    s.width = q.value(8).toInt();
    s.modelId = q.value(9).isNull() ? 0 : q.value(9).toLongLong();
    s.predicted = q.value(10).toInt();
    s.probabilities = parseProbabilities(q.value(11).toString());
    if (!q.value(12).isNull())
        s.embedding = floatsFromLittleEndian(q.value(12).toByteArray());
    s.created = fromSqlTime(q.value(13));
    if (!q.value(14).isNull())
        s.label = q.value(14).toInt();
    s.discarded = q.value(15).toInt() != 0;
    s.labeledBy = q.value(16).toString();
    s.labeledAt = fromSqlTime(q.value(17));
    return s;
}

// " WHERE ..." (or nothing) for a filter, with its values.
QString whereClause(const SampleFilter &f, QVariantList &values)
{
    QStringList conditions;
    if (f.source) {
        conditions << QStringLiteral("s.source = ?");
        values << sampleSourceName(*f.source);
    }
    switch (f.labelState) {
    case SampleFilter::LabelState::Any:
        break;
    case SampleFilter::LabelState::Unlabeled:
        conditions << QStringLiteral("s.label IS NULL AND s.discarded = 0");
        break;
    case SampleFilter::LabelState::Labeled:
        conditions << QStringLiteral("s.label IS NOT NULL AND s.discarded = 0");
        break;
    case SampleFilter::LabelState::Discarded:
        conditions << QStringLiteral("s.discarded <> 0");
        break;
    }
    if (f.from.isValid()) {
        conditions << QStringLiteral("s.created_at >= ?");
        values << toSqlTime(f.from);
    }
    if (f.to.isValid()) {
        conditions << QStringLiteral("s.created_at < ?");
        values << toSqlTime(f.to);
    }
    if (f.predicted) {
        conditions << QStringLiteral("s.predicted = ?");
        values << *f.predicted;
    }
    if (f.afterId > 0) {
        conditions << QStringLiteral("s.id > ?");
        values << f.afterId;
    }
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

struct ImageFile {
    QString path;
    QByteArray png;
};

// The batch's new images, each as writeFileAtomically would write it (a temporary file beside
// it, the data on disk, then renamed into place: a reader sees all of it or nothing), but with
// one flush of the file system for the batch instead of one fsync per image: a stream of new
// inputs would otherwise wait for the disk once per image.
void writeImageFiles(const std::vector<ImageFile> &files)
{
#ifdef Q_OS_LINUX
    if (files.size() > 1) {
        std::vector<QString> temporaries;
        try {
            QSet<QString> folders;
            for (const ImageFile &f : files) {
                const QString folder = QFileInfo(f.path).absolutePath();
                if (!folders.contains(folder)) {
                    if (!QDir().mkpath(folder))
                        throw Error(QStringLiteral("%1: cannot create the folder %2").arg(f.path, folder));
                    folders.insert(folder);
                }
                temporaries.push_back(f.path + QStringLiteral(".partial-")
                                      + QString::number(QRandomGenerator::global()->generate64(), 36));
                QFile out(temporaries.back());
                if (!out.open(QIODevice::WriteOnly) || out.write(f.png) != f.png.size() || !out.flush())
                    throw Error(QStringLiteral("%1: cannot write: %2").arg(f.path, out.errorString()));
            }
            const QByteArray folder = QFile::encodeName(*folders.cbegin());
            const int fd = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            const bool synced = fd >= 0 && ::syncfs(fd) == 0;
            if (fd >= 0)
                ::close(fd);
            if (!synced)
                throw Error(QStringLiteral("%1: cannot flush the new images to disk").arg(QString::fromLocal8Bit(folder)));
            for (size_t i = 0; i < files.size(); ++i) {
                if (::rename(QFile::encodeName(temporaries[i]).constData(), QFile::encodeName(files[i].path).constData()) != 0)
                    throw Error(QStringLiteral("%1: cannot save: %2").arg(files[i].path, QString::fromLocal8Bit(std::strerror(errno))));
                temporaries[i].clear();
            }
        } catch (...) {
            for (const QString &t : temporaries)
                if (!t.isEmpty())
                    QFile::remove(t);
            throw;
        }
        return;
    }
#endif
    for (const ImageFile &f : files)
        writeFileAtomically(f.path, f.png);
}

// What add() works out for one sample before touching the database.
struct Staged {
    QString hash;
    QString path;
    int width = 0, height = 0;
    bool writeImage = false; // the first of its hash in the batch, not stored yet
};

const QString kKnownImageSql = QStringLiteral("SELECT 1 FROM production_images WHERE hash = ?");
const QString kInsertImageSql = QStringLiteral(
    "INSERT INTO production_images (hash, path, width, height, created_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (hash) DO NOTHING");
const QString kInsertSampleSql = QStringLiteral(
    "INSERT INTO production_samples (source, image_hash, original_name, input, channels, height, width, "
    "model_id, predicted, probabilities_json, embedding, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

} // namespace

// Preparing costs SQLite a parse and Qt a few allocations per statement and batch: a writer
// that stores a small batch every few hundred microseconds prepares them once.
struct SampleWriter::Statements {
    const Database *database = nullptr;
    QString connection;
    QSqlQuery known, image, row;
    // What `row` has bound (Qt keeps bound values across exec()): a value equal to the last
    // row's is not bound again, as binding costs Qt a hash look-up and an allocation each
    // (~20% of the writer's time with twelve values a row). Never for the blobs that point
    // into a sample (see rowBlobs): they would point into freed memory by the next batch.
    QVariantList rowBound;
};

namespace {

constexpr int kRowInputBlob = 3; // kInsertSampleSql's input: a QByteArray over the sample's memory

// Whether binding b after a gives the database the same value: the same type, and for text and
// blobs also the same null-ness (a null string is NULL, an empty one '').
bool sameBinding(const QVariant &a, const QVariant &b)
{
    if (a.metaType() != b.metaType())
        return false;
    if (a.metaType() == QMetaType::fromType<QString>()) {
        const auto &x = *static_cast<const QString *>(a.constData()), &y = *static_cast<const QString *>(b.constData());
        return x.isNull() == y.isNull() && x == y;
    }
    if (a.metaType() == QMetaType::fromType<QByteArray>()) {
        const auto &x = *static_cast<const QByteArray *>(a.constData()), &y = *static_cast<const QByteArray *>(b.constData());
        return x.isNull() == y.isNull() && x == y;
    }
    return a == b;
}

// `values` into the writer's row statement, binding only what changed since its last row.
void runRow(const Database &db, SampleWriter::Statements &statements, const QVariantList &values)
{
    QVariantList &bound = statements.rowBound;
    const bool all = bound.size() != values.size();
    if (all)
        bound = QVariantList(values.size());
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (all || i == kRowInputBlob || !sameBinding(bound[i], values[i])) {
            statements.row.bindValue(int(i), values[i]);
            bound[i] = i == kRowInputBlob ? QVariant() : values[i];
        }
    }
    if (!statements.row.exec()) {
        // Database::run names the statement and the error, and raises DatabaseBusy when it is one.
        bound.clear();
        db.run(statements.row, values);
    }
}

} // namespace

SampleWriter::SampleWriter() = default;
SampleWriter::~SampleWriter() = default;

QString SampleStore::imageRelativePath(const QString &hash)
{
    return QStringLiteral("production/samples/%1/%2.png").arg(hash.left(2), hash);
}

QString SampleStore::absoluteImagePath(const ProductionSample &sample) const
{
    return m_workspace.absolute(sample.imagePath.isEmpty() ? imageRelativePath(sample.imageHash) : sample.imagePath);
}

QList<qint64> SampleStore::add(std::vector<NewSample> samples) const
{
    return add(samples, nullptr, nullptr);
}

QList<qint64> SampleStore::add(std::vector<NewSample> samples, QSet<QString> *knownImages) const
{
    return add(samples, knownImages, nullptr);
}

QList<qint64> SampleStore::add(std::vector<NewSample> samples, SampleWriter &writer) const
{
    return add(samples, &writer.knownImages, &writer);
}

QList<qint64> SampleStore::add(std::vector<NewSample> &samples, QSet<QString> *knownImages, SampleWriter *writer) const
{
    if (samples.empty())
        return {};
    const Database &db = m_workspace.database();
    const auto prepared = [&db](const QString &connection) {
        return std::make_unique<SampleWriter::Statements>(SampleWriter::Statements{
            &db, connection, db.prepare(kKnownImageSql), db.prepare(kInsertImageSql), db.prepare(kInsertSampleSql)});
    };
    std::unique_ptr<SampleWriter::Statements> local;
    SampleWriter::Statements *statements = nullptr;
    if (writer) {
        const QString connection = db.connection().connectionName();
        if (!writer->statements || writer->statements->database != &db || writer->statements->connection != connection)
            writer->statements = prepared(connection);
        statements = writer->statements.get();
    } else {
        local = prepared(QString());
        statements = local.get();
    }

    // Hash every sample; originals that are not PNG become PNG.
    std::vector<Staged> staged(samples.size());
    for (size_t i = 0; i < samples.size(); ++i) {
        NewSample &n = samples[i];
        const ProductionSample &s = n.sample;
        if (s.channels <= 0 || s.height <= 0 || s.width <= 0
            || s.input.size() != size_t(s.channels) * size_t(s.height) * size_t(s.width))
            throw UsageError(QStringLiteral("a production sample's input has %1 values, not %2×%3×%4")
                                 .arg(s.input.size()).arg(s.channels).arg(s.height).arg(s.width));
        Staged &st = staged[i];
        if (n.originalPng.isEmpty()) {
            st.hash = inputHash(s);
            st.width = s.width;
            st.height = s.height;
        } else {
            if (!isPng(n.originalPng)) {
                const QImage image = QImage::fromData(n.originalPng);
                if (image.isNull())
                    throw UsageError(QStringLiteral("the original image of a production sample (%1) is not an image")
                                         .arg(s.originalName.isEmpty() ? QStringLiteral("%1 bytes").arg(n.originalPng.size())
                                                                       : s.originalName));
                n.originalPng = encodePng(image);
                n.originalWidth = image.width();
                n.originalHeight = image.height();
            }
            if (n.originalWidth <= 0 || n.originalHeight <= 0) {
                QBuffer buffer(&n.originalPng);
                buffer.open(QIODevice::ReadOnly);
                const QSize size = QImageReader(&buffer, "PNG").size();
                n.originalWidth = std::max(0, size.width());
                n.originalHeight = std::max(0, size.height());
            }
            st.hash = QString::fromLatin1(sha256({n.originalPng}).toHex());
            st.width = n.originalWidth;
            st.height = n.originalHeight;
        }
        st.path = imageRelativePath(st.hash);
    }

    // Which images are new (a hash in the table has its file: the file is written first).
    {
        QSet<QString> seen;
        for (Staged &st : staged) {
            if (seen.contains(st.hash) || (knownImages && knownImages->contains(st.hash)))
                continue;
            seen.insert(st.hash);
            QSqlQuery &known = statements->known;
            db.run(known, {st.hash});
            st.writeImage = !known.next();
            known.finish();
        }
    }
    std::vector<ImageFile> files;
    for (size_t i = 0; i < samples.size(); ++i) {
        if (!staged[i].writeImage)
            continue;
        QString file = m_workspace.absolute(staged[i].path);
        if (QFileInfo::exists(file))
            continue; // left by a batch that rolled back: content-addressed, so the same bytes
        files.push_back({std::move(file), samples[i].originalPng.isEmpty() ? encodePng(inputImage(samples[i].sample))
                                                                           : samples[i].originalPng});
    }
    writeImageFiles(files);

    const QString now = sqlNow();
    QList<qint64> ids = db.transaction([&] {
        QSqlQuery &image = statements->image;
        QSqlQuery &row = statements->row;
        QList<qint64> ids;
        ids.reserve(qsizetype(samples.size()));
        for (size_t i = 0; i < samples.size(); ++i) {
            const ProductionSample &s = samples[i].sample;
            const Staged &st = staged[i];
            if (st.writeImage)
                db.run(image, {st.hash, st.path, st.width, st.height, now});
            // The blobs point into the sample (the driver binds them without a copy).
            const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(s.input.data()),
                                                             qsizetype(s.input.size()));
            const QVariantList values{sampleSourceName(s.source), st.hash, sqlText(s.originalName), input, s.channels,
                                      s.height, s.width, s.modelId > 0 ? QVariant(s.modelId) : QVariant(), s.predicted,
                                      probabilitiesJson(s.probabilities),
                                      s.embedding.empty() ? QVariant(QMetaType::fromType<QByteArray>())
                                                          : QVariant(floatsLittleEndian(s.embedding)),
                                      s.created.isValid() ? toSqlTime(s.created) : now};
            if (writer)
                runRow(db, *statements, values);
            else
                db.run(row, values);
            ids << row.lastInsertId().toLongLong();
        }
        return ids;
    });
    if (knownImages)
        for (const Staged &st : staged)
            knownImages->insert(st.hash);
    return ids;
}

std::optional<ProductionSample> SampleStore::sample(qint64 id) const
{
    QSqlQuery q = m_workspace.database().exec(kSelectSamples + QStringLiteral(" WHERE s.id = ?"), {id});
    if (!q.next())
        return std::nullopt;
    return sampleFromRow(q);
}

QList<ProductionSample> SampleStore::list(const SampleFilter &filter) const
{
    QVariantList values;
    QString sql = kSelectSamples + whereClause(filter, values);
    sql += filter.newestFirst ? QStringLiteral(" ORDER BY s.id DESC") : QStringLiteral(" ORDER BY s.id");
    // LIMIT with OFFSET reads the same in SQLite and PostgreSQL; "all" is the largest limit.
    sql += QStringLiteral(" LIMIT ? OFFSET ?");
    values << (filter.limit < 0 ? std::numeric_limits<qint64>::max() : filter.limit) << std::max<qint64>(0, filter.offset);
    QSqlQuery q = m_workspace.database().exec(sql, values);
    QList<ProductionSample> samples;
    while (q.next())
        samples << sampleFromRow(q);
    return samples;
}

qint64 SampleStore::count(const SampleFilter &filter) const
{
    QVariantList values;
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM production_samples s") + whereClause(filter, values);
    return m_workspace.database().scalar(sql, values).toLongLong();
}

void SampleStore::setLabel(qint64 id, std::optional<int> label, bool discard, const QString &who) const
{
    if (discard)
        label.reset(); // "not a digit" has no class
    const Database &db = m_workspace.database();
    db.transaction([&] {
        const QVariant probabilities =
            db.scalar(QStringLiteral("SELECT probabilities_json FROM production_samples WHERE id = ?"), {id});
        if (!probabilities.isValid())
            throw UsageError(QStringLiteral("there is no production sample %1").arg(id));
        const int classes = int(parseProbabilities(probabilities.toString()).size());
        if (label && (*label < 0 || *label >= classes))
            throw UsageError(QStringLiteral("label %1 is not a class of sample %2 (its model has classes 0–%3)")
                                 .arg(*label).arg(id).arg(classes - 1));
        const bool cleared = !label && !discard;
        const QString now = sqlNow();
        const QVariant labelValue = label ? QVariant(*label) : QVariant();
        db.exec(QStringLiteral("UPDATE production_samples SET label = ?, discarded = ?, labeled_by = ?, labeled_at = ? "
                               "WHERE id = ?"),
                {labelValue, discard ? 1 : 0, cleared ? QStringLiteral("") : sqlText(who), cleared ? QVariant() : QVariant(now), id});
        db.exec(QStringLiteral("INSERT INTO sample_label_events (sample_id, label, discarded, by_whom, at) "
                               "VALUES (?, ?, ?, ?, ?)"),
                {id, labelValue, discard ? 1 : 0, sqlText(who), now});
    });
}

QList<QJsonObject> SampleStore::labelHistory(qint64 id) const
{
    QSqlQuery q = m_workspace.database().exec(
        QStringLiteral("SELECT label, discarded, by_whom, at FROM sample_label_events WHERE sample_id = ? ORDER BY id"),
        {id});
    QList<QJsonObject> history;
    while (q.next())
        history << QJsonObject{{QStringLiteral("label"), q.value(0).isNull() ? QJsonValue() : QJsonValue(q.value(0).toInt())},
                               {QStringLiteral("discarded"), q.value(1).toInt() != 0},
                               {QStringLiteral("by"), q.value(2).toString()},
                               {QStringLiteral("at"), toSqlTime(fromSqlTime(q.value(3)))}};
    return history;
}

} // namespace mlwb
