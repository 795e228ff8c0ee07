// UnixStream: a connected AF_UNIX stream socket that Boost.Beast can read and write
// (SyncReadStream/SyncWriteStream), with a deadline on every operation. Asio's own sockets
// retry blocking reads forever (SO_RCVTIMEO does not help them), and the Docker client needs
// both bounded calls and a way to wake a reader parked on an endless log stream from another
// thread: poll() with a deadline here, and interrupt() (shutdown) for the latter.
#pragma once

#include "common/result.h"

#include <boost/asio/buffer.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/system_error.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace cox::agent::docker {

class UnixStream {
public:
    static Result<std::unique_ptr<UnixStream>> connect(const std::string &path,
                                                       std::chrono::milliseconds timeout);
    ~UnixStream();
    UnixStream(const UnixStream &) = delete;
    UnixStream &operator=(const UnixStream &) = delete;

    // Applies to every later read or write; zero = wait forever (log followers).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    // Makes a blocked or later read return EOF; safe from another thread.
    void interrupt();

    // Beast's stream concepts.
    template<class MutableBufferSequence>
    std::size_t read_some(const MutableBufferSequence &buffers, boost::system::error_code &ec) {
        auto buffer = *boost::asio::buffer_sequence_begin(buffers);
        return readSome(buffer.data(), buffer.size(), ec);
    }
    template<class MutableBufferSequence>
    std::size_t read_some(const MutableBufferSequence &buffers) {
        boost::system::error_code ec;
        std::size_t n = read_some(buffers, ec);
        if (ec)
            throw boost::system::system_error(ec);
        return n;
    }
    template<class ConstBufferSequence>
    std::size_t write_some(const ConstBufferSequence &buffers, boost::system::error_code &ec) {
        for (auto it = boost::asio::buffer_sequence_begin(buffers);
             it != boost::asio::buffer_sequence_end(buffers); ++it) {
            boost::asio::const_buffer buffer = *it;
            if (buffer.size() > 0)
                return writeSome(buffer.data(), buffer.size(), ec);
        }
        ec = {};
        return 0;
    }
    template<class ConstBufferSequence>
    std::size_t write_some(const ConstBufferSequence &buffers) {
        boost::system::error_code ec;
        std::size_t n = write_some(buffers, ec);
        if (ec)
            throw boost::system::system_error(ec);
        return n;
    }

private:
    explicit UnixStream(int fd)
        : m_fd(fd) {}
    bool waitFor(short events, boost::system::error_code &ec);
    std::size_t readSome(void *data, std::size_t size, boost::system::error_code &ec);
    std::size_t writeSome(const void *data, std::size_t size, boost::system::error_code &ec);

    int m_fd = -1;
    std::chrono::milliseconds m_timeout{0};
};

} // namespace cox::agent::docker
