// RootfsBuilder: turns an image's unpacked layers into a container's root filesystem under the
// container's directory: an overlayfs mount (read-only shared layers below, a per-container
// upper/work dir) when the store keeps overlay layers and the mount succeeds, else a private
// copy with whiteouts applied. release() undoes either; both are idempotent.
#pragma once

#include "common/result.h"

#include <string>
#include <vector>

namespace cox::image {

struct RootfsMount {
    std::string rootfs; // <containerDir>/rootfs
    bool overlay = false;
};

class RootfsBuilder {
public:
    explicit RootfsBuilder(bool overlayLayers)
        : m_overlayLayers(overlayLayers) {}

    // `layerDirs` bottom to top.
    Result<RootfsMount> prepare(const std::vector<std::string> &layerDirs,
                                const std::string &containerDir) const;
    Status release(const std::string &containerDir) const;

private:
    Status mountOverlay(const std::vector<std::string> &layerDirs,
                        const std::string &containerDir) const;
    Status copyLayers(const std::vector<std::string> &layerDirs, const std::string &rootfs) const;

    bool m_overlayLayers;
};

} // namespace cox::image
