#pragma once
#include "common/Cancel.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <exception>

namespace mlwb {

// The one shape of long work (ingest, train, evaluate, export): parameters in, a result out,
// an atomic cancel flag, and signals. run() executes on a pool thread; exceptions are caught
// at that boundary and become failed(message). A job owns no widget; the CLI and the GUI
// both listen to the same signals.
class Job : public QObject {
    Q_OBJECT
public:
    explicit Job(QString title, QObject *parent = nullptr);
    ~Job() override;

    const QString &title() const { return m_title; }
    void start();          // asynchronous: returns at once
    void runHere();        // synchronous, on the calling thread (tests)
    void cancel() { m_cancel.cancel(); }
    // Cancelled also when `parent` is: for a job run with runHere() inside another job.
    void followCancel(const CancelFlag &parent) { m_cancel.follow(&parent); }
    bool isCancelled() const { return m_cancel.isCancelled(); }
    bool isRunning() const { return m_running.load(); }
    // Blocks until the job ended (for a CLI without an event loop). Returns true on success.
    bool wait();
    bool succeededFlag() const { return m_succeeded; }
    const QString &errorMessage() const { return m_error; }
    // After a failure or cancel: throws what run() threw (keeps UsageError apart from Error).
    void rethrowIfFailed() const;

Q_SIGNALS:
    void started();
    // done of total units; `what` says what is being done ("epoch 2/5", "reading PNGs").
    void progress(qint64 done, qint64 total, const QString &what);
    void succeeded();
    void failed(const QString &message);
    void cancelled();
    void finished();

protected:
    // Does the work; throws mlwb::Error, mlwb::Cancelled, or anything else.
    virtual void execute() = 0;
    const CancelFlag &cancelFlag() const { return m_cancel; }
    void reportProgress(qint64 done, qint64 total, const QString &what) { Q_EMIT progress(done, total, what); }

private:
    void runGuarded();

    QString m_title;
    CancelFlag m_cancel;
    std::atomic_bool m_running{false};
    bool m_succeeded = false;
    QString m_error;
    std::exception_ptr m_exception;
    class Waiter;
    Waiter *m_waiter;
};

} // namespace mlwb
