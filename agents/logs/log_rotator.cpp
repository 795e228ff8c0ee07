// LogRotator: copytruncate rotation (see the header for why not rename).
#include "logs/log_rotator.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::agent::logs {

namespace {
struct Fd {
    int fd = -1;
    explicit Fd(int f)
        : fd(f) {}
    ~Fd() {
        if (fd >= 0)
            ::close(fd);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
};

Status errnoStatus(const std::string &what, const std::string &path) {
    return Status(StatusCode::Internal, what + " " + path + ": " + std::strerror(errno));
}

Status copyFile(int from, const std::string &toPath) {
    Fd to(::open(toPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640));
    if (to.fd < 0)
        return errnoStatus("cannot create", toPath);
    char buffer[64 * 1024];
    for (;;) {
        ssize_t n = ::read(from, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errnoStatus("cannot read for", toPath);
        if (n == 0)
            return Status::ok();
        for (ssize_t done = 0; done < n;) {
            ssize_t w = ::write(to.fd, buffer + done, size_t(n - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                return errnoStatus("cannot write", toPath);
            done += w;
        }
    }
}
} // namespace

LogRotator::LogRotator(int64_t maxBytes, int maxFiles)
    : m_maxBytes(maxBytes)
    , m_maxFiles(maxFiles < 1 ? 1 : maxFiles) {}

Result<bool> LogRotator::rotateIfNeeded(const std::string &path) const {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return errno == ENOENT ? Result<bool>(false) : Result<bool>(errnoStatus("stat", path));
    if (st.st_size < m_maxBytes)
        return false;
    if (Status s = rotate(path); !s.isOk())
        return s;
    return true;
}

Result<int> LogRotator::rotateTree(const std::string &dir) const {
    namespace fs = std::filesystem;
    std::error_code ec;
    int rotated = 0;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec) || it->path().extension() != ".log")
            continue;
        auto r = rotateIfNeeded(it->path().string());
        if (!r)
            return r.status();
        rotated += *r ? 1 : 0;
    }
    if (ec && ec != std::errc::no_such_file_or_directory)
        return Status(StatusCode::Internal, "cannot scan " + dir + ": " + ec.message());
    return rotated;
}

Status LogRotator::rotate(const std::string &path) const {
    Fd source(::open(path.c_str(), O_RDWR | O_CLOEXEC));
    if (source.fd < 0)
        return errnoStatus("cannot open", path);
    ::unlink((path + "." + std::to_string(m_maxFiles)).c_str());
    for (int i = m_maxFiles - 1; i >= 1; --i) {
        std::string from = path + "." + std::to_string(i);
        if (::rename(from.c_str(), (path + "." + std::to_string(i + 1)).c_str()) != 0 &&
            errno != ENOENT)
            return errnoStatus("cannot rename", from);
    }
    if (Status s = copyFile(source.fd, path + ".1"); !s.isOk())
        return s;
    if (::ftruncate(source.fd, 0) != 0)
        return errnoStatus("cannot truncate", path);
    return Status::ok();
}

} // namespace cox::agent::logs
