#include "common/Log.h"

#include "common/Error.h"

#include <QDir>
#include <QFile>
#include <QtGlobal>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace mlwb {
namespace {

constexpr size_t kLogFileBytes = 5 * 1024 * 1024;
constexpr size_t kLogFileCount = 3;

// True while this thread is inside the logger's sinks: a listener (or a Qt warning raised
// by a sink) that logs again is dropped instead of dead-locking or recursing.
thread_local bool t_insideSinks = false;

// Calls the GUI listeners. Holds its (recursive) mutex while calling them, so that once
// removeLogListener returns, the removed listener is never called again.
class ListenerSink final : public spdlog::sinks::sink {
public:
    ListenerSink() : m_formatter(std::make_unique<spdlog::pattern_formatter>("%H:%M:%S %v", spdlog::pattern_time_type::local, std::string())) {}

    void log(const spdlog::details::log_msg &msg) override
    {
        std::lock_guard lock(m_mutex);
        if (m_listeners.empty())
            return;
        spdlog::memory_buf_t formatted;
        m_formatter->format(msg, formatted);
        const QString text = QString::fromUtf8(formatted.data(), qsizetype(formatted.size()));
        // A listener may add or remove listeners (itself too) while it runs: walk the ids
        // present now, skip those removed meanwhile, and call a copy.
        std::vector<int> ids;
        ids.reserve(m_listeners.size());
        for (const auto &entry : m_listeners)
            ids.push_back(entry.first);
        for (const int id : ids) {
            const auto it = m_listeners.find(id);
            if (it == m_listeners.end())
                continue;
            const LogListener listener = it->second;
            listener(int(msg.level), text);
        }
    }
    void flush() override {}
    void set_pattern(const std::string &pattern) override
    {
        std::lock_guard lock(m_mutex);
        m_formatter = std::make_unique<spdlog::pattern_formatter>(pattern, spdlog::pattern_time_type::local, std::string());
    }
    void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override
    {
        std::lock_guard lock(m_mutex);
        m_formatter = std::move(formatter);
    }

    int add(LogListener listener)
    {
        std::lock_guard lock(m_mutex);
        const int id = ++m_lastId;
        m_listeners.emplace(id, std::move(listener));
        return id;
    }
    void remove(int id)
    {
        std::lock_guard lock(m_mutex);
        m_listeners.erase(id);
    }

private:
    std::recursive_mutex m_mutex;
    std::unique_ptr<spdlog::formatter> m_formatter;
    std::map<int, LogListener> m_listeners;
    int m_lastId = 0;
};

// The logger's one sink. It forwards to stderr / file / listeners from a snapshot taken
// under a short lock, so sinks can be swapped while other threads log.
class FanOutSink final : public spdlog::sinks::sink {
public:
    using Sinks = std::vector<spdlog::sink_ptr>;

    void log(const spdlog::details::log_msg &msg) override
    {
        if (t_insideSinks)
            return;
        t_insideSinks = true;
        for (const auto &sink : *snapshot())
            if (sink->should_log(msg.level))
                sink->log(msg);
        t_insideSinks = false;
    }
    void flush() override
    {
        for (const auto &sink : *snapshot())
            sink->flush();
    }
    // Each target keeps its own pattern.
    void set_pattern(const std::string &) override {}
    void set_formatter(std::unique_ptr<spdlog::formatter>) override {}

    void setConsole(spdlog::sink_ptr sink) { replace(m_console, std::move(sink)); }
    void setFile(spdlog::sink_ptr sink, const QString &path)
    {
        std::lock_guard lock(m_mutex);
        m_file = std::move(sink);
        m_filePath = path;
        rebuild();
    }
    QString filePath() const
    {
        std::lock_guard lock(m_mutex);
        return m_filePath;
    }
    ListenerSink &listeners() { return *m_listeners; }

private:
    std::shared_ptr<const Sinks> snapshot() const
    {
        std::lock_guard lock(m_mutex);
        return m_snapshot;
    }
    void replace(spdlog::sink_ptr &slot, spdlog::sink_ptr sink)
    {
        std::lock_guard lock(m_mutex);
        slot = std::move(sink);
        rebuild();
    }
    void rebuild()
    {
        auto sinks = std::make_shared<Sinks>();
        for (const auto &s : {m_console, m_file, spdlog::sink_ptr(m_listeners)})
            if (s)
                sinks->push_back(s);
        m_snapshot = std::move(sinks);
    }

