#include "http/tls_stream.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cox::http {

namespace {

timeval toTimeval(std::chrono::milliseconds ms) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
    return tv;
}

std::string sslErrorText() {
    unsigned long err = ERR_get_error();
    if (!err)
        return std::strerror(errno);
    char buf[256];
    ERR_error_string_n(err, buf, sizeof buf);
    ERR_clear_error();
    return buf;
}

// Connects a blocking socket with a bounded wait (non-blocking connect + poll).
Result<int> connectSocket(const std::string &host, uint16_t port,
                          std::chrono::milliseconds timeout) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *list = nullptr;
    std::string service = std::to_string(port);
    if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &list); rc != 0)
        return Status(StatusCode::Unavailable, "resolve " + host + ": " + gai_strerror(rc));
    std::string lastError = "no addresses";
    int fd = -1;
    for (addrinfo *ai = list; ai && fd < 0; ai = ai->ai_next) {
        fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
            continue;
        int rc = ::connect(fd, ai->ai_addr, ai->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            int err = 0;
            socklen_t len = sizeof err;
            rc = ::poll(&p, 1, static_cast<int>(timeout.count())) == 1 &&
                         getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0
                     ? 0
                     : -1;
            if (err)
                errno = err;
            else if (rc != 0)
                errno = ETIMEDOUT;
        }
        if (rc != 0) {
            lastError = std::strerror(errno);
            ::close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(list);
    if (fd < 0)
        return Status(StatusCode::Unavailable,
                      "connect " + host + ":" + service + ": " + lastError);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

// OpenSSL writes with write(2); a peer that vanished must become EPIPE, not kill the process.
void ignoreSigpipe() {
    static std::once_flag once;
    std::call_once(once, [] { ::signal(SIGPIPE, SIG_IGN); });
}

bool isIpLiteral(const std::string &host) {
    unsigned char buf[16];
    return inet_pton(AF_INET, host.c_str(), buf) == 1 ||
           inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

} // namespace

Result<std::unique_ptr<TlsStream>> TlsStream::accept(int fd, SSL_CTX *ctx,
                                                     std::chrono::milliseconds timeout) {
    ignoreSigpipe();
    SSL *ssl = SSL_new(ctx);
    if (!ssl)
        return Status(StatusCode::Internal, "SSL_new: " + sslErrorText());
    std::unique_ptr<TlsStream> stream(new TlsStream(fd, ssl));
    SSL_set_options(ssl, SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_set_fd(ssl, fd);
    stream->setTimeouts(timeout, timeout);
    ERR_clear_error();
    if (SSL_accept(ssl) != 1) {
        stream->m_broken = true;
        stream->m_fd = -1; // the caller keeps the fd on failure
        return Status(StatusCode::Unauthorized, "TLS handshake: " + sslErrorText());
    }
    return stream;
}

Result<std::unique_ptr<TlsStream>> TlsStream::connect(const std::string &host, uint16_t port,
                                                      SSL_CTX *ctx,
                                                      std::chrono::milliseconds timeout) {
    ignoreSigpipe();
    auto fd = connectSocket(host, port, timeout);
    if (!fd)
        return fd.status();
    SSL *ssl = SSL_new(ctx);
    if (!ssl) {
        ::close(*fd);
        return Status(StatusCode::Internal, "SSL_new: " + sslErrorText());
    }
    std::unique_ptr<TlsStream> stream(new TlsStream(*fd, ssl));
    SSL_set_options(ssl, SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_set_fd(ssl, *fd);
    if (isIpLiteral(host)) {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str());
    } else {
        SSL_set_tlsext_host_name(ssl, host.c_str());
        SSL_set1_host(ssl, host.c_str());
    }
    stream->setTimeouts(timeout, timeout);
    ERR_clear_error();
    if (SSL_connect(ssl) != 1) {
        stream->m_broken = true;
        long verify = SSL_get_verify_result(ssl);
        std::string why =
            verify != X509_V_OK ? X509_verify_cert_error_string(verify) : sslErrorText();
        return Status(StatusCode::Unavailable, "TLS handshake with " + host + ": " + why);
    }
    return stream;
}

TlsStream::~TlsStream() {
    if (m_ssl)
        SSL_free(m_ssl);
    if (m_fd >= 0)
        ::close(m_fd);
}

void TlsStream::setTimeouts(std::chrono::milliseconds read, std::chrono::milliseconds write) {
    timeval rtv = toTimeval(read), wtv = toTimeval(write);
    setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &rtv, sizeof rtv);
    setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &wtv, sizeof wtv);
}

bool TlsStream::waitReadable(std::chrono::milliseconds timeout) {
    if (SSL_pending(m_ssl) > 0)
        return true;
    pollfd p{m_fd, POLLIN, 0};
    int rc;
    do {
        rc = ::poll(&p, 1, static_cast<int>(timeout.count()));
    } while (rc < 0 && errno == EINTR);
    return rc == 1 && (p.revents & POLLIN);
}

bool TlsStream::peerClosed() const {
    pollfd p{m_fd, POLLIN | POLLRDHUP, 0};
    if (::poll(&p, 1, 0) != 1)
        return false;
    if (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL))
        return true;
    char c;
    return ::recv(m_fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

void TlsStream::gracefulShutdown() {
    if (m_broken)
        return;
    ERR_clear_error();
    SSL_shutdown(m_ssl); // one-way: we do not wait for the peer's close_notify
    ERR_clear_error();
    m_broken = true;
}

std::string TlsStream::peerCommonName() const {
    X509 *peer = SSL_get0_peer_certificate(m_ssl);
    if (!peer || SSL_get_verify_result(m_ssl) != X509_V_OK)
        return {};
    char cn[256] = {};
    if (X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName, cn, sizeof cn) < 0)
        return {};
    return cn;
}

std::vector<std::string> TlsStream::peerOrganizations() const {
    std::vector<std::string> out;
    X509 *peer = SSL_get0_peer_certificate(m_ssl);
    if (!peer || SSL_get_verify_result(m_ssl) != X509_V_OK)
        return out;
    X509_NAME *name = X509_get_subject_name(peer);
    for (int i = X509_NAME_get_index_by_NID(name, NID_organizationName, -1); i >= 0;
         i = X509_NAME_get_index_by_NID(name, NID_organizationName, i)) {
        ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
        out.emplace_back(reinterpret_cast<const char *>(ASN1_STRING_get0_data(data)),
                         static_cast<size_t>(ASN1_STRING_length(data)));
    }
    return out;
}

size_t TlsStream::readRaw(void *data, size_t size, error_code &ec) {
    ERR_clear_error();
    errno = 0;
    int n = SSL_read(m_ssl, data, static_cast<int>(std::min<size_t>(size, INT32_MAX)));
    if (n > 0) {
        ec = {};
        return static_cast<size_t>(n);
    }
    ec = mapError(n);
    return 0;
}

size_t TlsStream::writeRaw(const void *data, size_t size, error_code &ec) {
    ERR_clear_error();
    errno = 0;
    int n = SSL_write(m_ssl, data, static_cast<int>(std::min<size_t>(size, INT32_MAX)));
    if (n > 0) {
        ec = {};
        return static_cast<size_t>(n);
    }
    ec = mapError(n);
    return 0;
}

TlsStream::error_code TlsStream::mapError(int ret) {
    namespace aerr = boost::asio::error;
    int savedErrno = errno;
    switch (SSL_get_error(m_ssl, ret)) {
    case SSL_ERROR_ZERO_RETURN:
        return aerr::eof;
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE:
        // A blocking fd only "wants" more when SO_RCVTIMEO/SO_SNDTIMEO expired.
        m_broken = true;
        return aerr::timed_out;
    case SSL_ERROR_SYSCALL:
        m_broken = true;
        if (savedErrno == EAGAIN || savedErrno == EWOULDBLOCK)
            return aerr::timed_out;
        if (savedErrno == 0)
            return aerr::eof;
        return error_code(savedErrno, boost::system::system_category());
    default:
        m_broken = true;
        ERR_clear_error();
        return aerr::connection_aborted;
    }
}

} // namespace cox::http
