#pragma once
#include "common/Cancel.h"
#include "monitoring/AlertStore.h"
#include "monitoring/WindowReport.h"
#include "production/ProductionSample.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace mlwb {

class Workspace;

// The Monitor page's questions, for one model (production unless named): is production still
// seeing what the model was trained on, and is it still right? Everything here reads the
// workspace and computes; run it off the UI thread.

// What a window is compared with.
struct ReferenceSpec {
    enum class Kind { Evaluation, Samples };
    Kind kind = Kind::Evaluation;
    // Evaluation: the model's stored evaluation on a data set version's test split (computed
    // and stored first when missing); empty: the version it was trained on.
    QString datasetRef;
    // Samples: the model's own production samples, by id range (inclusive) or time span [from, to).
    qint64 firstSampleId = 0, lastSampleId = 0;
    QDateTime from, to;

    // "training" (the default), "data:REF", "samples:FIRST-LAST" or "time:FROM/TO" (ISO 8601).
    // Throws UsageError naming what is wrong.
    static ReferenceSpec parse(const QString &text);
};

struct MonitorReference {
    qint64 modelId = 0;
    QString key;         // "evaluation:<data set id>", "samples:1-1000", "time:FROM/TO": kept with the alerts
    QString description; // for a person: "model 3 on digits 1a2b3c4d5e6f, test split (10000 images)"
    QStringList classNames;
    std::shared_ptr<const ReferenceProfile> profile;

    // {"key", "description", "model", "samples", "embeddings", "images", "accuracy", "atcThreshold"}
    QJsonObject toJson() const;
};

// The model to monitor: modelId when > 0 (it must exist), else the production model. Throws
// UsageError when there is none.
qint64 monitoredModel(const Workspace &workspace, qint64 modelId = 0);

// Throws UsageError for an unknown model or data set, a reference without samples; what
// obtainEvaluation throws (StoredEvaluations.h); Cancelled.
MonitorReference loadMonitorReference(const Workspace &workspace, qint64 modelId, const ReferenceSpec &spec,
                                      const DriftOptions &options = {}, const ProgressFn &progress = {},
                                      const CancelFlag *cancel = nullptr);

// Which production samples form the window: the latest `count` the model answered, or those
// of a time span.
struct WindowSpec {
    qint64 count = 1000;
    QDateTime from, to; // when either is valid: the samples with from <= created < to instead
};

// The model's samples of the window, oldest first. Throws UsageError for count < 1.
QList<ProductionSample> windowSamples(const Workspace &workspace, qint64 modelId, const WindowSpec &window);

struct MonitorRequest {
    qint64 modelId = 0; // 0: production
    ReferenceSpec reference;
    WindowSpec window;
    DriftOptions options;
    bool recordAlerts = true; // false: report the alerts without storing them
};

struct MonitorCheck {
    MonitorReference reference;
    WindowReport report;
    QList<MonitorAlert> alerts; // the window's alerts, as stored (id 0 when not recorded)
    double seconds = 0;         // the window's comparison alone (reading and reference excluded)

    // {"model", "reference": MonitorReference::toJson, "report": WindowReport::toJson,
    //  "alerts": [...], "alert": bool, "seconds"}
    QJsonObject toJson() const;
};

// The latest window (or a time span) of a model against its reference, and its alerts.
// Throws as loadMonitorReference and windowSamples do.
MonitorCheck runMonitorCheck(const Workspace &workspace, const MonitorRequest &request, const ProgressFn &progress = {},
                             const CancelFlag *cancel = nullptr);
// The same against a reference loaded before (the page keeps one and checks every few samples).
MonitorCheck runMonitorCheck(const Workspace &workspace, const MonitorReference &reference, const WindowSpec &window,
                             const DriftOptions &options, bool recordAlerts, const CancelFlag *cancel = nullptr);

// The statistics per consecutive window over a model's history, for the page's plots. The
// reference side is worked out once (MonitorReference); every update() reads only the samples
// that arrived since the last one and compares only the windows they complete, plus the
// unfinished window at the end. Alerts are not recorded here: the series is for looking back.
class MonitorSeries {
public:
    struct Spacing {
        qint64 count = 1000; // windows of this many samples, or
        qint64 spanMs = 0;   // > 0: windows of this much time, at multiples of it since 1970 UTC
    };

    // Throws UsageError for a count < 1 (without a span) or a span < 0.
    MonitorSeries(MonitorReference reference, Spacing spacing, DriftOptions options = {});

    // Reads the new samples (the workspace's samples are never deleted: the series reads on
    // from where it stopped) and compares the windows they complete. Returns how many
    // complete windows were added. Cancelled when the flag is raised (the series is then as
    // it was before the call).
    int update(const Workspace &workspace, const CancelFlag *cancel = nullptr);

    const MonitorReference &reference() const { return m_reference; }
    // The complete windows, oldest first, with their statistics and plots' details but without
    // the per-sample values (sampleIds, sampleValues, the MMD's witness): for a window's
    // samples by drift, compare it again (runMonitorCheck with its time span [from, to)).
    const std::vector<WindowReport> &windows() const { return m_windows; }
    // The samples after the last complete window, compared as they are (tested when there are
    // minimumSamples of them).
    const std::optional<WindowReport> &current() const { return m_current; }

private:
    qint64 windowKey(const ProductionSample &sample, qint64 position) const;
    int readOn(const Workspace &workspace, const CancelFlag *cancel);

    MonitorReference m_reference;
    Spacing m_spacing;
    DriftOptions m_options;
    qint64 m_scanned = 0;   // sample rows read so far, in id order (all models)
    qint64 m_lastId = 0;    // the id of the last of them
    qint64 m_positions = 0; // samples of the model seen so far
    QList<ProductionSample> m_pending;
    qint64 m_pendingKey = 0;
    std::vector<WindowReport> m_windows;
    std::optional<WindowReport> m_current;
};

} // namespace mlwb
