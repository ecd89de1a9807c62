// UI responsiveness while a `cnn` run trains: opens the real window on a workspace, starts the
// training from the Train page as a user would (settings panel + TrainPage::startTraining), and
// measures on the UI thread, after a warm-up once the first batches came in:
//  - the event loop's delay: how late a 5 ms probe timer fires;
//  - what the live plots cost: each timer-driven TrainingPlots::refresh() (store poll + data
//    update), each QCustomPlot replot (beforeReplot..afterReplot) and each plot's paint.
// Prints one JSON line on stdout and a human line on stderr, then the slowest probe ticks with
// what the UI thread ran meanwhile: a tick that is late while the UI thread was idle did not get
// a core (both are busy training); one that is late behind a long handler names that handler.
//   mlwb_bench_ui WORKSPACE [--seconds N] [--threads T] [--dataset NAME]
#include "MainWindow.h"
#include "common/Error.h"
#include "common/Log.h"
#include "jobs/TrainJob.h"
#include "store/DatasetStore.h"
#include "training/TrainPage.h"
#include "training/TrainSettingsPanel.h"
#include "training/TrainingPlots.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QStackedWidget>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <tuple>

namespace {

constexpr int kProbeMs = 5;
constexpr int kWarmUpMs = 2000;
constexpr int kTrainPage = 1; // MainWindow's page order: Data, Train, ...
constexpr int kSlowestShown = 6;
constexpr int kBatchSize = 128;

double toMs(qint64 ns)
{
    return double(ns) / 1e6;
}

qint64 threadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

QJsonObject summary(std::vector<double> values)
{
    if (values.empty())
        return {{QStringLiteral("count"), 0}};
    std::sort(values.begin(), values.end());
    auto at = [&](double p) { return values[size_t(p * double(values.size() - 1))]; };
    return {{QStringLiteral("count"), qint64(values.size())},
            {QStringLiteral("p50"), at(0.5)},
            {QStringLiteral("p99"), at(0.99)},
            {QStringLiteral("max"), values.back()}};
}

// What an event delivered on the UI thread was, captured before delivery (it may delete its
// receiver). Class names are static strings.
struct EventInfo {
    const char *receiverClass = "";
    const char *parentClass = nullptr;
    int type = 0;
    qint64 ns = 0;    // wall time of the handler
    qint64 cpuNs = 0; // CPU time of the UI thread in it: far less than ns means it waited for a core

    QString describe() const
    {
        if (type == 0)
            return QStringLiteral("no handler");
        const char *typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
        QString text = QString::fromLatin1(receiverClass);
        if (parentClass)
            text += QStringLiteral(" (child of %1)").arg(QString::fromLatin1(parentClass));
        return text + QLatin1Char(' ') + (typeName ? QString::fromLatin1(typeName) : QString::number(type));
    }
};

// Times every event that the UI thread delivers and hands it to `onEvent` with its nesting
// depth (0: straight from the event loop).
class TimingApplication : public QApplication {
public:
    TimingApplication(int &argc, char **argv) : QApplication(argc, argv), m_uiThread(QThread::currentThreadId())
    {
        m_clock.start();
    }

    std::function<void(QObject *receiver, const EventInfo &info, int depth)> onEvent;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!onEvent || QThread::currentThreadId() != m_uiThread)
            return QApplication::notify(receiver, event);
        EventInfo info;
        info.receiverClass = receiver->metaObject()->className();
        info.parentClass = receiver->parent() ? receiver->parent()->metaObject()->className() : nullptr;
        info.type = int(event->type());
        const int depth = m_depth++;
        const qint64 start = m_clock.nsecsElapsed(), cpuStart = threadCpuNs();
        const bool result = QApplication::notify(receiver, event);
        info.ns = m_clock.nsecsElapsed() - start;
        info.cpuNs = threadCpuNs() - cpuStart;
        --m_depth;
        onEvent(receiver, info, depth);
        return result;
    }