    mutable std::mutex m_mutex;
    spdlog::sink_ptr m_console;
    spdlog::sink_ptr m_file;
    QString m_filePath;
    std::shared_ptr<ListenerSink> m_listeners = std::make_shared<ListenerSink>();
    std::shared_ptr<const Sinks> m_snapshot = std::make_shared<Sinks>(Sinks{m_listeners});
};

std::shared_ptr<FanOutSink> fanOut()
{
    static const auto sink = std::make_shared<FanOutSink>();
    return sink;
}

std::atomic_bool g_handlerInstalled{false};
QtMessageHandler g_previousHandler = nullptr;

spdlog::level::level_enum toSpdlog(LogLevel level)
{
    return spdlog::level::level_enum(int(level));
}

void routeQtMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    spdlog::level::level_enum level = spdlog::level::info;
    switch (type) {
    case QtDebugMsg: level = spdlog::level::debug; break;
    case QtInfoMsg: level = spdlog::level::info; break;
    case QtWarningMsg: level = spdlog::level::warn; break;
    case QtCriticalMsg: level = spdlog::level::err; break;
    case QtFatalMsg: level = spdlog::level::critical; break;
    }
    const bool namedCategory = context.category && qstrcmp(context.category, "default") != 0;
    if (auto *logger = spdlog::default_logger_raw()) {
        if (namedCategory)
            logger->log(level, "[{}] {}", context.category, message);
        else
            logger->log(level, "{}", message);
        if (type == QtFatalMsg)
            logger->flush();
    }
    if (type == QtFatalMsg)
        std::abort();
}

// Destroyed before spdlog's registry (it is created after it): Qt messages emitted during
// static destruction must not reach a destroyed logger.
struct ShutdownAtExit {
    ~ShutdownAtExit() { shutdownLogging(); }
};

} // namespace

LogLevel parseLogLevel(const QString &text, LogLevel fallback)
{
    const QString t = text.trimmed().toLower();
    if (t == u"trace") return LogLevel::Trace;
    if (t == u"debug") return LogLevel::Debug;
    if (t == u"info") return LogLevel::Info;
    if (t == u"warn" || t == u"warning") return LogLevel::Warn;
    if (t == u"error" || t == u"err") return LogLevel::Error;
    if (t == u"critical") return LogLevel::Critical;
    if (t == u"off") return LogLevel::Off;
    return fallback;
}

void initLogging(LogMode mode, const QString &logDir)
{
    const auto sink = fanOut();
    if (mode == LogMode::Gui) {
        sink->setConsole(nullptr);
    } else {
        auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        console->set_pattern("%H:%M:%S %^%l%$ %v");
        sink->setConsole(std::move(console));
    }

    auto logger = std::make_shared<spdlog::logger>("mlwb", sink);
    const QByteArray envLevel = qgetenv("MLWB_LOG_LEVEL");
    const LogLevel level = parseLogLevel(QString::fromLocal8Bit(envLevel), LogLevel::Info);
    logger->set_level(toSpdlog(level));
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
    static ShutdownAtExit shutdownAtExit;

    if (!g_handlerInstalled.exchange(true))
        g_previousHandler = qInstallMessageHandler(routeQtMessage);

    if (!envLevel.isEmpty() && parseLogLevel(QString::fromLocal8Bit(envLevel), LogLevel(-1)) == LogLevel(-1))
        spdlog::warn("MLWB_LOG_LEVEL={} is not one of trace, debug, info, warn, error, critical, off; using info",
                     envLevel.toStdString());
    if (!logDir.isEmpty())
        addLogFile(logDir);
}

void addLogFile(const QString &dir)
{
    const QString path = QDir(dir).absoluteFilePath(QStringLiteral("mlwb.log"));
    const auto sink = fanOut();
    if (sink->filePath() == path)
        return;
    if (!QDir().mkpath(dir))
        throw Error(QStringLiteral("%1: cannot create the log folder").arg(dir));
    try {
        auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(QFile::encodeName(path).toStdString(),
                                                                           kLogFileBytes, kLogFileCount);
        file->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] [pid %P tid %t] %v");
        sink->setFile(std::move(file), path);
    } catch (const spdlog::spdlog_ex &e) {
        throw Error(QStringLiteral("%1: cannot open the log file: %2").arg(path, QString::fromLocal8Bit(e.what())));
    }
}

QString logFilePath()
{
    return fanOut()->filePath();
}

int addLogListener(LogListener listener)
{
    return fanOut()->listeners().add(std::move(listener));
}

void removeLogListener(int id)
{
    fanOut()->listeners().remove(id);
}

void setLogLevel(LogLevel level)
{
    spdlog::default_logger_raw()->set_level(toSpdlog(level));
}

LogLevel logLevel()
{
    return LogLevel(int(spdlog::default_logger_raw()->level()));
}

void shutdownLogging()
{
    if (g_handlerInstalled.exchange(false))
        qInstallMessageHandler(g_previousHandler);
    if (auto *logger = spdlog::default_logger_raw())
        logger->flush();
}

} // namespace mlwb
