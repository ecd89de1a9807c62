#pragma once
#include "common/Cancel.h"
#include "monitoring/Monitor.h"
#include "store/Workspace.h"

#include <QString>
#include <memory>
#include <optional>
#include <vector>

namespace mlwb {

// What the Monitor page asks for: windows of a count or a time span, against a reference.
struct MonitorSettings {
    MonitorSeries::Spacing spacing{500, 0};
    ReferenceSpec reference; // default: the training data set's test split (its stored evaluation)
    DriftOptions options;

    bool sameAs(const MonitorSettings &other) const;
};

// One look at the production model, handed from a pool thread to the page.
struct MonitorSnapshot {
    enum class State { NoModel, NoSamples, Ready, Failed };
    State state = State::NoModel;
    QString error;                   // Failed: for a person
    qint64 modelId = 0;
    QString modelText;               // "model 3 (lite)"
    MonitorReference reference;      // its profile is shared and read-only: safe on any thread
    std::vector<WindowReport> windows; // the complete windows, oldest first
    std::optional<WindowReport> current; // the samples after them (filling the next window)
    qint64 samples = 0;              // of the model, in all windows
    QList<MonitorAlert> alerts;      // newest first (all models)
    qint64 unacknowledged = 0;
    int newAlerts = 0;               // recorded by this look
    double secondsPerWindow = 0;     // of the windows this look compared (0: none)
    bool cancelled = false;          // the look was called off: show nothing of it
    quint64 signature = 0;           // equal for two looks that show the same: nothing to redraw

    // The windows as the page numbers them (1…), the filling one last when it has samples.
    int windowCount() const { return int(windows.size()) + (current && current->samples > 0 ? 1 : 0); }
    const WindowReport *window(int number) const; // 1-based; null outside
    // The windows the plots draw: all but a filling one too small to be tested.
    int plottedWindowCount() const
    {
        return windowCount() - (current && current->samples > 0 && !current->tested ? 1 : 0);
    }
};

// Keeps the series between looks; one look at a time (the page never runs two at once).
class MonitorEngine {
public:
    // Rebuilds the reference and the series when the production model or the settings changed,
    // reads the samples that arrived, records the alerts of the windows compared (and of the
    // filling window), and reads the alerts. Never throws: failures come back in the snapshot
    // (Cancelled is rethrown).
    MonitorSnapshot look(const Workspace &workspace, const MonitorSettings &settings, const CancelFlag *cancel = nullptr);

private:
    std::optional<MonitorSettings> m_settings;
    qint64 m_modelId = 0;
    std::unique_ptr<MonitorSeries> m_series;
    size_t m_recorded = 0; // complete windows whose alerts are stored
};

// The samples of one window, most drifting first as `statistic` sees it (default: the
// window's strongest drift): the window is read again (its time span, kept to its id range)
// and compared with `reference`. Throws what loadMonitorReference and compareWindow throw.
struct WindowRef {
    qint64 modelId = 0;
    QDateTime from, to;
    qint64 firstSampleId = 0, lastSampleId = 0;
};
QList<qint64> windowIdsByDrift(const Workspace &workspace, const MonitorReference &reference, const WindowRef &window,
                               std::optional<DriftStatistic> statistic, const DriftOptions &options = {},
                               const CancelFlag *cancel = nullptr);

// The reference an alert was raised against, from its key ("evaluation:<data set id>",
// "samples:A-B", "time:FROM/TO"). Throws UsageError for another key.
ReferenceSpec referenceSpecOfKey(const QString &key);

} // namespace mlwb
