// RootfsProvider: where the runc runtime gets a container's root filesystem and image config.
// The runtime owns bundles and processes; images are someone else's job (the image service in
// the agent, a directory copy in tests), so this small seam is all the runtime needs of them.
#pragma once

#include "common/result.h"
#include "runtime/runtime.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cox::agent::runc {

struct PreparedRootfs {
    std::string rootfsPath; // a directory runc can use as the container's root
    bool readOnly = false;  // mount the root read-only
    std::vector<std::string> entrypoint;
    std::vector<std::string> cmd;
    std::vector<std::pair<std::string, std::string>> env;
    std::string workingDir;
    std::string resolvedImage; // reference after resolution (tag -> registry/name:tag)
    std::string imageId;       // "sha256:..." content digest, empty when unknown
};

class RootfsProvider {
public:
    virtual ~RootfsProvider() = default;

    // Makes a root filesystem for `image` available for the container whose bundle directory
    // is `containerDir` (the provider may create files under it, e.g. <containerDir>/rootfs).
    virtual Result<PreparedRootfs> prepare(const std::string &image,
                                           const std::string &containerDir) = 0;
    // Undoes prepare() (unmounts overlays, drops references) before the bundle is deleted.
    virtual Status release(const std::string &containerDir) = 0;

    virtual Result<bool> imagePresent(const std::string &image) = 0;
    virtual Status pullImage(const std::string &image, const std::optional<ImageAuth> &auth) = 0;
};

} // namespace cox::agent::runc
