#include "printers/human_duration.h"

namespace cox::printers {

namespace {

std::string withUnits(long a, const char *ua, long b, const char *ub) {
    std::string out = std::to_string(a) + ua;
    if (b != 0)
        out += std::to_string(b) + ub;
    return out;
}

} // namespace

std::string humanDuration(std::chrono::milliseconds d) {
    // Up to two seconds in the future counts as now: clocks of machines drift.
    long seconds = static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(d).count());
    if (seconds < -1)
        return "<invalid>";
    if (seconds < 0)
        return "0s";
    if (seconds < 60 * 2)
        return std::to_string(seconds) + "s";
    long minutes = seconds / 60;
    if (minutes < 10)
        return withUnits(minutes, "m", seconds % 60, "s");
    if (minutes < 60 * 3)
        return std::to_string(minutes) + "m";
    long hours = minutes / 60;
    if (hours < 8)
        return withUnits(hours, "h", minutes % 60, "m");
    if (hours < 48)
        return std::to_string(hours) + "h";
    if (hours < 24 * 8)
        return withUnits(hours / 24, "d", hours % 24, "h");
    if (hours < 24 * 365 * 2)
        return std::to_string(hours / 24) + "d";
    if (hours < 24 * 365 * 8)
        return withUnits(hours / 24 / 365, "y", (hours / 24) % 365, "d");
    return std::to_string(hours / 24 / 365) + "y";
}

std::string ageSince(const std::string &rfc3339, WallTime now) {
    WallTime then;
    if (rfc3339.empty() || !parseRfc3339(rfc3339, then))
        return "<unknown>";
    return humanDuration(std::chrono::duration_cast<std::chrono::milliseconds>(now - then));
}

} // namespace cox::printers
