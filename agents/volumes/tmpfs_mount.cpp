// tmpfs mounting and the mountinfo scan used at cleanup.
#include "volumes/tmpfs_mount.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::agent::volumes {

namespace {
// mountinfo escapes space, tab, newline and backslash as \ooo.
std::string unescape(const std::string &s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size()) {
            out.push_back(char(std::stoi(s.substr(i + 1, 3), nullptr, 8)));
            i += 3;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}
} // namespace

bool runningAsRoot() {
    return ::geteuid() == 0;
}

bool isMountPoint(const std::string &path) {
    struct stat self {};
    struct stat parent {};
    std::string up = std::filesystem::path(path).parent_path().string();
    if (::stat(path.c_str(), &self) != 0 || ::stat(up.c_str(), &parent) != 0)
        return false;
    return self.st_dev != parent.st_dev;
}

Status mountTmpfs(const std::string &path, int64_t sizeBytes, unsigned mode) {
    if (isMountPoint(path))
        return Status::ok();
    char modeText[16];
    std::snprintf(modeText, sizeof modeText, "%o", mode);
    std::string options = std::string("mode=") + modeText;
    if (sizeBytes > 0)
        options += ",size=" + std::to_string(sizeBytes);
    if (::mount("tmpfs", path.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0)
        return Status(StatusCode::Internal,
                      "cannot mount tmpfs at " + path + ": " + std::strerror(errno));
    return Status::ok();
}

std::vector<std::string> mountsUnder(const std::string &dir) {
    std::vector<std::string> found;
    std::ifstream in("/proc/self/mountinfo");
    std::string line;
    std::string prefix = dir.back() == '/' ? dir : dir + "/";
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string id, parent, devs, root, mountPoint;
        fields >> id >> parent >> devs >> root >> mountPoint;
        mountPoint = unescape(mountPoint);
        if (mountPoint == dir || mountPoint.rfind(prefix, 0) == 0)
            found.push_back(mountPoint);
    }
    std::sort(found.begin(), found.end(),
              [](const std::string &a, const std::string &b) { return a.size() > b.size(); });
    return found;
}

Status unmountAllUnder(const std::string &dir) {
    for (const std::string &mountPoint : mountsUnder(dir)) {
        if (::umount2(mountPoint.c_str(), MNT_DETACH) != 0 && errno != EINVAL && errno != ENOENT)
            return Status(StatusCode::Internal,
                          "cannot unmount " + mountPoint + ": " + std::strerror(errno));
    }
    return Status::ok();
}

} // namespace cox::agent::volumes