private:
    Qt::HANDLE m_uiThread;
    QElapsedTimer m_clock;
    int m_depth = 0;
};

struct ProbeTick {
    double delayMs = 0;
    double gapMs = 0;
    double busyMs = 0;    // UI thread wall time in handlers (top level) during the gap
    double busyCpuMs = 0; // of which on a core
    EventInfo longest; // the longest of them
};

// One timer-driven refresh of the plots and the replots it queued.
struct PlotUpdate {
    double refreshMs = 0, refreshCpuMs = 0;
    double replotMs = 0, replotCpuMs = 0;
    int replots = 0;
};

// All top-level events of one kind (receiver class, its parent's class, event type).
struct HandlerTotal {
    qint64 count = 0, totalNs = 0, totalCpuNs = 0, maxCpuNs = 0;
    EventInfo slowest;
};

struct Measurements {
    bool on = false;
    std::map<std::tuple<const char *, const char *, int>, HandlerTotal> handlers;
    std::vector<ProbeTick> ticks;
    std::vector<double> refreshMs, refreshCpuMs, replotMs, replotCpuMs, paintMs;
    std::vector<PlotUpdate> updates;
    qint64 busyNs = 0, busyCpuNs = 0; // since the last probe tick
    EventInfo longestSinceTick;
    qint64 totalBusyNs = 0, totalBusyCpuNs = 0;
};

double loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().split(' ').value(0).toDouble() : -1;
}

} // namespace

