// CriLogReader: reads a CRI-format container log file the way `kubectl logs` expects it:
// partial ("P") lines joined into one message, then sinceTime, tailLines, timestamps and
// limitBytes applied; with `follow`, it keeps reading as the file grows and survives rotation
// (rename to <path>.1 + a new file at <path>, or copytruncate in place).
#pragma once

#include "common/status.h"
#include "logs/log_options.h"

#include <chrono>
#include <deque>
#include <functional>
#include <string>
#include <string_view>

namespace cox::agent::logs {

class CriLogReader {
public:
    // Receives output text (whole messages, or the cut last one under limitBytes); returns
    // false to stop (e.g. the HTTP client went away).
    using Sink = std::function<bool(std::string_view)>;
    // Polled while following; true ends the read.
    using Cancelled = std::function<bool()>;

    CriLogReader(std::string path, LogOptions options,
                 std::chrono::milliseconds pollInterval = std::chrono::milliseconds(100));
    ~CriLogReader();
    CriLogReader(const CriLogReader &) = delete;
    CriLogReader &operator=(const CriLogReader &) = delete;

    // Runs to the end of the file (or, with follow, until cancelled / the sink refuses / the
    // byte limit is reached / `writerDone` says the container exited and the rest was read, as
    // kubelet ends `logs -f` of a terminated container). NotFound when the file does not exist.
    Status run(const Sink &sink, const Cancelled &cancelled = {},
               const std::function<bool()> &writerDone = {});

private:
    bool openPath();
    // Reads what is available; returns false when the output must stop. `gotData` tells
    // whether anything was read.
    bool drain(bool &gotData);
    bool processLine(std::string_view line);
    bool emit(std::string_view timestamp, TimePoint time, std::string_view content);
    bool deliver(std::string_view text);
    bool followStep(const Cancelled &cancelled, const std::function<bool()> &writerDone);

    std::string m_path;
    LogOptions m_options;
    std::chrono::milliseconds m_poll;
    const Sink *m_sink = nullptr;
    int m_fd = -1;
    int64_t m_offset = 0;
    std::string m_lineBuffer;       // bytes of a line whose '\n' has not arrived
    std::string m_message;          // content of P fragments so far
    std::string m_messageTimestamp; // timestamp of the message's first fragment
    TimePoint m_messageTime;
    bool m_inMessage = false;
    bool m_tailing = false; // collecting the tail instead of delivering
    std::deque<std::string> m_tail;
    int64_t m_written = 0;
};

} // namespace cox::agent::logs
