#include "docker/unix_stream.h"

#include <boost/asio/error.hpp>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace cox::agent::docker {

Result<std::unique_ptr<UnixStream>> UnixStream::connect(const std::string &path,
                                                        std::chrono::milliseconds timeout) {
    sockaddr_un address{};
    if (path.size() >= sizeof address.sun_path)
        return Status(StatusCode::BadRequest, "socket path too long: " + path);
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return Status(StatusCode::Internal, std::string("socket: ") + std::strerror(errno));
    std::unique_ptr<UnixStream> stream(new UnixStream(fd));
    // A unix connect does not wait on the network: it succeeds, or fails at once when nothing
    // listens (ECONNREFUSED) or the file is missing (ENOENT).
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
        return Status(StatusCode::Unavailable, "connect " + path + ": " + std::strerror(errno));
    stream->setTimeout(timeout);
    return stream;
}

UnixStream::~UnixStream() {
    if (m_fd >= 0)
        ::close(m_fd);
}

void UnixStream::interrupt() {
    ::shutdown(m_fd, SHUT_RDWR);
}

bool UnixStream::waitFor(short events, boost::system::error_code &ec) {
    pollfd fd{m_fd, events, 0};
    int timeout = m_timeout.count() > 0 ? static_cast<int>(m_timeout.count()) : -1;
    while (true) {
        int n = ::poll(&fd, 1, timeout);
        if (n > 0)
            return true;
        if (n == 0) {
            ec = boost::asio::error::timed_out;
            return false;
        }
        if (errno != EINTR) {
            ec = boost::system::error_code(errno, boost::system::system_category());
            return false;
        }
    }
}

std::size_t UnixStream::readSome(void *data, std::size_t size, boost::system::error_code &ec) {
    ec = {};
    if (size == 0)
        return 0;
    if (!waitFor(POLLIN, ec))
        return 0;
    ssize_t n;
    do {
        n = ::recv(m_fd, data, size, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        ec = boost::system::error_code(errno, boost::system::system_category());
        return 0;
    }
    if (n == 0)
        ec = boost::asio::error::eof;
    return static_cast<std::size_t>(n);
}

std::size_t UnixStream::writeSome(const void *data, std::size_t size,
                                  boost::system::error_code &ec) {
    ec = {};
    if (!waitFor(POLLOUT, ec))
        return 0;
    ssize_t n;
    do {
        n = ::send(m_fd, data, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        ec = boost::system::error_code(errno, boost::system::system_category());
        return 0;
    }
    return static_cast<std::size_t>(n);
}

} // namespace cox::agent::docker
