// LayerCopier: flattens an unpacked layer directory onto a root filesystem, for kernels (or
// unprivileged agents) without overlayfs. Understands both whiteout forms a cached layer may
// hold: overlay (0/0 char device, trusted.overlay.opaque) and marker files (".wh.<name>",
// ".wh..wh..opq"). Works on directory fds with O_NOFOLLOW, so a symlink in a lower layer can
// never redirect a copy outside the target.
#pragma once

#include "common/result.h"

#include <string>
#include <sys/stat.h>

namespace cox::image {

class LayerCopier {
public:
    explicit LayerCopier(bool preserveOwnership)
        : m_preserveOwnership(preserveOwnership) {}

    Status copy(const std::string &layerDir, const std::string &targetDir);

private:
    Status copyDir(int srcFd, int dstFd);
    Status copyEntry(int srcFd, int dstFd, const std::string &name);
    Status copyFile(int srcFd, int dstFd, const std::string &name, const struct ::stat &st);

    bool m_preserveOwnership;
};

} // namespace cox::image
