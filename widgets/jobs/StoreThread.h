#pragma once
#include "common/Error.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace mlwb {

// The window's one thread for database writes, and for anything else that may wait on the
// workspace's SQLite lock (another process's transaction can hold it for seconds; SQLite
// then waits up to busy_timeout, and a transaction retries for a minute). The UI thread
// never waits: work runs here one piece at a time, in the order it was asked (so the user's
// changes land in the order they were made), and its result comes back on the UI thread.
// Reads may stay on the UI thread: in WAL mode a reader never waits for a writer.
class StoreThread : public QObject {
    Q_OBJECT
public:
    explicit StoreThread(QObject *parent = nullptr);
    ~StoreThread() override; // finishes what was asked, then stops

    // Runs `work` here; then, on the UI thread and only while `receiver` still exists,
    // `done` with its result (nothing for void), or `failed` with the message of the Error
    // (or other exception) it threw.
    template <typename Work, typename Done>
    void run(QObject *receiver, Work work, Done done, std::function<void(const QString &)> failed = {})
    {
        using Result = std::invoke_result_t<Work &>;
        QPointer<QObject> guard(receiver);
        post([this, guard, work = std::move(work), done = std::move(done), failed = std::move(failed)]() mutable {
            auto result = std::make_shared<std::optional<std::conditional_t<std::is_void_v<Result>, bool, Result>>>();
            QString error;
            try {
                if constexpr (std::is_void_v<Result>) {
                    work();
                    result->emplace(true);
                } else {
                    result->emplace(work());
                }
            } catch (const Error &e) {
                error = e.message();
            } catch (const std::exception &e) {
                error = QString::fromLocal8Bit(e.what());
            }
            // Back through this object (it lives on the UI thread), where `guard` may be read.
            QMetaObject::invokeMethod(this, [guard, done, failed, result, error] {
                if (!guard)
                    return;
                if (!result->has_value()) {
                    if (failed)
                        failed(error);
                } else if constexpr (std::is_void_v<Result>) {
                    done();
                } else {
                    done(std::move(**result));
                }
            }, Qt::QueuedConnection);
        });
    }

    // Work asked for and not yet answered on the UI thread.
    int pending() const { return m_pending; }

Q_SIGNALS:
    // All that was asked has been answered.
    void idle();

private:
    void post(std::function<void()> task);

    QThread m_thread;
    QObject *m_worker; // lives on m_thread; tasks run in its event loop
    int m_pending = 0;
};

} // namespace mlwb
