// SFTP upload of one local file to a path on the machine, as the SSH user. The bootstrap uploads
// to a temporary name and lets a privileged command verify and move it, so a half-written file
// never sits where the agent binary belongs.
#pragma once

#include "bootstrap/cancel_token.h"
#include "bootstrap/ssh_session.h"
#include "common/status.h"

#include <functional>
#include <string>

namespace cox::bootstrap {

// Called with bytes sent so far and the total.
using UploadProgress = std::function<void(uint64_t sent, uint64_t total)>;

// Copies `localPath` to `remotePath` (created or truncated, mode `mode`). Checks `cancel`
// between chunks; on failure or cancel the partial remote file is removed.
Status sftpUpload(SshSession &session, const std::string &localPath, const std::string &remotePath,
                  int mode, const CancelToken &cancel, const UploadProgress &progress = {});

} // namespace cox::bootstrap
