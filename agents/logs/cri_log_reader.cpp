// CriLogReader: file reading, message assembly and the follow loop.
#include "logs/cri_log_reader.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace cox::agent::logs {

CriLogReader::CriLogReader(std::string path, LogOptions options,
                           std::chrono::milliseconds pollInterval)
    : m_path(std::move(path))
    , m_options(options)
    , m_poll(pollInterval) {}

CriLogReader::~CriLogReader() {
    if (m_fd >= 0)
        ::close(m_fd);
}

bool CriLogReader::openPath() {
    int fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
    m_offset = 0;
    m_lineBuffer.clear();
    return true;
}

Status CriLogReader::run(const Sink &sink, const Cancelled &cancelled,
                         const std::function<bool()> &writerDone) {
    m_sink = &sink;
    if (!openPath())
        return Status(errno == ENOENT ? StatusCode::NotFound : StatusCode::Internal,
                      "cannot open log file " + m_path + ": " + std::strerror(errno));
    m_tailing = m_options.tailLines.has_value();
    bool gotData = false;
    bool more = drain(gotData);
    if (m_tailing) {
        m_tailing = false;
        for (const std::string &text : m_tail) {
            if (!(more = deliver(text)))
                break;
        }
        m_tail.clear();
    }
    while (more && m_options.follow && !(cancelled && cancelled()))
        more = followStep(cancelled, writerDone);
    return Status::ok();
}

bool CriLogReader::drain(bool &gotData) {
    char buffer[64 * 1024];
    gotData = false;
    for (;;) {
        ssize_t n = ::read(m_fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return true;
        gotData = true;
        m_offset += n;
        std::string_view data(buffer, size_t(n));
        while (!data.empty()) {
            size_t nl = data.find('\n');
            if (nl == std::string_view::npos) {
                m_lineBuffer.append(data);
                break;
            }
            bool more;
            if (m_lineBuffer.empty()) {
                more = processLine(data.substr(0, nl));
            } else {
                m_lineBuffer.append(data.substr(0, nl));
                more = processLine(m_lineBuffer);
                m_lineBuffer.clear();
            }
            if (!more)
                return false;
            data.remove_prefix(nl + 1);
        }
    }
}

bool CriLogReader::processLine(std::string_view line) {
    CriLine parsed;
    if (!parseCriLine(line, parsed))
        return true; // not ours (a torn write after copytruncate): skip, as kubelet does
    if (!m_inMessage) {
        m_inMessage = true;
        m_message.clear();
        m_messageTimestamp.assign(parsed.timestamp);
        m_messageTime = parsed.time;
    }
    m_message.append(parsed.content);
    if (parsed.partial)
        return true;
    m_inMessage = false;
    return emit(m_messageTimestamp, m_messageTime, m_message);
}

bool CriLogReader::emit(std::string_view timestamp, TimePoint time, std::string_view content) {
    if (m_options.since && time < *m_options.since)
        return true;
    std::string text;
    text.reserve(timestamp.size() + content.size() + 2);
    if (m_options.timestamps) {
        text.append(timestamp);
        text.push_back(' ');
    }
    text.append(content);
    text.push_back('\n');
    if (!m_tailing)
        return deliver(text);
    if (*m_options.tailLines == 0)
        return true;
    m_tail.push_back(std::move(text));
    if (int64_t(m_tail.size()) > *m_options.tailLines)
        m_tail.pop_front();
    return true;
}

bool CriLogReader::deliver(std::string_view text) {
    if (m_options.limitBytes) {
        int64_t left = *m_options.limitBytes - m_written;
        if (left <= 0)
            return false;
        if (int64_t(text.size()) >= left) {
            (*m_sink)(text.substr(0, size_t(left)));
            m_written += left;
            return false;
        }
    }
    m_written += int64_t(text.size());
    return (*m_sink)(text);
}

// One idle round of follow: read growth, else detect truncation or rotation, else sleep.
bool CriLogReader::followStep(const Cancelled &cancelled, const std::function<bool()> &writerDone) {
    // Asked before reading: once the writer is done, this drain sees everything it wrote.
    bool finished = writerDone && writerDone();
    bool gotData = false;
    if (!drain(gotData))
        return false;
    if (gotData)
        return true;
    if (finished)
        return false;
    struct stat fdStat {};
    struct stat pathStat {};
    if (::fstat(m_fd, &fdStat) == 0 && fdStat.st_size < m_offset) {
        // copytruncate: the same file started over.
        ::lseek(m_fd, 0, SEEK_SET);
        m_offset = 0;
        m_lineBuffer.clear();
        return true;
    }
    if (::stat(m_path.c_str(), &pathStat) == 0 &&
        (pathStat.st_ino != fdStat.st_ino || pathStat.st_dev != fdStat.st_dev)) {
        // Renamed away and a new file took its place: finish the old one, then switch.
        if (!drain(gotData))
            return false;
        openPath();
        return true;
    }
    auto slept = std::chrono::milliseconds(0);
    while (slept < m_poll && !(cancelled && cancelled())) {
        auto step = std::min(m_poll - slept, std::chrono::milliseconds(20));
        std::this_thread::sleep_for(step);
        slept += step;
    }
    return true;
}

} // namespace cox::agent::logs
