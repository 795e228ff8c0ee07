// AtomicWriter: kubelet's scheme for configMap/secret volumes, so a reader never sees a
// half-written set of files. Each version is written into a fresh timestamped directory
// "..2026_11_28_18_30_00.123456"; the "..data" symlink is pointed at it with an atomic rename of a
// temporary symlink; the user-visible names are symlinks "key -> ..data/key". The previous
// version's directory is removed after the swap.
#pragma once

#include "common/result.h"

#include <map>
#include <string>
#include <sys/types.h>

namespace cox::agent::volumes {

struct FileEntry {
    std::string data;
    mode_t mode = 0644;
};

// Relative path ("key" or "dir/key") -> content.
using Payload = std::map<std::string, FileEntry>;

class AtomicWriter {
public:
    explicit AtomicWriter(std::string targetDir);

    // Writes `payload` as the new version unless it equals the current one. Returns whether the
    // files changed. Paths must be relative, without "..", and not start with "..".
    Result<bool> write(const Payload &payload) const;

    static Status validatePath(const std::string &path);

private:
    bool sameAsCurrent(const Payload &payload) const;
    Result<std::string> writeVersion(const Payload &payload) const;
    Status updateVisibleLinks(const Payload &payload) const;

    std::string m_dir;
};

} // namespace cox::agent::volumes
