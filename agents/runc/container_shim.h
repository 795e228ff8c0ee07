// ContainerShim: the per-container supervisor. runc keeps no exit codes, so each container runs
// under a small detached process (the agent's own binary run as `<agent> container-shim ...`,
// which forks once more and calls setsid, so it is nobody's child and outlives an agent restart)
// that is a child subreaper: it runs `runc run --detach`, inherits the container's
// init when runc exits, copies the container's stdout/stderr into the log file in CRI format
// ("<RFC3339Nano> stdout F <line>"), and when init ends writes <containerDir>/exit-code
// atomically, with "OOMKilled" when the cgroup counted an OOM kill. It holds an flock on a lock
// file for its whole life, which is how anyone can tell it is still there.
//
// The shim runs only async-signal-safe code (raw syscalls, stack buffers): it has no threads and
// needs none of the agent's machinery, so it stays a few hundred KiB of its own memory.
#pragma once

#include "common/result.h"

#include <chrono>
#include <string>
#include <vector>

namespace cox::agent::runc {

struct ShimSpec {
    // The executable whose main() hands `container-shim` calls to ContainerShim::main (the
    // agent's own binary; tests running the runtime in-process name the built agent).
    std::string executable;
    std::string runcPath;
    std::string runcRoot;
    std::string containerId;
    std::string bundleDir;
    std::string pidFile;
    std::string logPath;      // container log, CRI format, appended
    std::string runcLogPath;  // runc's own log for the run step
    std::string exitCodePath; // written when the container ends
    std::string lockPath;     // flock-ed for the shim's lifetime
    // Files holding an "oom_kill N" counter for the container's cgroup (v1 memory.oom_control,
    // v2 memory.events); the first that can be read is used.
    std::vector<std::string> oomCounterFiles;
};

struct ExitRecord {
    int exitCode = 0;
    std::string reason; // "Completed", "Error", "OOMKilled"
    std::chrono::system_clock::time_point finishedAt;
};

class ContainerShim {
public:
    // Starts the supervisor and returns once `runc run --detach` finished: Ok when the
    // container's process runs, an error with runc's message otherwise.
    static Status launch(const ShimSpec &spec, std::chrono::milliseconds timeout);
    // The shim's side: call first thing in main() when argv[1] is kCommand; never returns in
    // the supervisor, returns the exit code for the process the agent spawned.
    static int main(int argc, char **argv);
    static constexpr const char *kCommand = "container-shim";
    // True while a shim holds the lock file.
    static bool alive(const std::string &lockPath);
    static Result<ExitRecord> readExit(const std::string &exitCodePath);
};

} // namespace cox::agent::runc
