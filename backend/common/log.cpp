#include "log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace cox::log {
namespace {

std::atomic<Level> g_level{Level::Info};
std::mutex g_mutex;

const char *levelName(Level level) {
    switch (level) {
    case Level::Debug:
        return "D";
    case Level::Info:
        return "I";
    case Level::Warn:
        return "W";
    case Level::Error:
        return "E";
    }
    return "?";
}

} // namespace

void setLevel(Level level) {
    g_level = level;
}
Level level() {
    return g_level;
}

void write(Level lvl, std::string_view component, std::string_view message) {
    if (lvl < g_level.load())
        return;
    const auto now = std::chrono::system_clock::now();
    const std::time_t secs = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(millis));
    std::lock_guard lock(g_mutex);
    std::fprintf(stderr, "%s %s [%.*s] %.*s\n", levelName(lvl), stamp,
                 static_cast<int>(component.size()), component.data(),
                 static_cast<int>(message.size()), message.data());
}

} // namespace cox::log
