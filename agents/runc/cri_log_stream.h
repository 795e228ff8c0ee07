// CriLogStream: turns one container output stream (a pipe) into CRI log lines,
// "<RFC3339Nano UTC> <stdout|stderr> <F|P> <content>\n", the format kubelet's log reader and
// `kubectl logs` expect. A line longer than the buffer goes out in partial ("P") chunks.
//
// Async-signal-safe by design (fixed buffers, raw syscalls, no allocation): it runs inside the
// container supervisor, which is forked from a multi-threaded agent.
#pragma once

#include <cstddef>
#include <ctime>

namespace cox::agent::runc {

class CriLogStream {
public:
    static constexpr size_t kBufferSize = 16384;
    static constexpr size_t kTimestampSize = 40; // room formatTimestamp() may use

    CriLogStream(const char *stream, int fd)
        : m_stream(stream)
        , m_fd(fd) {}

    int fd() const { return m_fd; }
    // Reads what is available and writes every complete line to `logFd`; returns false at EOF
    // (after writing any unterminated rest as a final line).
    bool pump(int logFd);
    // Writes a pending unterminated line, if any.
    void flush(int logFd);

    // "2026-11-28T17:16:35.123456789Z"; returns the length written.
    static size_t formatTimestamp(char *out, const timespec &time);
    static void writeLine(int logFd, const char *stream, bool partial, const char *data,
                          size_t size);

private:
    const char *m_stream;
    int m_fd;
    char m_data[kBufferSize];
    size_t m_used = 0;
};

} // namespace cox::agent::runc
