#include "image/safe_fs.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::image::safe_fs {
namespace {

constexpr int kMaxSymlinkHops = 40;

Status fail(StatusCode code, const std::string &what) {
    return Status(code, errnoText(what));
}

Result<std::string> readLinkAt(int dirFd, const std::string &name) {
    std::string target(4096, '\0');
    ssize_t n = ::readlinkat(dirFd, name.c_str(), target.data(), target.size());
    if (n < 0) {
        return fail(StatusCode::Internal, "readlink " + name);
    }
    target.resize(static_cast<size_t>(n));
    return target;
}

} // namespace

std::string errnoText(const std::string &what) {
    return what + ": " + std::strerror(errno);
}

Result<std::vector<std::string>> splitRelative(std::string_view path) {
    if (!path.empty() && path.front() == '/') {
        return Status(StatusCode::Invalid, "absolute path \"" + std::string(path) + "\"");
    }
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        std::string_view part = path.substr(
            start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (part == "..") {
            return Status(StatusCode::Invalid,
                          "path \"" + std::string(path) + "\" climbs out with \"..\"");
        }
        if (!part.empty() && part != ".") {
            parts.emplace_back(part);
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return parts;
}

Result<UniqueFd> openDir(const std::string &path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid()) {
        return fail(StatusCode::NotFound, "open directory " + path);
    }
    return fd;
}

Result<UniqueFd> openDirInRoot(int rootFd, const std::vector<std::string> &components,
                               bool create) {
    std::vector<UniqueFd> stack; // stack[0] is the root; ".." never pops past it
    stack.emplace_back(::dup(rootFd));
    if (!stack.back().valid()) {
        return fail(StatusCode::Internal, "dup root");
    }
    std::deque<std::string> pending(components.begin(), components.end());
    int hops = 0;
    while (!pending.empty()) {
        std::string part = std::move(pending.front());
        pending.pop_front();
        if (part.empty() || part == ".") {
            continue;
        }
        if (part == "..") {
            if (stack.size() > 1) {
                stack.pop_back();
            }
            continue;
        }
        int parent = stack.back().get();
        struct stat st {};
        if (::fstatat(parent, part.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT || !create) {
                return fail(StatusCode::NotFound, "resolve " + part);
            }
            if (::mkdirat(parent, part.c_str(), 0755) != 0 && errno != EEXIST) {
                return fail(StatusCode::Internal, "mkdir " + part);
            }
            pending.push_front(part);
            continue;
        }
        if (S_ISLNK(st.st_mode)) {
            if (++hops > kMaxSymlinkHops) {
                return Status(StatusCode::Invalid, "too many levels of symbolic links");
            }
            auto target = readLinkAt(parent, part);
            if (!target) {
                return target.status();
            }
            if (!target->empty() && target->front() == '/') {
                stack.resize(1); // absolute targets restart at the root, never at the host's "/"
            }
            std::vector<std::string> next;
            size_t start = 0;
            while (start <= target->size()) {
                size_t end = target->find('/', start);
                next.push_back(target->substr(start, end == std::string::npos ? end : end - start));
                if (end == std::string::npos) {
                    break;
                }
                start = end + 1;
            }
            pending.insert(pending.begin(), next.begin(), next.end());
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            return Status(StatusCode::Invalid, "\"" + part + "\" is not a directory");
        }
        UniqueFd child(
            ::openat(parent, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!child.valid()) {
            return fail(StatusCode::Internal, "open " + part);
        }
        stack.push_back(std::move(child));
    }
    return std::move(stack.back());
}

Status clearDir(int dirFd, const std::vector<std::string> &keep) {
    UniqueFd copy(::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!copy.valid()) {
        return fail(StatusCode::Internal, "open directory");
    }
    DIR *dir = ::fdopendir(copy.release());
    if (!dir) {
        return fail(StatusCode::Internal, "fdopendir");
    }
    std::vector<std::string> names;
    while (dirent *e = ::readdir(dir)) {
        std::string name = e->d_name;
        if (name == "." || name == "..") {
            continue;
        }
        if (std::find(keep.begin(), keep.end(), name) == keep.end()) {
            names.push_back(name);
        }
    }
    ::closedir(dir);
    for (const auto &name : names) {
        if (auto s = removeAt(dirFd, name); !s) {
            return s;
        }
    }
    return Status::ok();
}

Status removeAt(int dirFd, const std::string &name) {
    struct stat st {};
    if (::fstatat(dirFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        return errno == ENOENT ? Status::ok() : fail(StatusCode::Internal, "stat " + name);
    }
    if (S_ISDIR(st.st_mode)) {
        UniqueFd child(
            ::openat(dirFd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!child.valid()) {
            return fail(StatusCode::Internal, "open " + name);
        }
        if (auto s = clearDir(child.get()); !s) {
            return s;
        }
        if (::unlinkat(dirFd, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
            return fail(StatusCode::Internal, "rmdir " + name);
        }
        return Status::ok();
    }
    if (::unlinkat(dirFd, name.c_str(), 0) != 0 && errno != ENOENT) {
        return fail(StatusCode::Internal, "unlink " + name);
    }
    return Status::ok();
}

Status removeTree(const std::string &path) {
    auto slash = path.find_last_of('/');
    std::string parent = slash == std::string::npos ? "." : path.substr(0, slash);
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    if (parent.empty()) {
        parent = "/";
    }
    UniqueFd dir(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid()) {
        return errno == ENOENT ? Status::ok() : fail(StatusCode::Internal, "open " + parent);
    }
    return removeAt(dir.get(), name);
}

Status writeFileAtomic(const std::string &path, std::string_view content) {
    static std::atomic<unsigned> counter{0};
    std::string tmp =
        path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1));
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd.valid()) {
        return fail(StatusCode::Internal, "create " + tmp);
    }
    size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            Status s = fail(StatusCode::Internal, "write " + tmp);
            ::unlink(tmp.c_str());
            return s;
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd.get()) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
        Status s = fail(StatusCode::Internal, "replace " + path);
        ::unlink(tmp.c_str());
        return s;
    }
    return Status::ok();
}

Result<std::string> readFile(const std::string &path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        return fail(errno == ENOENT ? StatusCode::NotFound : StatusCode::Internal, "open " + path);
    }
    std::string out;
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return fail(StatusCode::Internal, "read " + path);
        }
        if (n == 0) {
            return out;
        }
        out.append(buf, static_cast<size_t>(n));
    }
}

Status makeDirs(const std::string &path, unsigned mode) {
    std::string partial;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        partial = path.substr(0, end);
        if (!partial.empty() && ::mkdir(partial.c_str(), mode) != 0 && errno != EEXIST) {
            return fail(StatusCode::Internal, "mkdir " + partial);
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return Status::ok();
}

} // namespace cox::image::safe_fs
