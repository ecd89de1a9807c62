#include "jobs/StoreThread.h"

namespace mlwb {

StoreThread::StoreThread(QObject *parent) : QObject(parent), m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("mlwb store"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

StoreThread::~StoreThread()
{
    // Queued behind everything asked so far: what the user changed is not lost on closing.
    QMetaObject::invokeMethod(m_worker, [this] { m_thread.quit(); }, Qt::QueuedConnection);
    m_thread.wait();
}

void StoreThread::post(std::function<void()> task)
{
    ++m_pending;
    QMetaObject::invokeMethod(m_worker, [this, task = std::move(task)] {
        task();
        // Counted down on the UI thread, after the task's own answer (queued before this).
        QMetaObject::invokeMethod(this, [this] {
            if (--m_pending == 0)
                Q_EMIT idle();
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

} // namespace mlwb
