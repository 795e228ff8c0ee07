// LogOptions parsing, CRI line parsing and RFC3339 time conversion.
#include "logs/log_options.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace cox::agent::logs {

namespace {
Result<bool> parseBool(const std::string &name, const std::string &value) {
    if (value.empty() || value == "true" || value == "1")
        return true;
    if (value == "false" || value == "0")
        return false;
    return Status(StatusCode::BadRequest,
                  "invalid value \"" + value + "\" for " + name + ": want true or false");
}

Result<int64_t> parseInt(const std::string &name, const std::string &value, int64_t minimum) {
    int64_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size())
        return Status(StatusCode::BadRequest,
                      "invalid value \"" + value + "\" for " + name + ": want an integer");
    if (n < minimum)
        return Status(StatusCode::BadRequest,
                      name + " must be at least " + std::to_string(minimum));
    return n;
}

bool digits(std::string_view s, size_t pos, size_t count, int &out) {
    if (pos + count > s.size())
        return false;
    out = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}
} // namespace

Result<LogOptions> parseLogOptions(const std::multimap<std::string, std::string> &query,
                                   TimePoint now) {
    LogOptions options;
    for (const auto &[name, value] : query) {
        if (name == "follow" || name == "timestamps" || name == "previous") {
            auto b = parseBool(name, value);
            if (!b)
                return b.status();
            (name == "follow"       ? options.follow
             : name == "timestamps" ? options.timestamps
                                    : options.previous) = *b;
        } else if (name == "tailLines" || name == "limitBytes" || name == "sinceSeconds") {
            auto n = parseInt(name, value, name == "tailLines" ? 0 : 1);
            if (!n)
                return n.status();
            if (name == "tailLines")
                options.tailLines = *n;
            else if (name == "limitBytes")
                options.limitBytes = *n;
            else
                options.since = now - std::chrono::seconds(*n);
        } else if (name == "sinceTime") {
            auto t = parseRfc3339(value);
            if (!t)
                return Status(StatusCode::BadRequest,
                              "invalid sinceTime \"" + value + "\": want RFC3339");
            options.since = *t;
        }
    }
    if (query.count("sinceSeconds") && query.count("sinceTime"))
        return Status(StatusCode::BadRequest, "at most one of sinceTime or sinceSeconds may be "
                                              "specified");
    return options;
}

std::string logPathFor(const std::string &podLogDir, const std::string &container,
                       int restartCount) {
    return podLogDir + "/" + container + "/" + std::to_string(restartCount) + ".log";
}

bool parseCriLine(std::string_view line, CriLine &out) {
    size_t a = line.find(' ');
    if (a == std::string_view::npos)
        return false;
    size_t b = line.find(' ', a + 1);
    if (b == std::string_view::npos || b + 2 > line.size())
        return false;
    auto time = parseRfc3339(line.substr(0, a));
    if (!time)
        return false;
    char tag = line[b + 1];
    if ((tag != 'F' && tag != 'P') || (b + 2 < line.size() && line[b + 2] != ' '))
        return false;
    out.time = *time;
    out.timestamp = line.substr(0, a);
    out.stream = line.substr(a + 1, b - a - 1);
    out.partial = tag == 'P';
    out.content = b + 3 <= line.size() ? line.substr(b + 3) : std::string_view();
    return true;
}

std::optional<TimePoint> parseRfc3339(std::string_view s) {
    std::tm tm{};
    int year, mon, day, hour, min, sec;
    if (!digits(s, 0, 4, year) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mon) ||
        s[7] != '-' || !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't') ||
        !digits(s, 11, 2, hour) || s[13] != ':' || !digits(s, 14, 2, min) || s[16] != ':' ||
        !digits(s, 17, 2, sec))
        return std::nullopt;
    size_t pos = 19;
    int64_t nanos = 0;
    if (pos < s.size() && s[pos] == '.') {
        int scale = 100'000'000;
        ++pos;
        size_t start = pos;
        for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10)
            nanos += scale > 0 ? (s[pos] - '0') * int64_t(scale) : 0;
        if (pos == start)
            return std::nullopt;
    }
    int64_t offset = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, om))
            return std::nullopt;
        offset = (oh * 3600 + om * 60) * (s[pos] == '+' ? 1 : -1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size())
        return std::nullopt;
    tm.tm_year = year - 1900;
    tm.tm_mon = mon - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = min;
    tm.tm_sec = sec;
    time_t t = ::timegm(&tm) - offset;
    return TimePoint(std::chrono::duration_cast<TimePoint::duration>(
        std::chrono::seconds(t) + std::chrono::nanoseconds(nanos)));
}

std::string formatRfc3339Nano(TimePoint time) {
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch());
    time_t secs = std::chrono::duration_cast<std::chrono::seconds>(ns).count();
    long frac = long(ns.count() - int64_t(secs) * 1'000'000'000);
    if (frac < 0) {
        frac += 1'000'000'000;
        --secs;
    }
    std::tm tm{};
    ::gmtime_r(&secs, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%09ldZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
    return buf;
}

} // namespace cox::agent::logs
