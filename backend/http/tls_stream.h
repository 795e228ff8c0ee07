// A blocking TLS connection over a plain socket fd (OpenSSL SSL*), shaped as a Beast
// SyncReadStream/SyncWriteStream. asio's own synchronous socket operations poll without a
// timeout, so SO_RCVTIMEO/SO_SNDTIMEO would be ignored; driving SSL_read/SSL_write on a blocking
// fd directly makes those kernel timeouts effective (a timed-out read reports timed_out).
#pragma once

#include "common/result.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <openssl/ssl.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cox::http {

class TlsStream {
public:
    using error_code = boost::system::error_code;

    // Server side: runs the handshake on an accepted fd; owns the fd only on success.
    static Result<std::unique_ptr<TlsStream>> accept(int fd, SSL_CTX *ctx,
                                                     std::chrono::milliseconds timeout);
    // Client side: connects to host:port, verifies the peer name (DNS or IP) against the chain.
    static Result<std::unique_ptr<TlsStream>> connect(const std::string &host, uint16_t port,
                                                      SSL_CTX *ctx,
                                                      std::chrono::milliseconds timeout);
    ~TlsStream();
    TlsStream(const TlsStream &) = delete;
    TlsStream &operator=(const TlsStream &) = delete;

    int fd() const { return m_fd; }
    // Kernel-level timeouts for each blocking read/write from now on.
    void setTimeouts(std::chrono::milliseconds read, std::chrono::milliseconds write);
    // True when decrypted or raw bytes are ready within `timeout` (false on timeout or hang-up
    // without data).
    bool waitReadable(std::chrono::milliseconds timeout);
    // Non-blocking check whether the peer has closed or reset the connection.
    bool peerClosed() const;
    // Sends close_notify if the session is healthy; the fd is closed by the destructor.
    void gracefulShutdown();
    // The verified peer certificate's CN and O entries ("" / empty when none was verified).
    std::string peerCommonName() const;
    std::vector<std::string> peerOrganizations() const;

    template<typename MutableBuffers>
    size_t read_some(const MutableBuffers &buffers, error_code &ec) {
        for (auto it = boost::asio::buffer_sequence_begin(buffers);
             it != boost::asio::buffer_sequence_end(buffers); ++it) {
            boost::asio::mutable_buffer b = *it;
            if (b.size() > 0)
                return readRaw(b.data(), b.size(), ec);
        }
        ec = {};
        return 0;
    }
    template<typename MutableBuffers>
    size_t read_some(const MutableBuffers &buffers) {
        error_code ec;
        size_t n = read_some(buffers, ec);
        if (ec)
            throw boost::system::system_error(ec);
        return n;
    }
    template<typename ConstBuffers>
    size_t write_some(const ConstBuffers &buffers, error_code &ec) {
        // Coalesce small buffer sequences (header + chunk) into one TLS record.
        size_t total = boost::asio::buffer_size(buffers);
        if (total > 0 && total <= kCoalesceLimit) {
            m_writeScratch.resize(total);
            boost::asio::buffer_copy(boost::asio::buffer(m_writeScratch), buffers);
            return writeRaw(m_writeScratch.data(), total, ec);
        }
        for (auto it = boost::asio::buffer_sequence_begin(buffers);
             it != boost::asio::buffer_sequence_end(buffers); ++it) {
            boost::asio::const_buffer b = *it;
            if (b.size() > 0)
                return writeRaw(b.data(), b.size(), ec);
        }
        ec = {};
        return 0;
    }
    template<typename ConstBuffers>
    size_t write_some(const ConstBuffers &buffers) {
        error_code ec;
        size_t n = write_some(buffers, ec);
        if (ec)
            throw boost::system::system_error(ec);
        return n;
    }

private:
    static constexpr size_t kCoalesceLimit = 16 * 1024;
    TlsStream(int fd, SSL *ssl)
        : m_fd(fd)
        , m_ssl(ssl) {}
    size_t readRaw(void *data, size_t size, error_code &ec);
    size_t writeRaw(const void *data, size_t size, error_code &ec);
    error_code mapError(int ret);

    int m_fd = -1;
    SSL *m_ssl = nullptr;
    bool m_broken = false; // a fatal TLS error forbids sending close_notify
    std::vector<char> m_writeScratch;
};

} // namespace cox::http
