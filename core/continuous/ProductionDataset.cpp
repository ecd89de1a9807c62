#include "continuous/ProductionDataset.h"

#include "common/Error.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "store/Database.h"
#include "store/LabelCorrectionStore.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>

namespace mlwb {

namespace {

// splitmix64: a well-mixed 64-bit value per (id, seed), the same on every platform.
quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

DatasetVersion resolveBase(const Workspace &workspace, const ProductionBuildOptions &options)
{
    const DatasetStore datasets(workspace);
    QString ref = options.baseRef;
    if (ref.isEmpty()) {
        const std::optional<ModelVersion> production = ModelRegistry(workspace).production();
        if (!production)
            throw UsageError(QStringLiteral("there is no production model to take the base data set from; "
                                            "name a base data set"));
        if (production->datasetId.isEmpty())
            throw UsageError(QStringLiteral("the production model (%1) has no data set version; name a base data set")
                                 .arg(production->id));
        ref = production->datasetId;
    }
    DatasetVersion base = datasets.require(ref);
    // A built base stands for its own base plus samples that are labeled still: start from the root.
    for (int depth = 0; depth < 64; ++depth) {
        const std::optional<DatasetLineage> lineage = datasetLineage(workspace, base.id);
        if (!lineage)
            break;
        base = datasets.require(lineage->baseId);
    }
    return base;
}

// One image of a production sample as a data set row.
void appendSample(Dataset &data, const ProductionSample &sample, Subset subset)
{
    data.pixels.insert(data.pixels.end(), sample.input.begin(), sample.input.end());
    data.labels.push_back(std::uint8_t(*sample.label));
    data.subsets.push_back(std::uint8_t(subset));
}

QList<qint64> sampleIds(const QList<ProductionSample> &samples)
{
    QList<qint64> ids;
    for (const ProductionSample &s : samples)
        ids << s.id;
    return ids;
}

QJsonArray toArray(const QList<qint64> &ids)
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(double(id));
    return array;
}

void recordLineage(const Workspace &workspace, const DatasetLineage &lineage, const QList<ProductionSample> &train,
                   const QList<ProductionSample> &test)
{
    const Database &db = workspace.database();
    db.transaction([&] {
        db.exec(QStringLiteral("INSERT INTO dataset_lineage (dataset_id, base_id, production_test_id, weight, "
                               "test_fraction, corrections, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                               "ON CONFLICT (dataset_id) DO NOTHING"),
                {lineage.datasetId, lineage.baseId,
                 lineage.productionTestId.isEmpty() ? QVariant() : QVariant(lineage.productionTestId), lineage.weight,
                 lineage.testFraction, lineage.corrections, toSqlTime(lineage.created)});
        QSqlQuery insert = db.prepare(QStringLiteral("INSERT INTO dataset_production_samples (dataset_id, sample_id, "
                                                     "part, label) VALUES (?, ?, ?, ?) "
                                                     "ON CONFLICT (dataset_id, sample_id) DO NOTHING"));
        for (const auto &[samples, part] : {std::pair{&train, QStringLiteral("train")}, std::pair{&test, QStringLiteral("test")}})
            for (const ProductionSample &s : *samples)
                db.run(insert, {lineage.datasetId, s.id, part, *s.label});
    });
}

} // namespace

bool heldBackForTest(qint64 sampleId, double testFraction, quint64 seed)
{
    const double u = double(mix(quint64(sampleId) ^ mix(seed)) >> 11) / double(1ULL << 53);
    return u < testFraction;
}

QJsonObject DatasetLineage::toJson(bool withSamples) const
{
    QJsonObject json{
        {QStringLiteral("dataset"), datasetId},
        {QStringLiteral("base"), baseId},
        {QStringLiteral("productionTest"), productionTestId.isEmpty() ? QJsonValue() : QJsonValue(productionTestId)},
        {QStringLiteral("weight"), weight},
        {QStringLiteral("testFraction"), testFraction},
        {QStringLiteral("corrections"), double(corrections)},
        {QStringLiteral("trainSamples"), double(trainSamples.size())},
        {QStringLiteral("testSamples"), double(testSamples.size())},
        {QStringLiteral("created"), toSqlTime(created)},
    };
    if (withSamples) {
        json.insert(QStringLiteral("trainSampleIds"), toArray(trainSamples));
        json.insert(QStringLiteral("testSampleIds"), toArray(testSamples));
    }
    return json;
}

QJsonObject ProductionBuild::toJson() const
{
    return {
        {QStringLiteral("dataset"), dataset.toJson()},
        {QStringLiteral("created"), created},
        {QStringLiteral("productionTest"), productionTest ? QJsonValue(productionTest->toJson()) : QJsonValue()},
        {QStringLiteral("base"), base.toJson()},
        {QStringLiteral("lineage"), lineage.toJson()},
        {QStringLiteral("discarded"), double(discarded)},
        {QStringLiteral("incompatible"), double(incompatible)},
    };
}

ProductionBuild buildProductionDataset(const Workspace &workspace, const ProductionBuildOptions &options,
                                       const ProgressFn &progress, const CancelFlag *cancel)
{
    if (!(options.testFraction >= 0 && options.testFraction < 1))
        throw UsageError(QStringLiteral("the production test fraction must be in [0, 1), not %1").arg(options.testFraction));
    if (options.weight < 0 || options.weight > 1000)
        throw UsageError(QStringLiteral("the production weight must be between 0 (automatic) and 1000, not %1")
                             .arg(options.weight));
    auto checkCancel = [&] {
        if (cancel && cancel->isCancelled())
            throw Cancelled();
    };
    auto step = [&](qint64 done) {
        if (progress)
            progress(done, 4);
    };

    ProductionBuild build;
    build.base = resolveBase(workspace, options);
    step(0);
    const DatasetStore datasets(workspace);
    Dataset data = *datasets.load(build.base.id);
    checkCancel();
    step(1);

    if (options.applyCorrections) {
        for (const LabelCorrection &c : LabelCorrectionStore(workspace).list(build.base.id)) {
            if (c.sampleIndex < 0 || c.sampleIndex >= data.size() || c.label < 0 || c.label >= data.classNames.size())
                continue; // checked when stored; a base cannot change, so this does not happen
            if (data.labels[size_t(c.sampleIndex)] != std::uint8_t(c.label)) {
                data.labels[size_t(c.sampleIndex)] = std::uint8_t(c.label);
                ++build.lineage.corrections;
            }
        }
    }

    const SampleStore store(workspace);
    SampleFilter labeled;
    labeled.labelState = SampleFilter::LabelState::Labeled;
    labeled.limit = -1;
    labeled.newestFirst = false;
    SampleFilter discarded = labeled;
    discarded.labelState = SampleFilter::LabelState::Discarded;
    build.discarded = store.count(discarded);
    QList<ProductionSample> train, test;
    for (const ProductionSample &s : store.list(labeled)) {
        const bool fits = s.channels == data.channels && s.height == data.height && s.width == data.width
            && qsizetype(s.input.size()) == data.imageBytes() && s.label && *s.label >= 0 && *s.label < data.classNames.size();
        if (!fits) {
            ++build.incompatible;
            continue;
        }
        (heldBackForTest(s.id, options.testFraction, options.seed) ? test : train) << s;
    }
    checkCancel();
    step(2);
    if (train.isEmpty() && test.isEmpty())
        throw UsageError(QStringLiteral("no labeled production sample fits data set %1 (%2×%3×%4, %5 classes): "
                                        "label samples first")
                             .arg(build.base.name).arg(data.channels).arg(data.height).arg(data.width)
                             .arg(data.classNames.size()));

    const qint64 baseTrain = data.count(Subset::Train);
    int weight = options.weight;
    if (weight == 0)
        weight = train.isEmpty() ? 1
                                 : int(std::clamp<double>(std::round(double(baseTrain) / (9.0 * double(train.size()))), 1, 50));

    // Base images first (train and test as they were), then the production training samples
    // `weight` times, then the held-back ones.
    const qsizetype extra = train.size() * weight + test.size();
    data.pixels.reserve(size_t((data.size() + extra) * data.imageBytes()));
    data.labels.reserve(size_t(data.size() + extra));
    data.subsets.reserve(size_t(data.size() + extra));
    for (int copy = 0; copy < weight; ++copy)
        for (const ProductionSample &s : train)
            appendSample(data, s, Subset::Train);
    Dataset productionTest;
    productionTest.channels = data.channels;
    productionTest.height = data.height;
    productionTest.width = data.width;
    productionTest.classNames = data.classNames;
    for (const ProductionSample &s : test) {
        appendSample(data, s, Subset::Test);
        appendSample(productionTest, s, Subset::Test);
    }
    checkCancel();

    const QString name = options.name.isEmpty() ? build.base.name + QStringLiteral("+production") : options.name;
    const QString source = QStringLiteral("%1 + %2 production samples (%3 held back, weight %4)")
                               .arg(build.base.id.left(12)).arg(train.size() + test.size()).arg(test.size()).arg(weight);
    const DatasetStore::SaveResult saved = datasets.save(data, name, QStringLiteral("production"), source,
                                                         build.base.validationFraction, build.base.splitSeed);
    build.dataset = saved.version;
    build.created = saved.created;
    step(3);
    if (!test.isEmpty()) {
        build.productionTest = datasets.save(productionTest, name + QStringLiteral("-test"), QStringLiteral("production"),
                                             QStringLiteral("%1 held-back production samples").arg(test.size()), 0, 0)
                                   .version;
    }

    build.lineage.datasetId = build.dataset.id;
    build.lineage.baseId = build.base.id;
    build.lineage.productionTestId = build.productionTest ? build.productionTest->id : QString();
    build.lineage.weight = weight;
    build.lineage.testFraction = options.testFraction;
    build.lineage.trainSamples = sampleIds(train);
    build.lineage.testSamples = sampleIds(test);
    build.lineage.created = QDateTime::currentDateTimeUtc();
    recordLineage(workspace, build.lineage, train, test);
    // The content may have been built before: report the lineage as first recorded.
    if (std::optional<DatasetLineage> recorded = datasetLineage(workspace, build.dataset.id))
        build.lineage = *recorded;
    step(4);
    return build;
}

std::optional<DatasetLineage> datasetLineage(const Workspace &workspace, const QString &datasetId)
{
    const Database &db = workspace.database();
    QSqlQuery q = db.exec(QStringLiteral("SELECT base_id, production_test_id, weight, test_fraction, corrections, "
                                         "created_at FROM dataset_lineage WHERE dataset_id = ?"),
                          {datasetId});
    if (!q.next())
        return std::nullopt;
    DatasetLineage lineage;
    lineage.datasetId = datasetId;
    lineage.baseId = q.value(0).toString();
    lineage.productionTestId = q.value(1).isNull() ? QString() : q.value(1).toString();
    lineage.weight = q.value(2).toInt();
    lineage.testFraction = q.value(3).toDouble();
    lineage.corrections = q.value(4).toLongLong();
    lineage.created = fromSqlTime(q.value(5));
    QSqlQuery samples = db.exec(QStringLiteral("SELECT sample_id, part FROM dataset_production_samples "
                                               "WHERE dataset_id = ? ORDER BY sample_id"),
                                {datasetId});
    while (samples.next())
        (samples.value(1).toString() == QLatin1String("test") ? lineage.testSamples : lineage.trainSamples)
            << samples.value(0).toLongLong();
    return lineage;
}

} // namespace mlwb
