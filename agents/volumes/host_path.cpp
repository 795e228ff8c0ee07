// hostPath type checks.
#include "volumes/host_path.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::agent::volumes {

namespace {
Status typeFailed(const std::string &volume, const std::string &path, const std::string &what) {
    return Status(StatusCode::Invalid, "hostPath volume \"" + volume +
                                           "\": hostPath type check failed: " + path + " is not " +
                                           what);
}

struct Kind {
    const char *type;
    mode_t format;
    const char *what;
};
constexpr Kind kKinds[] = {
    {"Directory", S_IFDIR, "a directory"},
    {"DirectoryOrCreate", S_IFDIR, "a directory"},
    {"File", S_IFREG, "a file"},
    {"FileOrCreate", S_IFREG, "a file"},
    {"Socket", S_IFSOCK, "a socket"},
    {"CharDevice", S_IFCHR, "a character device"},
    {"BlockDevice", S_IFBLK, "a block device"},
};

Status create(const std::string &volume, const std::string &path, bool directory) {
    std::error_code ec;
    std::filesystem::create_directories(
        directory ? std::filesystem::path(path) : std::filesystem::path(path).parent_path(), ec);
    if (ec)
        return Status(StatusCode::Internal, "hostPath volume \"" + volume + "\": cannot create " +
                                                path + ": " + ec.message());
    if (directory) {
        ::chmod(path.c_str(), 0755);
        return Status::ok();
    }
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return Status(StatusCode::Internal, "hostPath volume \"" + volume + "\": cannot create " +
                                                path + ": " + std::strerror(errno));
    ::close(fd);
    return Status::ok();
}
} // namespace

Status prepareHostPath(const std::string &volumeName, const std::string &path,
                       const std::string &type) {
    if (path.empty() || path.front() != '/')
        return Status(StatusCode::Invalid, "hostPath volume \"" + volumeName + "\": path \"" +
                                               path + "\" must be absolute");
    if (type.empty())
        return Status::ok(); // kubelet: no checks before mounting
    const Kind *kind = nullptr;
    for (const Kind &k : kKinds)
        if (type == k.type)
            kind = &k;
    if (!kind)
        return Status(StatusCode::Invalid,
                      "hostPath volume \"" + volumeName + "\": unsupported type \"" + type +
                          "\"; use one of \"\", DirectoryOrCreate, Directory, FileOrCreate, "
                          "File, Socket, CharDevice, BlockDevice");
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        bool orCreate = type == "DirectoryOrCreate" || type == "FileOrCreate";
        if (errno != ENOENT || !orCreate)
            return typeFailed(volumeName, path, kind->what);
        return create(volumeName, path, type == "DirectoryOrCreate");
    }
    if ((st.st_mode & S_IFMT) != kind->format)
        return typeFailed(volumeName, path, kind->what);
    return Status::ok();
}

} // namespace cox::agent::volumes
