#include "bootstrap/ssh_session.h"

#include "bootstrap/shell_quote.h"

#include <libssh/libssh.h>

#include <arpa/inet.h>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>

namespace cox::bootstrap {
namespace {

// libssh wants ssh_init() once per process before sessions are made from several threads.
void initLibssh() {
    static std::once_flag once;
    std::call_once(once, [] { ssh_init(); });
}

std::string proxyCommandFor(const std::string &jumpHost) {
    std::string target = jumpHost, port;
    const auto colon = jumpHost.rfind(':');
    if (colon != std::string::npos && jumpHost.find(']') == std::string::npos &&
        jumpHost.find(':') == colon) {
        target = jumpHost.substr(0, colon);
        port = jumpHost.substr(colon + 1);
    }
    std::string command = "ssh -o BatchMode=yes -W [%h]:%p";
    if (!port.empty())
        command += " -p " + shellQuote(port);
    return command + " " + shellQuote(target);
}

Status setOptions(ssh_session session, const ConnectOptions &o) {
    // Never read ~/.ssh/config or the user's known_hosts: the application keeps its own file and
    // a user's config must not silently redirect the connection.
    int processConfig = 0;
    unsigned int port = o.port;
    long timeoutSeconds = std::max<long>(1, static_cast<long>(o.timeout.count() / 1000));
    const bool ok =
        ssh_options_set(session, SSH_OPTIONS_PROCESS_CONFIG, &processConfig) == SSH_OK &&
        ssh_options_set(session, SSH_OPTIONS_HOST, o.host.c_str()) == SSH_OK &&
        ssh_options_set(session, SSH_OPTIONS_PORT, &port) == SSH_OK &&
        ssh_options_set(session, SSH_OPTIONS_USER, o.user.c_str()) == SSH_OK &&
        ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &timeoutSeconds) == SSH_OK &&
        ssh_options_set(session, SSH_OPTIONS_KNOWNHOSTS, "/dev/null") == SSH_OK &&
        ssh_options_set(session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null") == SSH_OK;
    if (!ok)
        return {StatusCode::BadRequest,
                std::string("invalid SSH option: ") + ssh_get_error(session)};
    if (!o.jumpHost.empty()) {
        const std::string proxy = proxyCommandFor(o.jumpHost);
        if (ssh_options_set(session, SSH_OPTIONS_PROXYCOMMAND, proxy.c_str()) != SSH_OK)
            return {StatusCode::BadRequest, "invalid jump host \"" + o.jumpHost + "\""};
    }
    return Status::ok();
}

} // namespace

SshSession::SshSession(ssh_session_struct *session, ConnectOptions options)
    : m_session(session)
    , m_options(std::move(options)) {}

SshSession::~SshSession() {
    if (!m_session)
        return;
    if (ssh_is_connected(m_session))
        ssh_disconnect(m_session);
    ssh_free(m_session);
}

std::string SshSession::lastError() const {
    return ssh_get_error(m_session);
}

Result<std::unique_ptr<SshSession>> SshSession::connect(const ConnectOptions &options) {
    initLibssh();
    if (options.host.empty())
        return Status(StatusCode::BadRequest, "no host given");
    ssh_session raw = ssh_new();
    if (!raw)
        return Status(StatusCode::Internal, "libssh could not allocate a session");
    std::unique_ptr<SshSession> session(new SshSession(raw, options));
    if (Status s = setOptions(raw, options); !s)
        return s;
    if (ssh_connect(raw) != SSH_OK)
        return Status(StatusCode::Unavailable, "cannot connect to " + options.host + " port " +
                                                   std::to_string(options.port) + ": " +
                                                   session->lastError());
    return session;
}

Result<HostKey> SshSession::hostKey() const {
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(m_session, &key) != SSH_OK || !key)
        return Status(StatusCode::Internal, "the server sent no host key: " + lastError());
    HostKey out;
    out.type = ssh_key_type_to_char(ssh_key_type(key));
    char *b64 = nullptr;
    if (ssh_pki_export_pubkey_base64(key, &b64) == SSH_OK && b64) {
        out.base64 = b64;
        ssh_string_free_char(b64);
    }
    unsigned char *hash = nullptr;
    size_t hashLen = 0;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hashLen) == SSH_OK) {
        char *fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hashLen);
        if (fp) {
            out.fingerprint = fp;
            ssh_string_free_char(fp);
        }
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);
    if (out.base64.empty() || out.fingerprint.empty())
        return Status(StatusCode::Internal, "cannot read the server's host key");
    return out;
}

std::string SshSession::localAddress() const {
    const socket_t fd = ssh_get_fd(m_session);
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (fd < 0 || getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        return {};
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
        inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in *>(&addr)->sin_addr, text, sizeof text);
    } else if (addr.ss_family == AF_INET6) {
        const auto *a6 = reinterpret_cast<sockaddr_in6 *>(&addr);
        if (IN6_IS_ADDR_V4MAPPED(&a6->sin6_addr))
            inet_ntop(AF_INET, &a6->sin6_addr.s6_addr[12], text, sizeof text);
        else
            inet_ntop(AF_INET6, &a6->sin6_addr, text, sizeof text);
    } else {
        return {}; // a socketpair to a ProxyCommand
    }
    return text;
}

} // namespace cox::bootstrap
