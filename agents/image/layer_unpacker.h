// LayerUnpacker: extracts one layer tar (plain or gzip) into a directory without ever writing
// outside it. Absolute and ".." paths are refused; parent directories are resolved inside the
// root (a symlink "etc -> /etc" in the layer leads to <root>/etc, never the host's); the final
// component is never followed (an existing symlink is replaced, not written through).
//
// Whiteouts (".wh.<name>", ".wh..wh..opq") are applied (flattening onto lower layers already in
// the target), converted to overlayfs form (0/0 char device, trusted.overlay.opaque=y), or kept
// as plain marker files for a later copy to apply.
#pragma once

#include "common/result.h"
#include "image/byte_source.h"
#include "image/tar_reader.h"

#include <set>
#include <string>
#include <vector>

namespace cox::image {

enum class WhiteoutMode { Apply, Overlay, Keep };

struct UnpackOptions {
    WhiteoutMode whiteouts = WhiteoutMode::Apply;
    bool preserveOwnership = false; // chown to the archive's uid/gid (needs root)
    bool allowDevices = false;      // create char/block device nodes (needs root)
};

struct UnpackStats {
    std::string diffId; // sha256 of the uncompressed tar stream
    int64_t entries = 0;
    int64_t bytes = 0;   // regular file content written
    int64_t skipped = 0; // device nodes left out
};

class LayerUnpacker {
public:
    explicit LayerUnpacker(UnpackOptions options)
        : m_options(options) {}

    // `layer` is a tar or tar.gz file; `target` an existing directory.
    Result<UnpackStats> unpackFile(const std::string &layer, const std::string &target);
    Result<UnpackStats> unpack(ByteSource &tarStream, const std::string &target);

    static UnpackOptions defaultsForThisProcess(WhiteoutMode whiteouts);

private:
    struct Deferred {
        std::vector<std::string> path;
        uint32_t mode;
        uint32_t uid;
        uint32_t gid;
        int64_t mtime;
    };

    Status extractEntry(int rootFd, TarReader &reader, const TarEntry &entry);
    Status writeFile(int parentFd, const std::string &name, TarReader &reader,
                     const TarEntry &entry);
    Status applyWhiteout(int parentFd, const std::vector<std::string> &parentPath,
                         const std::string &name);
    Status finishDirectories(int rootFd);
    void setOwnerAndTime(int parentFd, const std::string &name, const TarEntry &entry);

    UnpackOptions m_options;
    UnpackStats m_stats;
    std::set<std::string> m_written; // cleaned paths this layer wrote (opaque dirs keep them)
    std::vector<Deferred> m_directories;
};

} // namespace cox::image
