#pragma once
// Private to core's .cpp files that run networks (inference, training): includes ATen.
#include <ATen/autocast_mode.h>

namespace mlwb {

// libtorch's CPU autocast for the forward passes in its scope: convolutions and matrix
// products in bf16, their weights converted once per scope. Autocast's state and its cache
// of converted weights are per thread: a guard affects only the thread that made it, and
// each thread that runs a forward needs its own. The destructor restores the previous state
// and drops this thread's cache: the weights change between scopes (an optimizer step, a
// fine-tuned copy), and the autograd graph keeps what the backward pass needs.
class Bf16Autocast {
public:
    explicit Bf16Autocast(bool on) : m_on(on)
    {
        if (!m_on)
            return;
        m_wasEnabled = at::autocast::is_cpu_enabled();
        m_wasType = at::autocast::get_autocast_cpu_dtype();
        at::autocast::set_cpu_enabled(true);
        at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    }
    ~Bf16Autocast()
    {
        if (!m_on)
            return;
        at::autocast::set_cpu_enabled(m_wasEnabled);
        at::autocast::set_autocast_cpu_dtype(m_wasType);
        at::autocast::clear_cache();
    }
    Bf16Autocast(const Bf16Autocast &) = delete;
    Bf16Autocast &operator=(const Bf16Autocast &) = delete;

private:
    bool m_on;
    bool m_wasEnabled = false;
    at::ScalarType m_wasType = at::kBFloat16;
};

} // namespace mlwb
