#include "clock.h"

#include <cstdio>
#include <ctime>

namespace cox {

SystemClock &SystemClock::instance() {
    static SystemClock clock;
    return clock;
}

std::string formatRfc3339(WallTime time) {
    const std::time_t secs = std::chrono::system_clock::to_time_t(time);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string formatRfc3339Micro(WallTime time) {
    const std::time_t secs = std::chrono::system_clock::to_time_t(time);
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count() %
        1'000'000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[48];
    const size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buf + n, sizeof buf - n, ".%06ldZ", static_cast<long>(micros));
    return buf;
}

bool parseRfc3339(const std::string &text, WallTime &out) {
    std::tm tm{};
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    long micros = 0;
    size_t pos = static_cast<size_t>(consumed);
    if (pos < text.size() && text[pos] == '.') {
        long scale = 100000;
        for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
            micros += (text[pos] - '0') * scale;
            scale /= 10;
        }
    }
    if (pos >= text.size() || (text[pos] != 'Z' && text[pos] != 'z'))
        return false;
    const std::time_t secs = timegm(&tm);
    out = std::chrono::system_clock::from_time_t(secs) + std::chrono::microseconds(micros);
    return true;
}

} // namespace cox
