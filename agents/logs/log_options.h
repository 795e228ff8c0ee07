// LogOptions: Kubernetes' PodLogOptions as the node agent's log reader and log server use them,
// plus the CRI log line parser and RFC3339Nano helpers they share, and logPathFor(), the one
// place that says where a container instance's log file lives.
#pragma once

#include "common/result.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cox::agent::logs {

using TimePoint = std::chrono::system_clock::time_point;

struct LogOptions {
    std::optional<int64_t> tailLines;  // last N messages (before `follow` continues)
    std::optional<TimePoint> since;    // sinceSeconds / sinceTime, resolved to an instant
    bool timestamps = false;           // prefix each message with its RFC3339Nano time
    std::optional<int64_t> limitBytes; // stop after this many bytes of output
    bool follow = false;               // keep reading as the file grows (and rotates)
    bool previous = false;             // the previous instance (the resolver picks the path)
};

// Parses the query parameters of GET containerLogs / pods/{name}/log (follow, tailLines,
// timestamps, sinceSeconds, sinceTime, previous, limitBytes). `now` resolves sinceSeconds.
Result<LogOptions> parseLogOptions(const std::multimap<std::string, std::string> &query,
                                   TimePoint now);

// "<podLogDir>/<container>/<restartCount>.log": the file the runtime writes for one instance of
// a container (restartCount from the pod status). `previous` is restartCount - 1. The runtime
// (ContainerConfig::logPath) and the agent's log resolver both call this, nothing else builds
// the path.
std::string logPathFor(const std::string &podLogDir, const std::string &container,
                       int restartCount);

// One line of a CRI log file: "<RFC3339Nano> <stdout|stderr> <F|P> <content>".
struct CriLine {
    TimePoint time;
    std::string_view timestamp; // as written, for the `timestamps` prefix
    std::string_view stream;
    bool partial = false;
    std::string_view content;
};

// Parses one line (without its '\n'); false when it is not in CRI format.
bool parseCriLine(std::string_view line, CriLine &out);

// RFC3339 with optional fraction and 'Z' or ±hh:mm offset.
std::optional<TimePoint> parseRfc3339(std::string_view text);
std::string formatRfc3339Nano(TimePoint time);

} // namespace cox::agent::logs
