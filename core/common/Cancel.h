#pragma once
#include <atomic>
#include <functional>
#include <QtGlobal>

namespace mlwb {

// Shared by a job and whoever may cancel it.
class CancelFlag {
public:
    void cancel() noexcept { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const noexcept
    {
        return m_cancelled.load(std::memory_order_relaxed) || (m_parent && m_parent->isCancelled());
    }
    void reset() noexcept { m_cancelled.store(false, std::memory_order_relaxed); }
    // Also cancelled whenever `parent` is (a step run inside a longer job). Set before the
    // work starts; the parent must outlive this flag's use.
    void follow(const CancelFlag *parent) noexcept { m_parent = parent; }

private:
    std::atomic_bool m_cancelled{false};
    const CancelFlag *m_parent = nullptr;
};

// Progress callback for long work: done out of total units. Called from the worker thread.
using ProgressFn = std::function<void(qint64 done, qint64 total)>;

} // namespace mlwb
