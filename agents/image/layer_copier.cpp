#include "image/layer_copier.h"

#include "image/safe_fs.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <vector>

namespace cox::image {
namespace {

constexpr std::string_view kWhiteoutPrefix = ".wh.";
constexpr std::string_view kOpaqueMarker = ".wh..wh..opq";

Result<std::vector<std::string>> listDir(int dirFd) {
    UniqueFd copy(::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    DIR *dir = copy.valid() ? ::fdopendir(copy.release()) : nullptr;
    if (!dir) {
        return Status(StatusCode::Internal, safe_fs::errnoText("list layer directory"));
    }
    std::vector<std::string> names;
    while (dirent *e = ::readdir(dir)) {
        std::string name = e->d_name;
        if (name != "." && name != "..") {
            names.push_back(std::move(name));
        }
    }
    ::closedir(dir);
    return names;
}

bool isOverlayOpaque(int dirFd) {
    char value[4] = {};
    ssize_t n = ::fgetxattr(dirFd, "trusted.overlay.opaque", value, sizeof value);
    return n == 1 && value[0] == 'y';
}

} // namespace

Status LayerCopier::copy(const std::string &layerDir, const std::string &targetDir) {
    auto src = safe_fs::openDir(layerDir);
    if (!src) {
        return src.status();
    }
    auto dst = safe_fs::openDir(targetDir);
    if (!dst) {
        return dst.status();
    }
    return copyDir(src->get(), dst->get());
}

Status LayerCopier::copyDir(int srcFd, int dstFd) {
    auto names = listDir(srcFd);
    if (!names) {
        return names.status();
    }
    // Whiteouts first: they hide lower-layer content, never this layer's own.
    bool opaque = isOverlayOpaque(srcFd);
    for (const auto &name : *names) {
        opaque = opaque || name == kOpaqueMarker;
    }
    if (opaque) {
        if (auto s = safe_fs::clearDir(dstFd); !s) {
            return s;
        }
    }
    for (const auto &name : *names) {
        if (name == kOpaqueMarker) {
            continue;
        }
        if (name.starts_with(kWhiteoutPrefix)) {
            if (auto s = safe_fs::removeAt(dstFd, name.substr(kWhiteoutPrefix.size())); !s) {
                return s;
            }
            continue;
        }
        struct stat st {};
        if (::fstatat(srcFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISCHR(st.st_mode) &&
            st.st_rdev == makedev(0, 0)) {
            if (auto s = safe_fs::removeAt(dstFd, name); !s) {
                return s;
            }
        }
    }
    for (const auto &name : *names) {
        if (name.starts_with(kWhiteoutPrefix)) {
            continue;
        }
        if (auto s = copyEntry(srcFd, dstFd, name); !s) {
            return s;
        }
    }
    return Status::ok();
}

Status LayerCopier::copyEntry(int srcFd, int dstFd, const std::string &name) {
    struct stat st {};
    if (::fstatat(srcFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        return Status(StatusCode::Internal, safe_fs::errnoText("stat " + name));
    }
    if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0)) {
        return Status::ok(); // overlay whiteout, handled above
    }
    struct stat existing {};
    bool exists = ::fstatat(dstFd, name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0;
    bool keepDir = exists && S_ISDIR(st.st_mode) && S_ISDIR(existing.st_mode);
    if (exists && !keepDir) {
        if (auto s = safe_fs::removeAt(dstFd, name); !s) {
            return s;
        }
    }
    timespec times[2] = {st.st_atim, st.st_mtim};
    if (S_ISDIR(st.st_mode)) {
        if (!keepDir && ::mkdirat(dstFd, name.c_str(), 0700) != 0) {
            return Status(StatusCode::Internal, safe_fs::errnoText("mkdir " + name));
        }
        UniqueFd s(::openat(srcFd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        UniqueFd d(::openat(dstFd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!s.valid() || !d.valid()) {
            return Status(StatusCode::Internal, safe_fs::errnoText("open " + name));
        }
        if (auto status = copyDir(s.get(), d.get()); !status) {
            return status;
        }
        if (m_preserveOwnership) {
            (void)::fchown(d.get(), st.st_uid, st.st_gid);
        }
        ::fchmod(d.get(), st.st_mode & 07777);
        ::futimens(d.get(), times);
        return Status::ok();
    }
    if (S_ISREG(st.st_mode)) {
        return copyFile(srcFd, dstFd, name, st);
    }
    if (S_ISLNK(st.st_mode)) {
        std::string target(4096, '\0');
        ssize_t n = ::readlinkat(srcFd, name.c_str(), target.data(), target.size());
        if (n < 0) {
            return Status(StatusCode::Internal, safe_fs::errnoText("readlink " + name));
        }
        target.resize(static_cast<size_t>(n));
        if (::symlinkat(target.c_str(), dstFd, name.c_str()) != 0) {
            return Status(StatusCode::Internal, safe_fs::errnoText("symlink " + name));
        }
    } else if (::mknodat(dstFd, name.c_str(), st.st_mode, st.st_rdev) != 0) {
        return Status(StatusCode::Internal, safe_fs::errnoText("mknod " + name));
    }
    if (m_preserveOwnership) {
        (void)::fchownat(dstFd, name.c_str(), st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW);
    }
    ::utimensat(dstFd, name.c_str(), times, AT_SYMLINK_NOFOLLOW);
    return Status::ok();
}

Status LayerCopier::copyFile(int srcFd, int dstFd, const std::string &name, const struct stat &st) {
    UniqueFd in(::openat(srcFd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    UniqueFd out(
        ::openat(dstFd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!in.valid() || !out.valid()) {
        return Status(StatusCode::Internal, safe_fs::errnoText("copy " + name));
    }
    off_t left = st.st_size;
    while (left > 0) {
        ssize_t n =
            ::copy_file_range(in.get(), nullptr, out.get(), nullptr, static_cast<size_t>(left), 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            // Fall back to read/write (e.g. EXDEV on older kernels).
            char buf[1 << 16];
            ssize_t r = ::read(in.get(), buf, sizeof buf);
            if (r <= 0 || ::write(out.get(), buf, static_cast<size_t>(r)) != r) {
                return Status(StatusCode::Internal, safe_fs::errnoText("copy " + name));
            }
            n = r;
        }
        left -= n;
    }
    if (m_preserveOwnership) {
        (void)::fchown(out.get(), st.st_uid, st.st_gid);
    }
    ::fchmod(out.get(), st.st_mode & 07777);
    timespec times[2] = {st.st_atim, st.st_mtim};
    ::futimens(out.get(), times);
    return Status::ok();
}

} // namespace cox::image
