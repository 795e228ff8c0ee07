// CancelToken: a shared flag the caller sets to stop a bootstrap; steps check it between and
// inside long operations (command output loops, uploads, the Ready wait). Copies share the flag,
// so the console can keep one and hand another to a worker thread.
#pragma once

#include <atomic>
#include <memory>

namespace cox::bootstrap {

class CancelToken {
public:
    CancelToken()
        : m_flag(std::make_shared<std::atomic<bool>>(false)) {}

    void cancel() const { m_flag->store(true); }
    bool cancelled() const { return m_flag->load(); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

} // namespace cox::bootstrap