int main(int argc, char **argv)
{
    // Its own settings: the bench must not move the user's window or change their last workspace.
    QCoreApplication::setOrganizationName(QStringLiteral("mlwb-bench"));
    QCoreApplication::setApplicationName(QStringLiteral("mlwb-bench-ui"));
    TimingApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("UI event-loop delay and plot cost while a cnn run trains"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("workspace holding the data set"));
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("seconds to measure (default 20)"), QStringLiteral("n"),
                      QStringLiteral("20")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("training threads (default 2)"), QStringLiteral("n"),
                      QStringLiteral("2")});
    parser.addOption({QStringLiteral("dataset"), QStringLiteral("data set name (default mnist)"),
                      QStringLiteral("name"), QStringLiteral("mnist")});
    parser.process(app);
    const double seconds = parser.value(QStringLiteral("seconds")).toDouble();
    const int threads = parser.value(QStringLiteral("threads")).toInt();
    if (parser.positionalArguments().size() != 1 || seconds <= 0 || threads < 1) {
        std::fprintf(stderr, "usage: mlwb_bench_ui WORKSPACE [--seconds N > 0] [--threads T >= 1] [--dataset NAME]\n");
        return 2;
    }
    mlwb::initLogging(mlwb::LogMode::Gui);

    mlwb::MainWindow window(parser.positionalArguments().first());
    if (!window.workspace()) {
        std::fprintf(stderr, "cannot open the workspace %s\n", qPrintable(parser.positionalArguments().first()));
        return 1;
    }
    std::optional<mlwb::DatasetVersion> dataset;
    try {
        dataset = mlwb::DatasetStore(*window.workspace()).find(parser.value(QStringLiteral("dataset")));
    } catch (const mlwb::Error &e) {
        std::fprintf(stderr, "%s\n", qPrintable(e.message()));
        return 1;
    }
    if (!dataset) {
        std::fprintf(stderr, "no data set named %s in the workspace (ingest it first)\n",
                     qPrintable(parser.value(QStringLiteral("dataset"))));
        return 1;
    }
    window.show();
    window.setCurrentPage(kTrainPage);
    auto *page = qobject_cast<mlwb::TrainPage *>(window.pages()->widget(kTrainPage));
    if (!page) {
        std::fprintf(stderr, "the Train page did not start\n");
        return 1;
    }
    mlwb::TrainingPlots *plots = page->plots();
    const QObject *refreshTimer = &plots->refreshTimer();
    const QList<QCustomPlot *> plotWidgets = {plots->lossPlot(), plots->validationLossPlot(),
                                              plots->validationAccuracyPlot(), plots->learningRatePlot()};

    QElapsedTimer clock;
    clock.start();
    Measurements m;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(kProbeMs);
    qint64 lastTick = 0;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (m.on && lastTick > 0) {
            ProbeTick tick;
            tick.gapMs = toMs(now - lastTick);
            tick.delayMs = std::max(0.0, tick.gapMs - kProbeMs);
            tick.busyMs = toMs(m.busyNs);
            tick.busyCpuMs = toMs(m.busyCpuNs);
            tick.longest = m.longestSinceTick;
            m.ticks.push_back(tick);
        }
        m.busyNs = m.busyCpuNs = 0;
        m.longestSinceTick = {};
        lastTick = now;
    });
    probe.start();

    app.onEvent = [&](QObject *receiver, const EventInfo &info, int depth) {
        if (!m.on)
            return;
        if (receiver == refreshTimer && info.type == QEvent::Timer) { // refresh() runs inside this event
            m.refreshMs.push_back(toMs(info.ns));
            m.refreshCpuMs.push_back(toMs(info.cpuNs));
            m.updates.push_back({toMs(info.ns), toMs(info.cpuNs)});
        }
        if (info.type == QEvent::Paint && qobject_cast<QCustomPlot *>(receiver))
            m.paintMs.push_back(toMs(info.ns));
        if (depth > 0 || receiver == &probe)
            return;
        m.busyNs += info.ns;
        m.busyCpuNs += info.cpuNs;
        m.totalBusyNs += info.ns;
        m.totalBusyCpuNs += info.cpuNs;
        HandlerTotal &handler = m.handlers[{info.receiverClass, info.parentClass, info.type}];
        ++handler.count;
        handler.totalNs += info.ns;
        handler.totalCpuNs += info.cpuNs;
        handler.maxCpuNs = std::max(handler.maxCpuNs, info.cpuNs);
        if (info.ns >= handler.slowest.ns)
            handler.slowest = info;
        if (info.ns > m.longestSinceTick.ns)
            m.longestSinceTick = info;
    };
    std::map<const QCustomPlot *, std::pair<qint64, qint64>> replotStart; // wall, CPU
    for (QCustomPlot *plot : plotWidgets) {
        QObject::connect(plot, &QCustomPlot::beforeReplot, [&, plot] {
            replotStart[plot] = {clock.nsecsElapsed(), threadCpuNs()};
        });
        QObject::connect(plot, &QCustomPlot::afterReplot, [&, plot] {
            if (!m.on)
                return;
            const double ms = toMs(clock.nsecsElapsed() - replotStart[plot].first);
            const double cpuMs = toMs(threadCpuNs() - replotStart[plot].second);
            m.replotMs.push_back(ms);
            m.replotCpuMs.push_back(cpuMs);
            if (!m.updates.empty()) { // replots are queued by the refresh before them
                m.updates.back().replotMs += ms;
                m.updates.back().replotCpuMs += cpuMs;
                ++m.updates.back().replots;
            }
        });
    }

    // The training, started as a user would; the measurement window follows its batches.
    int exitCode = 0;
    bool sawBatches = false, trainingOver = false, measured = false;
    qint64 lastDone = 0, doneAtStart = 0, doneAtEnd = 0;
    qint64 measureStart = 0, measureEnd = 0;
    auto fail = [&](const QString &why) {
        std::fprintf(stderr, "mlwb_bench_ui: %s\n", qPrintable(why));
        exitCode = 1;
        page->cancelTraining();
        if (!page->currentJob())
            app.exit(1);
    };
    auto endMeasuring = [&] {
        if (!m.on)
            return;
        m.on = false;
        measured = true;
        measureEnd = clock.nsecsElapsed();
        doneAtEnd = lastDone;
        page->cancelTraining();
        if (!page->currentJob())
            app.quit();
    };
    auto beginMeasuring = [&] {
        if (trainingOver) {
            fail(QStringLiteral("the training ended before the warm-up did; nothing measured"));
            return;
        }
        m.on = true;
        measureStart = clock.nsecsElapsed();
        doneAtStart = lastDone;
        QTimer::singleShot(int(seconds * 1000), Qt::PreciseTimer, &app, endMeasuring);
    };
    QObject::connect(page, &mlwb::TrainPage::trainingFinished, &app, [&] {
        if (!measured && exitCode == 0)
            fail(QStringLiteral("the training ended before anything was measured: %1").arg(page->errorText()));
        app.exit(exitCode);
    });
    QTimer::singleShot(300, &app, [&] { // the window is drawn first, as a user would see it
        mlwb::TrainSettings settings;
        settings.architecture = QStringLiteral("cnn");
        settings.epochs = 1;
        settings.batchSize = kBatchSize;
        settings.threads = threads;
        page->settingsPanel()->setSettings(settings);
        page->settingsPanel()->setDataset(dataset->id);
        if (page->settingsPanel()->datasetId() != dataset->id || !page->startTraining()) {
            std::fprintf(stderr, "the training did not start: %s\n", qPrintable(page->errorText()));
            app.exit(1);
            return;
        }
        QObject::connect(page->currentJob(), &mlwb::Job::progress, &app, [&](qint64 done, qint64 total, const QString &) {
            if (total <= 0) { // loading the data set, or evaluating once the batches are over
                trainingOver = sawBatches;
                if (trainingOver)
                    endMeasuring();
                return;
            }
            if (trainingOver)
                return; // the evaluation's progress
            lastDone = done;
            if (!sawBatches) {
                sawBatches = true;
                QTimer::singleShot(kWarmUpMs, Qt::PreciseTimer, &app, beginMeasuring);
            }
            if (done == total) {
                trainingOver = true;
                endMeasuring();
            }
        });
    });
    QTimer::singleShot(int(seconds * 1000) + 180'000, &app, [&] { fail(QStringLiteral("gave up after 3 minutes")); });

    app.exec();
    app.onEvent = nullptr;
    if (exitCode != 0 || !measured)
        return exitCode != 0 ? exitCode : 1;

    const double measuredSeconds = toMs(measureEnd - measureStart) / 1000;
    std::vector<double> delays, updateMs, updateCpuMs;
    for (const ProbeTick &tick : m.ticks)
        delays.push_back(tick.delayMs);
    int visibleUpdates = 0;
    for (const PlotUpdate &update : m.updates)
        if (update.replots > 0) {
            ++visibleUpdates;
            updateMs.push_back(update.refreshMs + update.replotMs);
            updateCpuMs.push_back(update.refreshCpuMs + update.replotCpuMs);
        }
    const double imagesPerSecond = double(doneAtEnd - doneAtStart) * kBatchSize / measuredSeconds;
    const QJsonObject delay = summary(delays), replot = summary(m.replotMs), update = summary(updateMs);
    const QJsonObject replotCpu = summary(m.replotCpuMs), updateCpu = summary(updateCpuMs);
    const double busyFraction = toMs(m.totalBusyNs) / 1000 / measuredSeconds;
    const double load = loadAverage();
    const QJsonObject json{
        {QStringLiteral("platform"), QGuiApplication::platformName()},
        {QStringLiteral("model"), QStringLiteral("cnn")},
        {QStringLiteral("batch_size"), kBatchSize},
        {QStringLiteral("threads"), threads},
        {QStringLiteral("seconds"), measuredSeconds},
        {QStringLiteral("load_average_1m"), load},
        {QStringLiteral("probe_interval_ms"), kProbeMs},
        {QStringLiteral("event_loop_delay_ms"), delay},
        {QStringLiteral("refresh_poll_ms"), summary(m.refreshMs)},
        {QStringLiteral("replot_ms"), replot},
        {QStringLiteral("replot_cpu_ms"), replotCpu},
        {QStringLiteral("refresh_poll_cpu_ms"), summary(m.refreshCpuMs)},
        {QStringLiteral("plot_update_cpu_ms"), updateCpu},
        {QStringLiteral("plot_paint_ms"), summary(m.paintMs)},
        {QStringLiteral("plot_update_ms"), update},
        {QStringLiteral("plot_updates_per_second"), visibleUpdates / measuredSeconds},
        {QStringLiteral("refresh_ticks_per_second"), double(m.updates.size()) / measuredSeconds},
        {QStringLiteral("ui_thread_busy_fraction"), busyFraction},
        {QStringLiteral("ui_thread_cpu_fraction"), toMs(m.totalBusyCpuNs) / 1000 / measuredSeconds},
        {QStringLiteral("images_per_second"), imagesPerSecond},
    };
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());

    auto ms = [](const QJsonObject &o, const char *key) { return QString::number(o.value(QLatin1String(key)).toDouble(), 'f', 2); };
    std::fprintf(stderr,
                 "UI on %s while cnn trains on %d threads (%.0f img/s), %.1f s, load %.2f: event-loop delay p50 %s ms, "
                 "p99 %s ms, max %s ms (%lld ticks of %d ms); replot p50 %s ms, p99 %s ms, max %s ms (%lld replots; "
                 "on a core p50 %s ms, p99 %s ms); poll + replots p50 %s ms, p99 %s ms (on a core p99 %s ms); "
                 "%.1f plot updates/s; UI thread busy %.1f%%\n",
                 qPrintable(QGuiApplication::platformName()), threads, imagesPerSecond, measuredSeconds, load,
                 qPrintable(ms(delay, "p50")), qPrintable(ms(delay, "p99")), qPrintable(ms(delay, "max")),
                 qint64(delays.size()), kProbeMs, qPrintable(ms(replot, "p50")), qPrintable(ms(replot, "p99")),
                 qPrintable(ms(replot, "max")), qint64(m.replotMs.size()), qPrintable(ms(replotCpu, "p50")),
                 qPrintable(ms(replotCpu, "p99")), qPrintable(ms(update, "p50")), qPrintable(ms(update, "p99")),
                 qPrintable(ms(updateCpu, "p99")), visibleUpdates / measuredSeconds, busyFraction * 100);
    std::vector<ProbeTick> slowest = m.ticks;
    const size_t shown = std::min<size_t>(kSlowestShown, slowest.size());
    std::partial_sort(slowest.begin(), slowest.begin() + qsizetype(shown), slowest.end(),
                      [](const ProbeTick &a, const ProbeTick &b) { return a.delayMs > b.delayMs; });
    for (size_t i = 0; i < shown; ++i)
        std::fprintf(stderr,
                     "  slow tick: %.1f ms late; in the %.1f ms gap the UI thread ran handlers for %.1f ms (%.1f ms on "
                     "a core), longest %.1f ms (%.1f ms on a core): %s\n",
                     slowest[i].delayMs, slowest[i].gapMs, slowest[i].busyMs, slowest[i].busyCpuMs,
                     toMs(slowest[i].longest.ns), toMs(slowest[i].longest.cpuNs), qPrintable(slowest[i].longest.describe()));
    std::vector<HandlerTotal> handlers;
    for (const auto &[kind, total] : m.handlers)
        handlers.push_back(total);
    std::sort(handlers.begin(), handlers.end(), [](const auto &a, const auto &b) { return a.slowest.ns > b.slowest.ns; });
    for (size_t i = 0; i < std::min<size_t>(kSlowestShown, handlers.size()); ++i)
        std::fprintf(stderr,
                     "  handler: slowest %.1f ms (%.1f ms on a core; most on a core %.1f ms), in all %.1f ms (%.1f ms) "
                     "over %lld calls: %s\n",
                     toMs(handlers[i].slowest.ns), toMs(handlers[i].slowest.cpuNs), toMs(handlers[i].maxCpuNs),
                     toMs(handlers[i].totalNs),
                     toMs(handlers[i].totalCpuNs), handlers[i].count, qPrintable(handlers[i].slowest.describe()));
    return 0;
}
