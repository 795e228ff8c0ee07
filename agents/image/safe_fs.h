// Filesystem primitives that never leave a root directory: every path is walked one component
// at a time from a directory fd with O_NOFOLLOW, and symlinks met on the way are resolved as if
// the root were "/" (like chroot), so an archive or a layer can never reach outside it.
#pragma once

#include "common/result.h"
#include "image/unique_fd.h"

#include <string>
#include <string_view>
#include <vector>

namespace cox::image::safe_fs {

// Splits an archive path into clean components. Rejects absolute paths and any ".." component;
// drops "." and empty components ("./bin//sh" -> {"bin", "sh"}).
Result<std::vector<std::string>> splitRelative(std::string_view path);

// Opens the directory `components` names below `rootFd`, resolving symlinks inside the root.
// With `create`, missing directories are made (mode 0755).
Result<UniqueFd> openDirInRoot(int rootFd, const std::vector<std::string> &components, bool create);

// Opens a directory path (not confined) for use as a root fd.
Result<UniqueFd> openDir(const std::string &path);

// Removes `name` below `dirFd` recursively without following symlinks. ENOENT is success.
Status removeAt(int dirFd, const std::string &name);
// Removes every child of `dirFd` except names in `keep`.
Status clearDir(int dirFd, const std::vector<std::string> &keep = {});
// Removes a whole tree by path (used on store and container directories).
Status removeTree(const std::string &path);

// Writes `content` to `path` atomically: a temp file in the same directory, fsync, rename.
Status writeFileAtomic(const std::string &path, std::string_view content);
Result<std::string> readFile(const std::string &path);
// mkdir -p.
Status makeDirs(const std::string &path, unsigned mode = 0755);

std::string errnoText(const std::string &what);

} // namespace cox::image::safe_fs
