// hostPath volume checks, as the kubelet does them for each `type` (DirectoryOrCreate, Directory,
// FileOrCreate, File, Socket, CharDevice, BlockDevice, or "" for no check).
#pragma once

#include "common/status.h"

#include <string>

namespace cox::agent::volumes {

// Checks (and for the *OrCreate types, creates) `path`. The error names the volume, the path
// and what was expected, e.g. "hostPath type check failed: /x is not a directory".
Status prepareHostPath(const std::string &volumeName, const std::string &path,
                       const std::string &type);

} // namespace cox::agent::volumes
