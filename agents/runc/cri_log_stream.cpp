#include "runc/cri_log_stream.h"

#include <cerrno>
#include <cstring>
#include <sys/uio.h>
#include <unistd.h>

namespace cox::agent::runc {
namespace {

size_t formatUnsigned(char *out, unsigned long long value, int minDigits) {
    char digits[24];
    int count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0 || count < minDigits);
    for (int i = 0; i < count; ++i)
        out[i] = digits[count - 1 - i];
    return static_cast<size_t>(count);
}

} // namespace

// Days to civil date: Howard Hinnant's civil_from_days, valid for any date after 1970.
size_t CriLogStream::formatTimestamp(char *out, const timespec &time) {
    long long days = time.tv_sec / 86400 + 719468;
    long long secs = time.tv_sec % 86400;
    long long era = days / 146097;
    long long doe = days - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    long long day = doy - (153 * mp + 2) / 5 + 1;
    long long month = mp < 10 ? mp + 3 : mp - 9;
    long long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    size_t n = formatUnsigned(out, static_cast<unsigned long long>(year), 4);
    const long long parts[] = {month, day, secs / 3600, secs / 60 % 60, secs % 60};
    const char separators[] = {'-', '-', 'T', ':', ':'};
    for (int i = 0; i < 5; ++i) {
        out[n++] = separators[i];
        n += formatUnsigned(out + n, static_cast<unsigned long long>(parts[i]), 2);
    }
    out[n++] = '.';
    n += formatUnsigned(out + n, static_cast<unsigned long long>(time.tv_nsec), 9);
    out[n++] = 'Z';
    return n;
}

void CriLogStream::writeLine(int logFd, const char *stream, bool partial, const char *data,
                             size_t size) {
    char prefix[kTimestampSize + 16];
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    size_t n = formatTimestamp(prefix, now);
    prefix[n++] = ' ';
    for (const char *p = stream; *p && n < sizeof prefix - 4; ++p)
        prefix[n++] = *p;
    prefix[n++] = ' ';
    prefix[n++] = partial ? 'P' : 'F';
    prefix[n++] = ' ';
    // One writev on an O_APPEND file: the stdout and stderr writers never interleave a line.
    iovec parts[3] = {{prefix, n}, {const_cast<char *>(data), size}, {const_cast<char *>("\n"), 1}};
    while (::writev(logFd, parts, 3) < 0 && errno == EINTR) {
    }
}

bool CriLogStream::pump(int logFd) {
    ssize_t n = ::read(m_fd, m_data + m_used, sizeof m_data - m_used);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return true;
    if (n <= 0) {
        flush(logFd);
        return false;
    }
    m_used += static_cast<size_t>(n);
    size_t start = 0;
    for (size_t i = 0; i < m_used; ++i) {
        if (m_data[i] != '\n')
            continue;
        writeLine(logFd, m_stream, false, m_data + start, i - start);
        start = i + 1;
    }
    std::memmove(m_data, m_data + start, m_used - start);
    m_used -= start;
    if (m_used == sizeof m_data) {
        writeLine(logFd, m_stream, true, m_data, m_used);
        m_used = 0;
    }
    return true;
}

void CriLogStream::flush(int logFd) {
    if (m_used > 0)
        writeLine(logFd, m_stream, false, m_data, m_used);
    m_used = 0;
}

} // namespace cox::agent::runc
