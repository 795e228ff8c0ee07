#include "image/rootfs_builder.h"

#include "common/log.h"
#include "image/layer_copier.h"
#include "image/safe_fs.h"

#include <cerrno>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::image {
namespace {

constexpr const char *kStateFile = "/rootfs.state"; // "overlay" or "copy" once prepared

bool isMountPoint(const std::string &path) {
    struct stat self {};
    struct stat parent {};
    if (::stat(path.c_str(), &self) != 0 || ::stat((path + "/..").c_str(), &parent) != 0) {
        return false;
    }
    return self.st_dev != parent.st_dev;
}

} // namespace

Result<RootfsMount> RootfsBuilder::prepare(const std::vector<std::string> &layerDirs,
                                           const std::string &containerDir) const {
    RootfsMount out{containerDir + "/rootfs", false};
    auto state = safe_fs::readFile(containerDir + kStateFile);
    if (state && (*state == "copy" || (*state == "overlay" && isMountPoint(out.rootfs)))) {
        out.overlay = *state == "overlay";
        return out; // prepared before (agent restart): keep the container's changes
    }
    if (auto s = release(containerDir); !s) {
        return s;
    }
    if (auto s = safe_fs::makeDirs(out.rootfs, 0755); !s) {
        return s;
    }
    if (m_overlayLayers) {
        Status mounted = mountOverlay(layerDirs, containerDir);
        if (mounted) {
            out.overlay = true;
        } else {
            COX_LOG(Warn, "image") << "overlay mount for " << containerDir
                                   << " failed, copying layers instead: " << mounted.message();
        }
    }
    if (!out.overlay) {
        if (auto s = copyLayers(layerDirs, out.rootfs); !s) {
            (void)safe_fs::removeTree(out.rootfs);
            return s;
        }
    }
    if (auto s =
            safe_fs::writeFileAtomic(containerDir + kStateFile, out.overlay ? "overlay" : "copy");
        !s) {
        return s;
    }
    return out;
}

Status RootfsBuilder::mountOverlay(const std::vector<std::string> &layerDirs,
                                   const std::string &containerDir) const {
    std::string upper = containerDir + "/upper";
    std::string work = containerDir + "/work";
    for (const auto &dir : {upper, work}) {
        if (auto s = safe_fs::makeDirs(dir, 0755); !s) {
            return s;
        }
    }
    std::string lower;
    for (auto it = layerDirs.rbegin(); it != layerDirs.rend(); ++it) {
        if (it->find_first_of(",:") != std::string::npos) {
            return Status(StatusCode::Invalid, "layer path " + *it + " has ',' or ':'");
        }
        lower += (lower.empty() ? "" : ":") + *it; // leftmost is the top layer
    }
    if (layerDirs.empty()) {
        // overlayfs needs a lower dir; an image without layers gets an empty one.
        lower = containerDir + "/empty";
        if (auto s = safe_fs::makeDirs(lower, 0755); !s) {
            return s;
        }
    }
    std::string options = "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work;
    if (options.size() >= static_cast<size_t>(::getpagesize())) {
        return Status(StatusCode::Invalid, "too many layers for one overlay mount option");
    }
    std::string target = containerDir + "/rootfs";
    if (::mount("overlay", target.c_str(), "overlay", 0, options.c_str()) != 0) {
        return Status(StatusCode::Internal, safe_fs::errnoText("mount overlay on " + target));
    }
    return Status::ok();
}

Status RootfsBuilder::copyLayers(const std::vector<std::string> &layerDirs,
                                 const std::string &rootfs) const {
    LayerCopier copier(::geteuid() == 0);
    for (const auto &dir : layerDirs) {
        if (auto s = copier.copy(dir, rootfs); !s) {
            return Status(s.code(), "copy layer " + dir + ": " + s.message());
        }
    }
    return Status::ok();
}

Status RootfsBuilder::release(const std::string &containerDir) const {
    std::string rootfs = containerDir + "/rootfs";
    // Unmount first: removing through a live overlay would only whiteout files, and removing
    // a mount point's lower layers is never what we want.
    for (int i = 0; i < 8 && isMountPoint(rootfs); ++i) {
        if (::umount2(rootfs.c_str(), MNT_DETACH) != 0 && errno != EINVAL) {
            return Status(StatusCode::Internal, safe_fs::errnoText("unmount " + rootfs));
        }
    }
    if (isMountPoint(rootfs)) {
        return Status(StatusCode::Internal, rootfs + " is still mounted");
    }
    for (const char *sub : {"/rootfs", "/upper", "/work", "/empty", kStateFile}) {
        if (auto s = safe_fs::removeTree(containerDir + sub); !s) {
            return s;
        }
    }
    return Status::ok();
}

} // namespace cox::image
