// Docker's log and exec output turned into what the agent reads: StreamDemuxer splits the
// multiplexed stream of a non-TTY container ([type, 0, 0, 0, size(4, big-endian)] + payload
// per frame, type 1 = stdout, 2 = stderr) into frames; CriLogConverter turns the frames of
// GET /containers/{id}/logs?timestamps=1 ("<RFC3339Nano> <message>" per frame) into CRI log
// lines "<RFC3339Nano> <stdout|stderr> <F|P> <content>\n" (a message without a trailing
// newline is a partial "P" line, as Docker cuts messages at 16 KiB). Both are pure and fed in
// pieces of any size, so they are unit-tested without a daemon.
#pragma once

#include "logs/log_options.h"

#include <optional>
#include <string>
#include <string_view>

namespace cox::agent::docker {

struct StreamFrame {
    int stream = 1; // 0 stdin, 1 stdout, 2 stderr
    std::string data;
};

class StreamDemuxer {
public:
    void feed(std::string_view bytes) { m_pending.append(bytes); }
    // The next complete frame, if one has arrived.
    bool next(StreamFrame &frame);
    // Bytes that do not make a whole frame yet.
    size_t pending() const { return m_pending.size(); }

private:
    std::string m_pending;
};

class CriLogConverter {
public:
    // Messages at or before `after` are dropped: they are already in the file (resuming a
    // follower after an agent restart asks Docker for everything since that second).
    explicit CriLogConverter(std::optional<logs::TimePoint> after = std::nullopt)
        : m_after(after) {}

    // The CRI lines for one frame (stream 2 = stderr, anything else stdout).
    std::string convert(const StreamFrame &frame);
    // The raw output of a TTY container (one stream, no frames): complete lines only.
    std::string convertRaw(std::string_view bytes);

    std::optional<logs::TimePoint> last() const { return m_after; }

    // The time of the last complete CRI line in `tail` (the end of a log file).
    static std::optional<logs::TimePoint> lastTime(std::string_view tail);

private:
    void convertMessage(std::string_view stream, std::string_view message, std::string &out);

    std::optional<logs::TimePoint> m_after;
    std::string m_raw;
};

} // namespace cox::agent::docker
