#pragma once
#include <QString>
#include <functional>
#include <string_view>

#include <spdlog/spdlog.h>

// Lets core code write spdlog::info("opened {}", path) with a QString argument.
template <>
struct fmt::formatter<QString> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const QString &s, FormatContext &ctx) const -> decltype(ctx.out())
    {
        const QByteArray utf8 = s.toUtf8();
        return fmt::formatter<std::string_view>::format(std::string_view(utf8.constData(), size_t(utf8.size())), ctx);
    }
};

namespace mlwb {

// Where log lines go besides listeners and the workspace log file:
// Cli and Test write short lines to stderr, Gui writes none there (the log panel shows them).
enum class LogMode { Cli, Gui, Test };

// Same numbers as spdlog::level::level_enum; listeners receive these as int.
enum class LogLevel { Trace = 0, Debug, Info, Warn, Error, Critical, Off };

// Installs mlwb's logger as spdlog's default logger and routes qDebug/qInfo/qWarning/
// qCritical into it. Level from MLWB_LOG_LEVEL (trace, debug, info, warn, error, critical,
// off; default info). With logDir, also a rotating file logDir/mlwb.log (5 MB × 3).
// Call once from main() before threads start; calling again rebuilds the logger.
void initLogging(LogMode mode, const QString &logDir = {});

// Adds (or moves) the rotating file sink to dir/mlwb.log, e.g. once a workspace is open.
// Creates dir. Throws Error when the file cannot be opened. Thread-safe.
void addLogFile(const QString &dir);

// The file currently written, or empty.
QString logFilePath();

// A listener gets every formatted line at or above the logger's level, on the thread that
// logged it (a GUI must queue it to its own thread). Thread-safe. A listener that logs
// itself is not called again for that line (no recursion). Returns an id for removal.
using LogListener = std::function<void(int level, const QString &text)>;
int addLogListener(LogListener listener);
void removeLogListener(int id);

// Changes the level at run time (the GUI's log panel may offer it).
void setLogLevel(LogLevel level);
LogLevel logLevel();

// Parses trace..off (also "warning"); returns fallback for anything else.
LogLevel parseLogLevel(const QString &text, LogLevel fallback);

// Flushes and detaches from Qt's message handler; safe to call more than once.
void shutdownLogging();

} // namespace mlwb
