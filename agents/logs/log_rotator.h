// LogRotator: size-based rotation of the CRI log files the runc shim writes.
//
// The shim (agents/runc/container_shim.cpp) opens its log file once with O_APPEND and never
// reopens it, so rename-and-signal rotation would leave it writing into <path>.1. This rotator
// therefore uses copytruncate: shift <path>.N-1 -> <path>.N, copy <path> to <path>.1, then
// truncate <path> to zero. Because the writer appends (O_APPEND), its next line lands at the new
// end (offset 0) instead of leaving a hole. Known loss window: lines the shim writes between the
// end of the copy and the truncate are in neither file (microseconds; at most what the container
// prints in that moment). Readers following the file see the truncation and start over.
#pragma once

#include "common/result.h"

#include <cstdint>
#include <string>

namespace cox::agent::logs {

class LogRotator {
public:
    // Rotate once a file reaches `maxBytes`, keeping `maxFiles` rotated copies (<path>.1 newest).
    LogRotator(int64_t maxBytes, int maxFiles);

    // Rotates `path` when it has reached the size limit. Returns whether it rotated. A missing
    // file is not an error (the container has not written yet).
    Result<bool> rotateIfNeeded(const std::string &path) const;
    // Rotates every "*.log" file below `dir` that reached the limit (the agent calls this
    // periodically over its pod log root). Returns how many were rotated.
    Result<int> rotateTree(const std::string &dir) const;
    // Rotates unconditionally (the file must exist).
    Status rotate(const std::string &path) const;

private:
    int64_t m_maxBytes;
    int m_maxFiles;
};

} // namespace cox::agent::logs
