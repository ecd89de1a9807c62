#include "monitoring/Monitor.h"

#include "common/Error.h"
#include "common/TimeText.h"
#include "jobs/StoredEvaluations.h"
#include "models/ModelFiles.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>

namespace mlwb {

namespace {

QStringList modelClassNames(const Workspace &workspace, const ModelVersion &model)
{
    try {
        return readModelInfo(workspace.absolute(model.path)).classNames;
    } catch (const Error &) {
        return {}; // the model's files are gone: classes show as indices
    }
}

// The samples of a model in an id range, through the time span they cover (SampleFilter has
// no id range; ids and times grow together, so the span holds few others).
QList<ProductionSample> samplesInIdRange(const Workspace &workspace, qint64 modelId, qint64 first, qint64 last)
{
    QSqlQuery q = workspace.database().exec(
        QStringLiteral("SELECT MIN(created_at), MAX(created_at) FROM production_samples WHERE id >= ? AND id <= ? AND model_id = ?"),
        {first, last, modelId});
    if (!q.next() || q.value(0).isNull())
        return {};
    SampleFilter filter;
    filter.from = fromSqlTime(q.value(0));
    filter.to = fromSqlTime(q.value(1)).addMSecs(1);
    filter.limit = -1;
    filter.newestFirst = false;
    QList<ProductionSample> samples;
    for (ProductionSample &s : SampleStore(workspace).list(filter))
        if (s.modelId == modelId && s.id >= first && s.id <= last)
            samples << std::move(s);
    return samples;
}

QList<ProductionSample> samplesInSpan(const Workspace &workspace, qint64 modelId, const QDateTime &from, const QDateTime &to)
{
    SampleFilter filter;
    filter.from = from;
    filter.to = to;
    filter.limit = -1;
    filter.newestFirst = false;
    QList<ProductionSample> samples;
    for (ProductionSample &s : SampleStore(workspace).list(filter))
        if (s.modelId == modelId)
            samples << std::move(s);
    return samples;
}

QJsonValue optionalJson(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

} // namespace

ReferenceSpec ReferenceSpec::parse(const QString &text)
{
    ReferenceSpec spec;
    const QString t = text.trimmed();
    if (t.isEmpty() || t == u"training")
        return spec;
    if (t.startsWith(u"data:")) {
        spec.datasetRef = t.mid(5);
        if (spec.datasetRef.isEmpty())
            throw UsageError(QStringLiteral("reference '%1': name a data set version after data:").arg(text));
        return spec;
    }
    spec.kind = Kind::Samples;
    if (t.startsWith(u"samples:")) {
        const QStringList ids = t.mid(8).split(u'-');
        bool okFirst = false, okLast = false;
        if (ids.size() == 2) {
            spec.firstSampleId = ids[0].toLongLong(&okFirst);
            spec.lastSampleId = ids[1].toLongLong(&okLast);
        }
        if (!okFirst || !okLast || spec.firstSampleId < 1 || spec.lastSampleId < spec.firstSampleId)
            throw UsageError(QStringLiteral("reference '%1': give samples:FIRST-LAST, two sample ids, the first not after the last").arg(text));
        return spec;
    }
    if (t.startsWith(u"time:")) {
        const QStringList span = t.mid(5).split(u'/');
        if (span.size() != 2)
            throw UsageError(QStringLiteral("reference '%1': give time:FROM/TO, two ISO-8601 times").arg(text));
        spec.from = parseIsoTime(span[0], QStringLiteral("reference"));
        spec.to = parseIsoTime(span[1], QStringLiteral("reference"));
        if (spec.to <= spec.from)
            throw UsageError(QStringLiteral("reference '%1': the span ends before it starts").arg(text));
        return spec;
    }
    throw UsageError(QStringLiteral("reference '%1' is none of training, data:REF, samples:FIRST-LAST, time:FROM/TO").arg(text));
}

QJsonObject MonitorReference::toJson() const
{
    QJsonObject json{{QStringLiteral("key"), key},
                     {QStringLiteral("description"), description},
                     {QStringLiteral("model"), modelId}};
    if (profile) {
        json.insert(QStringLiteral("samples"), profile->size());
        json.insert(QStringLiteral("embeddings"), profile->embeddingSize());
        json.insert(QStringLiteral("images"), profile->hasProperties());
        json.insert(QStringLiteral("accuracy"), optionalJson(profile->atc() ? std::optional<double>(profile->atc()->referenceAccuracy)
                                                                            : std::nullopt));
        json.insert(QStringLiteral("atcThreshold"),
                    optionalJson(profile->atc() ? std::optional<double>(profile->atc()->threshold) : std::nullopt));
        if (profile->mmd())
            json.insert(QStringLiteral("mmdBandwidth"), profile->mmd()->bandwidth());
    }
    return json;
}

qint64 monitoredModel(const Workspace &workspace, qint64 modelId)
{
    const ModelRegistry registry(workspace);
    if (modelId > 0)
        return registry.require(modelId).id;
    const std::optional<ModelVersion> production = registry.production();
    if (!production)
        throw UsageError(QStringLiteral("there is no production model to monitor: promote one, or name a model"));
    return production->id;
}

MonitorReference loadMonitorReference(const Workspace &workspace, qint64 modelId, const ReferenceSpec &spec,
                                      const DriftOptions &options, const ProgressFn &progress, const CancelFlag *cancel)
{
    const ModelVersion model = ModelRegistry(workspace).require(modelId);
    MonitorReference reference;
    reference.modelId = model.id;
    if (spec.kind == ReferenceSpec::Kind::Evaluation) {
        EvaluationRequest request;
        request.modelId = model.id;
        request.datasetRef = spec.datasetRef;
        const OpenedEvaluation opened = obtainEvaluation(workspace, request, progress, cancel);
        const DatasetVersion version = DatasetStore(workspace).require(opened.record.datasetId);
        reference.key = QStringLiteral("evaluation:") + version.id;
        reference.description = QStringLiteral("model %1 on %2 %3, test split (%4 images)")
                                    .arg(model.id).arg(version.name, version.id.left(12)).arg(opened.samples->size());
        reference.classNames = opened.classNames;
        reference.profile = std::make_shared<ReferenceProfile>(observationsOf(*opened.samples, opened.data.get()), options);
        return reference;
    }
    QList<ProductionSample> samples;
    if (spec.firstSampleId > 0) {
        samples = samplesInIdRange(workspace, model.id, spec.firstSampleId, spec.lastSampleId);
        reference.key = QStringLiteral("samples:%1-%2").arg(spec.firstSampleId).arg(spec.lastSampleId);
    } else {
        samples = samplesInSpan(workspace, model.id, spec.from, spec.to);
        reference.key = QStringLiteral("time:%1/%2").arg(toSqlTime(spec.from), toSqlTime(spec.to));
    }
    if (samples.isEmpty())
        throw UsageError(QStringLiteral("the reference %1 holds no production samples of model %2").arg(reference.key).arg(model.id));
    reference.description = QStringLiteral("model %1's production samples %2 to %3 (%4 samples)")
                                .arg(model.id).arg(samples.first().id).arg(samples.last().id).arg(samples.size());
    reference.classNames = modelClassNames(workspace, model);
    reference.profile = std::make_shared<ReferenceProfile>(observationsOf(samples), options);
    return reference;
}

QList<ProductionSample> windowSamples(const Workspace &workspace, qint64 modelId, const WindowSpec &window)
{
    if (window.from.isValid() || window.to.isValid())
        return samplesInSpan(workspace, modelId, window.from, window.to);
    if (window.count < 1)
        throw UsageError(QStringLiteral("a window needs at least one sample (got %1)").arg(window.count));
    // Newest first, a page at a time, until the model's `count` are found: usually the first
    // page, since the latest samples are production's.
    const SampleStore store(workspace);
    QList<ProductionSample> samples;
    SampleFilter filter;
    filter.limit = std::max<qint64>(window.count, 256);
    for (filter.offset = 0;; filter.offset += filter.limit) {
        const QList<ProductionSample> page = store.list(filter);
        for (const ProductionSample &s : page) {
            if (s.modelId == modelId && samples.size() < window.count)
                samples << s;
        }
        if (samples.size() >= window.count || page.size() < filter.limit)
            break;
    }
    std::reverse(samples.begin(), samples.end());
    return samples;
}

QJsonObject MonitorCheck::toJson() const
{
    QJsonArray alertsJson;
    for (const MonitorAlert &a : alerts)
        alertsJson.append(a.toJson());
    return {{QStringLiteral("model"), reference.modelId},
            {QStringLiteral("reference"), reference.toJson()},
            {QStringLiteral("report"), report.toJson(reference.classNames)},
            {QStringLiteral("alerts"), alertsJson},
            {QStringLiteral("alert"), report.hasAlert()},
            {QStringLiteral("seconds"), seconds}};
}

MonitorCheck runMonitorCheck(const Workspace &workspace, const MonitorReference &reference, const WindowSpec &window,
                             const DriftOptions &options, bool recordAlerts, const CancelFlag *cancel)
{
    MonitorCheck check;
    check.reference = reference;
    const Observations observations = observationsOf(windowSamples(workspace, reference.modelId, window));
    QElapsedTimer timer;
    timer.start();
    check.report = compareWindow(*reference.profile, observations, options, cancel);
    check.seconds = double(timer.nsecsElapsed()) / 1e9;
    check.alerts = alertsOf(check.report, reference.modelId, reference.key);
    if (recordAlerts)
        check.alerts = AlertStore(workspace).record(check.alerts);
    return check;
}

MonitorCheck runMonitorCheck(const Workspace &workspace, const MonitorRequest &request, const ProgressFn &progress,
                             const CancelFlag *cancel)
{
    const qint64 modelId = monitoredModel(workspace, request.modelId);
    const MonitorReference reference = loadMonitorReference(workspace, modelId, request.reference, request.options, progress, cancel);
    return runMonitorCheck(workspace, reference, request.window, request.options, request.recordAlerts, cancel);
}

MonitorSeries::MonitorSeries(MonitorReference reference, Spacing spacing, DriftOptions options)
    : m_reference(std::move(reference)), m_spacing(spacing), m_options(options)
{
    if (m_spacing.spanMs < 0 || (m_spacing.spanMs == 0 && m_spacing.count < 1))
        throw UsageError(QStringLiteral("a monitor series needs windows of at least one sample or a positive time span"));
    if (!m_reference.profile)
        throw UsageError(QStringLiteral("a monitor series needs a loaded reference"));
}

qint64 MonitorSeries::windowKey(const ProductionSample &sample, qint64 position) const
{
    if (m_spacing.spanMs > 0)
        return qint64(std::floor(double(sample.created.toMSecsSinceEpoch()) / double(m_spacing.spanMs)));
    return position / m_spacing.count;
}

int MonitorSeries::update(const Workspace &workspace, const CancelFlag *cancel)
{
    // Cancelled halfway, the series stays as it was before the call.
    const qint64 scanned = m_scanned, lastId = m_lastId, positions = m_positions, pendingKey = m_pendingKey;
    const QList<ProductionSample> pending = m_pending;
    const size_t windows = m_windows.size();
    try {
        return readOn(workspace, cancel);
    } catch (...) {
        m_scanned = scanned;
        m_lastId = lastId;
        m_positions = positions;
        m_pendingKey = pendingKey;
        m_pending = pending;
        m_windows.resize(windows);
        throw;
    }
}

int MonitorSeries::readOn(const Workspace &workspace, const CancelFlag *cancel)
{
    const SampleStore store(workspace);
    int added = 0;
    bool changed = !m_current && m_windows.empty();
    const auto close = [&] {
        WindowReport report = compareWindow(*m_reference.profile, observationsOf(m_pending), m_options, cancel);
        // A series keeps statistics, not every sample's values: a window is compared again
        // (its time span, runMonitorCheck) when someone wants its samples by drift.
        report.sampleIds = {};
        report.sampleValues = {};
        report.samplePredicted = {};
        report.mmd.witness = {};
        m_windows.push_back(std::move(report));
        m_pending.clear();
        ++added;
    };
    SampleFilter filter;
    filter.limit = 2000;
    filter.newestFirst = false;
    for (;;) {
        if (cancel && cancel->isCancelled())
            throw Cancelled();
        // By id, not OFFSET: SQLite would step over every row read before on each look.
        filter.afterId = m_lastId;
        const QList<ProductionSample> page = store.list(filter);
        m_scanned += page.size();
        if (!page.isEmpty())
            m_lastId = page.last().id;
        for (const ProductionSample &s : page) {
            if (s.modelId != m_reference.modelId)
                continue;
            changed = true;
            const qint64 key = windowKey(s, m_positions++);
            // A later window's first sample closes the current one; a sample that came late
            // (an earlier time than the window's) stays in the window it arrived in.
            if (!m_pending.isEmpty() && key > m_pendingKey)
                close();
            if (m_pending.isEmpty())
                m_pendingKey = key;
            m_pending << s;
            if (m_spacing.spanMs == 0 && m_pending.size() >= m_spacing.count)
                close();
        }
        if (page.size() < filter.limit)
            break;
    }
    if (changed) {
        if (m_pending.isEmpty())
            m_current.reset();
        else
            m_current = compareWindow(*m_reference.profile, observationsOf(m_pending), m_options, cancel);
    }
    return added;
}

} // namespace mlwb
