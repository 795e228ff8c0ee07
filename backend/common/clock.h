// Clock: the one source of "now" for controllers, leases and timestamps, so tests drive time
// with FakeClock instead of sleeping.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace cox {

using WallTime = std::chrono::system_clock::time_point;

class Clock {
public:
    virtual ~Clock() = default;
    virtual WallTime now() const = 0;
};

class SystemClock final : public Clock {
public:
    WallTime now() const override { return std::chrono::system_clock::now(); }
    static SystemClock &instance();
};

class FakeClock final : public Clock {
public:
    explicit FakeClock(WallTime start = WallTime(std::chrono::seconds(1'700'000'000)))
        : m_now(start) {}
    WallTime now() const override {
        std::lock_guard lock(m_mutex);
        return m_now;
    }
    void advance(std::chrono::milliseconds by) {
        std::lock_guard lock(m_mutex);
        m_now += by;
    }
    void set(WallTime to) {
        std::lock_guard lock(m_mutex);
        m_now = to;
    }

private:
    mutable std::mutex m_mutex;
    WallTime m_now;
};

// RFC 3339 in UTC with second precision, as Kubernetes writes metav1.Time: "2026-11-28T14:20:34Z".
std::string formatRfc3339(WallTime time);
// Accepts "...Z" with optional fractional seconds; returns false when the text is not RFC 3339.
bool parseRfc3339(const std::string &text, WallTime &out);
// RFC 3339 with microseconds, as Kubernetes writes metav1.MicroTime (Lease renewTime).
std::string formatRfc3339Micro(WallTime time);

} // namespace cox
