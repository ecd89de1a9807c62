#include "monitoring/MonitorEngine.h"

#include "common/Error.h"
#include "monitoring/Observations.h"
#include "registry/ModelRegistry.h"
#include "store/Database.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <algorithm>
#include <climits>
#include <tuple>

namespace mlwb {

namespace {

// The real accuracy of every window as it is now: the series compared a window once, when it
// was complete, but its samples get their labels later. Read from the labeled rows alone (the
// label index), not from the samples.
void refreshLabeledAccuracy(const Workspace &workspace, qint64 modelId, MonitorSnapshot &snapshot)
{
    std::vector<std::tuple<qint64, int, int>> labeled; // id, label, predicted; in id order
    QSqlQuery q = workspace.database().exec(
        QStringLiteral("SELECT id, label, predicted FROM production_samples WHERE label >= 0 AND discarded = 0 "
                       "AND model_id = ?"),
        {modelId});
    while (q.next())
        labeled.emplace_back(q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toInt());
    std::sort(labeled.begin(), labeled.end());
    const auto count = [&](WindowReport &w) {
        LabeledAccuracy a;
        auto it = std::lower_bound(labeled.begin(), labeled.end(), std::make_tuple(w.firstSampleId, INT_MIN, INT_MIN));
        for (; it != labeled.end() && std::get<0>(*it) <= w.lastSampleId; ++it) {
            ++a.labeled;
            a.correct += std::get<1>(*it) == std::get<2>(*it);
        }
        w.labeled = a;
    };
    for (WindowReport &w : snapshot.windows)
        count(w);
    if (snapshot.current && snapshot.current->samples > 0)
        count(*snapshot.current);
}

quint64 signatureOf(const MonitorSnapshot &s)
{
    quint64 h = quint64(s.state) * 1000003u ^ quint64(s.modelId);
    const auto mix = [&h](quint64 v) { h = (h ^ v) * 1099511628211ull; };
    mix(quint64(s.samples));
    mix(quint64(s.windowCount()));
    mix(qHash(s.error));
    mix(qHash(s.reference.key));
    for (int n = 1; n <= s.windowCount(); ++n) {
        mix(quint64(s.window(n)->labeled.labeled));
        mix(quint64(s.window(n)->labeled.correct));
    }
    for (const MonitorAlert &a : s.alerts) {
        mix(quint64(a.id));
        mix(quint64(a.acknowledgedAt.toMSecsSinceEpoch()));
    }
    return h;
}

} // namespace

bool MonitorSettings::sameAs(const MonitorSettings &o) const
{
    const ReferenceSpec &a = reference, &b = o.reference;
    return spacing.count == o.spacing.count && spacing.spanMs == o.spacing.spanMs && a.kind == b.kind
           && a.datasetRef == b.datasetRef && a.firstSampleId == b.firstSampleId && a.lastSampleId == b.lastSampleId
           && a.from == b.from && a.to == b.to && options.alpha == o.options.alpha
           && options.permutations == o.options.permutations;
}

const WindowReport *MonitorSnapshot::window(int number) const
{
    if (number >= 1 && number <= int(windows.size()))
        return &windows[size_t(number - 1)];
    if (number == int(windows.size()) + 1 && current && current->samples > 0)
        return &*current;
    return nullptr;
}

MonitorSnapshot MonitorEngine::look(const Workspace &workspace, const MonitorSettings &settings, const CancelFlag *cancel)
{
    MonitorSnapshot snapshot;
    try {
        // The alerts first: they are shown (and counted in the status bar) even without a model.
        const AlertStore alerts(workspace);
        qint64 modelId = 0;
        try {
            modelId = monitoredModel(workspace);
        } catch (const UsageError &) {
            m_series.reset();
            snapshot.alerts = alerts.list(false, 1000);
            snapshot.unacknowledged = alerts.unacknowledgedCount();
            snapshot.signature = signatureOf(snapshot);
            return snapshot; // NoModel
        }
        const ModelVersion model = ModelRegistry(workspace).require(modelId);
        snapshot.modelId = modelId;
        snapshot.modelText = QStringLiteral("%1 (%2)").arg(modelId).arg(model.architecture);

        if (!m_series || m_modelId != modelId || !m_settings || !m_settings->sameAs(settings)) {
            m_series.reset();
            MonitorReference reference = loadMonitorReference(workspace, modelId, settings.reference, settings.options, {}, cancel);
            m_series = std::make_unique<MonitorSeries>(std::move(reference), settings.spacing, settings.options);
            m_modelId = modelId;
            m_settings = settings;
            m_recorded = 0;
        }
        QElapsedTimer timer;
        timer.start();
        const int added = m_series->update(workspace, cancel);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;

        // The windows compared now, and the one filling: their alerts are kept in the store
        // (one per statistic and overlapping samples: a window seen again adds nothing).
        const std::vector<WindowReport> &windows = m_series->windows();
        const MonitorReference &reference = m_series->reference();
        QList<MonitorAlert> raised;
        for (size_t w = m_recorded; w < windows.size(); ++w)
            raised << alertsOf(windows[w], modelId, reference.key);
        m_recorded = windows.size();
        if (m_series->current() && m_series->current()->tested)
            raised << alertsOf(*m_series->current(), modelId, reference.key);
        for (const MonitorAlert &a : alerts.record(raised))
            snapshot.newAlerts += a.isNew;

        snapshot.reference = reference;
        snapshot.windows = windows;
        snapshot.current = m_series->current();
        for (const WindowReport &w : snapshot.windows)
            snapshot.samples += w.samples;
        if (snapshot.current)
            snapshot.samples += snapshot.current->samples;
        const int compared = added + (snapshot.current ? 1 : 0);
        snapshot.secondsPerWindow = compared > 0 ? seconds / compared : 0;
        refreshLabeledAccuracy(workspace, modelId, snapshot);
        snapshot.alerts = alerts.list(false, 1000);
        snapshot.unacknowledged = alerts.unacknowledgedCount();
        snapshot.state = snapshot.samples > 0 ? MonitorSnapshot::State::Ready : MonitorSnapshot::State::NoSamples;
    } catch (const Cancelled &) {
        throw;
    } catch (const Error &e) {
        m_series.reset(); // the next look starts over (the reference may come back)
        snapshot.state = MonitorSnapshot::State::Failed;
        snapshot.error = e.message();
    } catch (const std::exception &e) {
        m_series.reset();
        snapshot.state = MonitorSnapshot::State::Failed;
        snapshot.error = QString::fromLocal8Bit(e.what());
    }
    snapshot.signature = signatureOf(snapshot);
    return snapshot;
}

QList<qint64> windowIdsByDrift(const Workspace &workspace, const MonitorReference &reference, const WindowRef &window,
                               std::optional<DriftStatistic> statistic, const DriftOptions &options, const CancelFlag *cancel)
{
    QList<ProductionSample> samples = windowSamples(workspace, window.modelId, WindowSpec{0, window.from, window.to});
    // The time span may hold a sample of the next window with the same millisecond: the ids decide.
    samples.removeIf([&](const ProductionSample &s) { return s.id < window.firstSampleId || s.id > window.lastSampleId; });
    if (samples.isEmpty())
        return {};
    const WindowReport report = compareWindow(*reference.profile, observationsOf(samples), options, cancel);
    const std::vector<qint64> ids = report.idsByDrift(statistic);
    return QList<qint64>(ids.begin(), ids.end());
}

ReferenceSpec referenceSpecOfKey(const QString &key)
{
    if (key.startsWith(u"evaluation:"))
        return ReferenceSpec::parse(QStringLiteral("data:") + key.mid(11));
    return ReferenceSpec::parse(key); // samples:A-B and time:FROM/TO read as they are written
}

} // namespace mlwb
