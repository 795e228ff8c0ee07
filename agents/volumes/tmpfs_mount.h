// tmpfs mounts for memory-backed emptyDirs and for secret volumes (so secrets never reach the
// node's disk), and finding/unmounting them again at pod cleanup. Root only.
#pragma once

#include "common/status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cox::agent::volumes {

bool runningAsRoot();
// True when `path` is the root of a mount (its device differs from its parent's).
bool isMountPoint(const std::string &path);
// Mounts a tmpfs (nosuid, nodev, mode 0755 or `mode`) at `path` unless one is already there.
// `sizeBytes` 0 = the kernel default (half of RAM).
Status mountTmpfs(const std::string &path, int64_t sizeBytes, unsigned mode = 0755);
// Mount points at or below `dir`, deepest first (from /proc/self/mountinfo).
std::vector<std::string> mountsUnder(const std::string &dir);
// Unmounts everything at or below `dir`; a vanished mount is not an error.
Status unmountAllUnder(const std::string &dir);

} // namespace cox::agent::volumes
