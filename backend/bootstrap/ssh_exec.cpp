// SshSession::exec: one command on one channel, stdin fed then closed, stdout/stderr collected
// and handed out line by line, bounded by a timeout and the cancel token.
#include "bootstrap/ssh_session.h"

#include <libssh/libssh.h>

namespace cox::bootstrap {
namespace {

struct ChannelHandle {
    ssh_channel channel = nullptr;
    ~ChannelHandle() {
        if (!channel)
            return;
        ssh_channel_close(channel);
        ssh_channel_free(channel);
    }
};

// Splits what arrived into lines for the callback; keeps a partial last line for later.
void emitLines(std::string &pending, const OutputLineCallback &onLine, bool flush) {
    size_t start = 0;
    for (size_t nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n', start)) {
        if (onLine)
            onLine(pending.substr(start, nl - start));
        start = nl + 1;
    }
    pending.erase(0, start);
    if (flush && !pending.empty()) {
        if (onLine)
            onLine(pending);
        pending.clear();
    }
}

Status writeAll(ssh_channel channel, const std::string &input) {
    size_t written = 0;
    while (written < input.size()) {
        const uint32_t chunk =
            static_cast<uint32_t>(std::min<size_t>(input.size() - written, 32768));
        const int n = ssh_channel_write(channel, input.data() + written, chunk);
        if (n <= 0)
            return {StatusCode::Unavailable, "writing to the command's stdin failed"};
        written += static_cast<size_t>(n);
    }
    return Status::ok();
}

} // namespace

Result<ExecResult> SshSession::exec(const std::string &command, const std::string &input,
                                    std::chrono::milliseconds timeout, const CancelToken &cancel,
                                    const OutputLineCallback &onLine) {
    ChannelHandle ch;
    ch.channel = ssh_channel_new(m_session);
    if (!ch.channel || ssh_channel_open_session(ch.channel) != SSH_OK)
        return Status(StatusCode::Unavailable, "cannot open an SSH channel: " + lastError());
    if (ssh_channel_request_exec(ch.channel, command.c_str()) != SSH_OK)
        return Status(StatusCode::Unavailable, "cannot start a command: " + lastError());
    if (Status s = writeAll(ch.channel, input); !s)
        return s;
    ssh_channel_send_eof(ch.channel);

    const auto deadline = std::chrono::steady_clock::now() + timeout;
    ExecResult result;
    std::string pending[2];
    char buffer[16384];
    while (true) {
        if (cancel.cancelled())
            return Status(StatusCode::Unavailable, "cancelled");
        if (std::chrono::steady_clock::now() > deadline)
            return Status(StatusCode::Timeout, "the command did not finish within " +
                                                   std::to_string(timeout.count() / 1000) + " s");
        bool gotData = false;
        for (int isErr = 0; isErr < 2; ++isErr) {
            const int n = isErr
                              ? ssh_channel_read_nonblocking(ch.channel, buffer, sizeof buffer, 1)
                              : ssh_channel_read_timeout(ch.channel, buffer, sizeof buffer, 0, 50);
            if (n == SSH_ERROR)
                return Status(StatusCode::Unavailable, "the SSH channel failed: " + lastError());
            if (n <= 0)
                continue;
            gotData = true;
            (isErr ? result.err : result.out).append(buffer, static_cast<size_t>(n));
            pending[isErr].append(buffer, static_cast<size_t>(n));
            emitLines(pending[isErr], onLine, false);
        }
        if (!gotData && ssh_channel_is_eof(ch.channel))
            break;
    }
    for (auto &p : pending)
        emitLines(p, onLine, true);
    result.exitCode = ssh_channel_get_exit_status(ch.channel);
    return result;
}

} // namespace cox::bootstrap
