#include "image/byte_source.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>

namespace cox::image {

Status ByteSource::readFull(char *buffer, size_t size) {
    size_t done = 0;
    while (done < size) {
        auto n = read(buffer + done, size - done);
        if (!n) {
            return n.status();
        }
        if (*n == 0) {
            return Status(StatusCode::Invalid, "unexpected end of archive (truncated layer)");
        }
        done += *n;
    }
    return Status::ok();
}

Result<std::unique_ptr<FileSource>> FileSource::open(const std::string &path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        return Status(StatusCode::NotFound, "open " + path + ": " + std::strerror(errno));
    }
    return std::unique_ptr<FileSource>(new FileSource(std::move(fd), path));
}

Result<size_t> FileSource::read(char *buffer, size_t size) {
    for (;;) {
        ssize_t n = ::read(m_fd.get(), buffer, size);
        if (n >= 0) {
            return static_cast<size_t>(n);
        }
        if (errno != EINTR) {
            return Status(StatusCode::Internal, "read " + m_path + ": " + std::strerror(errno));
        }
    }
}

} // namespace cox::image
