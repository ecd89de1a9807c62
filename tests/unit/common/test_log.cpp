#include "common/Log.h"

#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <mutex>

using namespace mlwb;

namespace {

// Collects what a listener receives.
struct Received {
    std::mutex mutex;
    QList<QPair<int, QString>> lines;

    void add(int level, const QString &text)
    {
        std::lock_guard lock(mutex);
        lines.append({level, text});
    }
    bool contains(int level, const QString &fragment)
    {
        std::lock_guard lock(mutex);
        for (const auto &[l, text] : lines)
            if (l == level && text.contains(fragment))
                return true;
        return false;
    }
    qsizetype size()
    {
        std::lock_guard lock(mutex);
        return lines.size();
    }
};

} // namespace

class TestLog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        qunsetenv("MLWB_LOG_LEVEL");
        initLogging(LogMode::Test);
        setLogLevel(LogLevel::Info);
    }

    void parsesLevels_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected");
        QTest::newRow("trace") << "trace" << int(LogLevel::Trace);
        QTest::newRow("debug") << "DEBUG" << int(LogLevel::Debug);
        QTest::newRow("info") << " info " << int(LogLevel::Info);
        QTest::newRow("warn") << "warn" << int(LogLevel::Warn);
        QTest::newRow("warning") << "warning" << int(LogLevel::Warn);
        QTest::newRow("error") << "error" << int(LogLevel::Error);
        QTest::newRow("critical") << "critical" << int(LogLevel::Critical);
        QTest::newRow("off") << "off" << int(LogLevel::Off);
        QTest::newRow("unknown") << "loud" << int(LogLevel::Critical);
        QTest::newRow("empty") << "" << int(LogLevel::Critical);
    }
    void parsesLevels()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        QCOMPARE(int(parseLogLevel(text, LogLevel::Critical)), expected);
    }

    void levelComesFromEnvironment()
    {
        qputenv("MLWB_LOG_LEVEL", "error");
        initLogging(LogMode::Test);
        QCOMPARE(logLevel(), LogLevel::Error);
        qputenv("MLWB_LOG_LEVEL", "nonsense");
        initLogging(LogMode::Test);
        QCOMPARE(logLevel(), LogLevel::Info);
        qunsetenv("MLWB_LOG_LEVEL");
    }

    void listenerGetsLinesAtOrAboveLevel()
    {
        Received received;
        const int id = addLogListener([&](int level, const QString &text) { received.add(level, text); });
        spdlog::info("hello {}", QStringLiteral("wörld"));
        spdlog::debug("too quiet");
        QVERIFY(received.contains(int(LogLevel::Info), QStringLiteral("hello wörld")));
        QVERIFY(!received.contains(int(LogLevel::Debug), QStringLiteral("too quiet")));

        setLogLevel(LogLevel::Debug);
        spdlog::debug("now loud enough");
        QVERIFY(received.contains(int(LogLevel::Debug), QStringLiteral("now loud enough")));

        removeLogListener(id);
        const qsizetype before = received.size();
        spdlog::warn("after removal");
        QCOMPARE(received.size(), before);
    }

    void qtMessagesAreRouted()
    {
        Received received;
        const int id = addLogListener([&](int level, const QString &text) { received.add(level, text); });
        qWarning("careful with %s", "that");
        qCritical() << "broken thing";
        qInfo() << "some info";
        QVERIFY(received.contains(int(LogLevel::Warn), QStringLiteral("careful with that")));
        QVERIFY(received.contains(int(LogLevel::Error), QStringLiteral("broken thing")));
        QVERIFY(received.contains(int(LogLevel::Info), QStringLiteral("some info")));
        removeLogListener(id);
    }

    void writesTheLogFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString logs = dir.filePath(QStringLiteral("logs"));
        addLogFile(logs);
        QCOMPARE(logFilePath(), logs + QStringLiteral("/mlwb.log"));
        spdlog::warn("written to the file {}", 42);
        spdlog::default_logger()->flush();
        QFile file(logFilePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY2(content.contains("written to the file 42"), content.constData());
        QVERIFY(content.contains("[warning]"));
        file.close();

        // Moving to another folder leaves the first file alone.
        QTemporaryDir other;
        addLogFile(other.path());
        spdlog::warn("second file");
        spdlog::default_logger()->flush();
        QFile first(logs + QStringLiteral("/mlwb.log"));
        QVERIFY(first.open(QIODevice::ReadOnly));
        QVERIFY(!first.readAll().contains("second file"));
        initLogging(LogMode::Test); // keeps the file sink
        QCOMPARE(logFilePath(), other.path() + QStringLiteral("/mlwb.log"));
    }

    void listenerThatLogsDoesNotDeadlock()
    {
        std::atomic_int calls{0};
        const int id = addLogListener([&](int, const QString &) {
            ++calls;
            spdlog::info("logged from inside a listener");
        });
        spdlog::info("outer");
        QCOMPARE(calls.load(), 1);
        removeLogListener(id);
    }

    void listenerCanRemoveItself()
    {
        int id = 0;
        int calls = 0;
        id = addLogListener([&](int, const QString &) {
            ++calls;
            removeLogListener(id);
        });
        spdlog::info("first");
        spdlog::info("second");
        QCOMPARE(calls, 1);
    }

    void concurrentLoggingReachesListener()
    {
        initLogging(LogMode::Gui); // the GUI mode: listeners only, nothing on stderr
        setLogLevel(LogLevel::Info);
        std::atomic_int count{0};
        const int id = addLogListener([&](int, const QString &text) {
            if (text.contains(QStringLiteral("worker line")))
                ++count;
        });
        constexpr int threads = 4, lines = 500;
        QList<QThread *> workers;
        for (int t = 0; t < threads; ++t)
            workers << QThread::create([t] {
                for (int i = 0; i < lines; ++i)
                    spdlog::info("worker line {} {}", t, i);
            });
        for (QThread *w : workers)
            w->start();
        // Listeners come and go while the workers log.
        for (int i = 0; i < 200; ++i)
            removeLogListener(addLogListener([](int, const QString &) {}));
        for (QThread *w : workers) {
            QVERIFY(w->wait(30000));
            delete w;
        }
        QCOMPARE(count.load(), threads * lines);
        removeLogListener(id);
    }
};

QTEST_GUILESS_MAIN(TestLog)
#include "test_log.moc"
