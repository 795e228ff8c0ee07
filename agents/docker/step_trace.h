// StepTrace: the per-pod timeline of the docker runtime under COX_DOCKER_TRACE - the time each
// step of one operation took (pause create, start, CNI ADD, ...), logged as one line when the
// operation ends, so a benchmark's agent log says where a pod's start went. Costs nothing
// when tracing is off.
#pragma once

#include "common/log.h"

#include <chrono>
#include <string>

namespace cox::agent::docker {

class StepTrace {
public:
    StepTrace(bool on, std::string what)
        : m_on(on)
        , m_what(std::move(what)) {}
    ~StepTrace() {
        if (m_on)
            COX_LOG(Info, "docker") << "timeline " << m_what << ":" << m_steps
                                    << " total=" << elapsedMs(m_begin) << "ms";
    }
    StepTrace(const StepTrace &) = delete;
    StepTrace &operator=(const StepTrace &) = delete;

    // The step that just ended: the time since the previous mark.
    void mark(const char *step) {
        if (!m_on)
            return;
        auto now = Clock::now();
        m_steps += std::string(" ") + step + "=" + std::to_string(elapsedMs(m_last, now)) + "ms";
        m_last = now;
    }
    void setWhat(std::string what) { m_what = std::move(what); }

private:
    using Clock = std::chrono::steady_clock;
    static long elapsedMs(Clock::time_point from, Clock::time_point to = Clock::now()) {
        return static_cast<long>(
            std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count());
    }

    bool m_on;
    std::string m_what;
    std::string m_steps;
    Clock::time_point m_begin = Clock::now();
    Clock::time_point m_last = m_begin;
};

} // namespace cox::agent::docker
