// Subprocess: runs a program to completion with a full environment, a stdin payload and a
// deadline, capturing stdout and stderr. Uses posix_spawn so it is safe from many threads (no
// allocation between fork and exec) and closes every inherited descriptor above stderr.
#pragma once

#include "common/result.h"

#include <chrono>
#include <string>
#include <vector>

namespace cox::agent::runc {

struct ProcessOutput {
    int exitCode = -1; // 128 + signal when killed by a signal
    std::string out;
    std::string err;
};

class Subprocess {
public:
    // `env` entries are "NAME=value"; an empty vector inherits nothing. Fails with Timeout when
    // the deadline passes (the process is killed), Internal when it cannot be started.
    static Result<ProcessOutput> run(const std::vector<std::string> &argv,
                                     const std::vector<std::string> &env, const std::string &input,
                                     std::chrono::milliseconds timeout);

    // The current process environment as "NAME=value" entries, for callers that add to it.
    static std::vector<std::string> currentEnvironment();
};

} // namespace cox::agent::runc
