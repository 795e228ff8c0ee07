#include "debian_root.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sched.h>
#include <sstream>
#include <sys/mount.h>
#include <sys/stat.h>

namespace cox::testing {
namespace {

// The last `count` lines of a command's output: enough to say why mmdebstrap failed.
std::string tail(const std::string &text, int count) {
    size_t start = text.size();
    for (int i = 0; i <= count && start > 0; ++i) {
        const size_t newline = text.rfind('\n', start - 1);
        start = newline == std::string::npos ? 0 : newline;
    }
    return text.substr(start);
}

// Mount points at or below `dir` in this process's mount namespace.
std::vector<std::string> mountsUnder(const std::string &dir) {
    std::vector<std::string> found;
    std::ifstream in("/proc/self/mountinfo");
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        std::string id, parent, devices, root, mountPoint;
        fields >> id >> parent >> devices >> root >> mountPoint;
        if (mountPoint == dir || mountPoint.rfind(dir + "/", 0) == 0)
            found.push_back(mountPoint);
    }
    return found;
}

} // namespace

bool DebianRoot::isolateMounts() {
    if (::unshare(CLONE_NEWNS) != 0)
        return false;
    // Private propagation: our mounts never reach the host, and vanish with the process.
    return ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
}

std::unique_ptr<DebianRoot> DebianRoot::create(std::string *error) {
    const std::string dir = makeTempDir("cox-debian12");
    if (dir.empty()) {
        *error = "cannot create a temp dir";
        return nullptr;
    }
    ::chmod(dir.c_str(), 0755); // mkdtemp makes 0700; apt's _apt user must reach its cache
    std::unique_ptr<DebianRoot> root(new DebianRoot(dir));
    // --skip=cleanup/apt/lists keeps the package lists: apt-get install needs no update.
    const auto made = runCommand(
        {"mmdebstrap", "--variant=apt", "--skip=cleanup/apt/lists", "--quiet", "bookworm", dir}, {},
        std::chrono::minutes(10));
    if (made.exitCode != 0) {
        *error = "mmdebstrap --variant=apt bookworm failed (exit " + std::to_string(made.exitCode) +
                 ", -1: still running after 10 minutes):\n" + tail(made.err + made.out, 8);
        return nullptr;
    }
    // apt-get inside resolves the mirror's name with the host's resolver configuration.
    writeFile(dir + "/etc/resolv.conf", readFile("/etc/resolv.conf"));
    if (!root->mountAll(error))
        return nullptr;
    return root;
}

bool DebianRoot::mountAll(std::string *error) {
    struct Mount {
        const char *source, *target, *type;
        unsigned long flags;
    };
    const Mount mounts[] = {{"proc", "/proc", "proc", 0},
                            {"/sys", "/sys", nullptr, MS_BIND | MS_REC},
                            {"/dev", "/dev", nullptr, MS_BIND | MS_REC}};
    for (const Mount &m : mounts) {
        const std::string target = m_dir + m.target;
        if (::mount(m.source, target.c_str(), m.type, m.flags, nullptr) != 0) {
            *error = "mount " + target + ": " + std::strerror(errno);
            return false;
        }
        m_mounts.push_back(target);
    }
    return true;
}

bool DebianRoot::unmountAll() {
    for (auto it = m_mounts.rbegin(); it != m_mounts.rend(); ++it) {
        // Recursive binds (/dev/pts, /dev/shm, cgroups below /sys) go with a detach.
        if (::umount2(it->c_str(), 0) != 0)
            ::umount2(it->c_str(), MNT_DETACH);
    }
    m_mounts.clear();
    // A killed mmdebstrap leaves its own mounts; deepest first, they go the same way.
    const auto left = mountsUnder(m_dir);
    for (auto it = left.rbegin(); it != left.rend(); ++it)
        ::umount2(it->c_str(), MNT_DETACH);
    return mountsUnder(m_dir).empty();
}

DebianRoot::~DebianRoot() {
    if (!unmountAll()) {
        // Deleting through a mount that is still there would delete the host's /dev or /sys.
        std::cerr << "DebianRoot: mounts remain under " << m_dir << "; leaving it in place\n";
        return;
    }
    runCommand({"rm", "-rf", "--one-file-system", m_dir}, {}, std::chrono::minutes(2));
}

std::vector<std::string> DebianRoot::chrootArgv(const std::vector<std::string> &argv) const {
    std::vector<std::string> full{"chroot", m_dir};
    full.insert(full.end(), argv.begin(), argv.end());
    return full;
}

CommandResult DebianRoot::run(const std::vector<std::string> &argv, const Env &env,
                              std::chrono::milliseconds timeout) const {
    return runCommand(chrootArgv(argv), env, timeout);
}

} // namespace cox::testing
