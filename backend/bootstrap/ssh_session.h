// SshSession: one SSH connection to a machine over libssh, owned as an RAII handle. The steps use
// it in a fixed order: connect() (key exchange only), hostKey() to verify the server before
// anything is sent, authenticate(), then exec() and the SFTP uploader. Not thread-safe: one
// session belongs to one worker thread.
#pragma once

#include "bootstrap/cancel_token.h"
#include "bootstrap/credentials.h"
#include "common/result.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

struct ssh_session_struct;

namespace cox::bootstrap {

struct ConnectOptions {
    std::string host; // IPv4, IPv6 (no brackets) or a host name
    uint16_t port = 22;
    std::string user = "root";
    std::chrono::milliseconds timeout{10'000};
    // Optional jump host "user@host:port": reached with OpenSSH's `ssh -W` as ProxyCommand (the
    // jump hop uses the caller's OpenSSH configuration and keys).
    std::string jumpHost;
};

struct HostKey {
    std::string type;        // "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa", ...
    std::string base64;      // the public key blob as in known_hosts
    std::string fingerprint; // "SHA256:..." as OpenSSH prints it
};

struct ExecResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Called with each complete output line (stdout and stderr) while a command runs.
using OutputLineCallback = std::function<void(const std::string &line)>;

class SshSession {
public:
    // Resolves, connects and runs the key exchange. Nothing is authenticated or run yet.
    static Result<std::unique_ptr<SshSession>> connect(const ConnectOptions &options);
    ~SshSession();
    SshSession(const SshSession &) = delete;
    SshSession &operator=(const SshSession &) = delete;

    // The server's host key from the key exchange.
    Result<HostKey> hostKey() const;
    // Tries the methods the server offers with what `credentials` holds: key file, ssh-agent,
    // password, keyboard-interactive. Unauthorized names what was tried.
    Status authenticate(const Credentials &credentials);
    // Runs `command` through the remote user's shell, feeding `input` on stdin then EOF. Bounded by
    // `timeout`; stops early (Status Cancelled-like Unavailable) when `cancel` is set.
    Result<ExecResult> exec(const std::string &command, const std::string &input,
                            std::chrono::milliseconds timeout, const CancelToken &cancel,
                            const OutputLineCallback &onLine = {});
    // The local address of the connection: how this host is reached from the machine (empty
    // through a jump host).
    std::string localAddress() const;
    const ConnectOptions &options() const { return m_options; }
    ssh_session_struct *handle() const { return m_session; }

private:
    SshSession(ssh_session_struct *session, ConnectOptions options);
    std::string lastError() const;

    ssh_session_struct *m_session = nullptr;
    ConnectOptions m_options;
};

} // namespace cox::bootstrap
