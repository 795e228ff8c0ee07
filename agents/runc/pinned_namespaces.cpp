#include "runc/pinned_namespaces.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace cox::agent::runc {
namespace {

Status errnoStatus(const std::string &what, int error) {
    return Status(StatusCode::Internal, what + ": " + std::strerror(error));
}

Status makeMountPoint(const std::string &path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
    if (fd < 0)
        return errnoStatus("create " + path, errno);
    ::close(fd);
    return Status::ok();
}

Status bindOwn(const char *kind, const std::string &target) {
    std::string source = std::string("/proc/thread-self/ns/") + kind;
    if (::mount(source.c_str(), target.c_str(), nullptr, MS_BIND, nullptr) != 0)
        return errnoStatus("bind " + source + " to " + target, errno);
    return Status::ok();
}

// Sets "lo" up in the calling thread's network namespace: all the CNI loopback plugin does on
// ADD, without starting a process per pod for it.
Status bringLoopbackUp() {
    int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return errnoStatus("socket", errno);
    ifreq request{};
    std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    int rc = ::ioctl(fd, SIOCGIFFLAGS, &request);
    if (rc == 0) {
        request.ifr_flags |= IFF_UP;
        rc = ::ioctl(fd, SIOCSIFFLAGS, &request);
    }
    int error = errno;
    ::close(fd);
    return rc == 0 ? Status::ok() : errnoStatus("set lo up", error);
}

// Runs in a throw-away thread: unshare() moves only this thread into the new namespaces, and
// the bind mounts keep them alive after the thread is gone.
Status pinInThisThread(const std::string &dir, const std::string &hostname, bool withNetwork) {
    int flags = CLONE_NEWUTS | CLONE_NEWIPC | (withNetwork ? CLONE_NEWNET : 0);
    if (::unshare(flags) != 0)
        return errnoStatus("unshare", errno);
    if (!hostname.empty() && ::sethostname(hostname.data(), hostname.size()) != 0)
        return errnoStatus("sethostname", errno);
    if (withNetwork) {
        if (auto status = bringLoopbackUp(); !status)
            return status;
        if (auto status = bindOwn("net", PinnedNamespaces::netPath(dir)); !status)
            return status;
    }
    if (auto status = bindOwn("uts", PinnedNamespaces::utsPath(dir)); !status)
        return status;
    return bindOwn("ipc", PinnedNamespaces::ipcPath(dir));
}

} // namespace

Status PinnedNamespaces::create(const std::string &dir, const std::string &hostname,
                                bool withNetwork) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return Status(StatusCode::Internal, "create " + dir + ": " + ec.message());
    for (const auto &path : {utsPath(dir), ipcPath(dir)}) {
        if (auto status = makeMountPoint(path); !status)
            return status;
    }
    if (withNetwork) {
        if (auto status = makeMountPoint(netPath(dir)); !status)
            return status;
    }
    Status result;
    std::thread pinner([&] { result = pinInThisThread(dir, hostname, withNetwork); });
    pinner.join();
    if (!result)
        (void)remove(dir);
    return result;
}

Status PinnedNamespaces::remove(const std::string &dir) {
    Status result;
    for (const auto &path : {netPath(dir), utsPath(dir), ipcPath(dir)}) {
        if (::umount2(path.c_str(), MNT_DETACH) != 0 && errno != EINVAL && errno != ENOENT)
            result = errnoStatus("unmount " + path, errno);
        if (::unlink(path.c_str()) != 0 && errno != ENOENT)
            result = errnoStatus("remove " + path, errno);
    }
    ::rmdir(dir.c_str());
    return result;
}

} // namespace cox::agent::runc
