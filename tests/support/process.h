// Test support: run commands and child processes (coxswain-master, kubectl) for system tests.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace cox::testing {

struct CommandResult {
    int exitCode = -1; // -1 when killed by the timeout
    std::string out;
    std::string err;
};

using Env = std::map<std::string, std::string>;

// Runs argv[0] (PATH lookup) with the current environment plus `env`, feeding `input` to stdin;
// kills it after `timeout`.
CommandResult runCommand(const std::vector<std::string> &argv, const Env &env = {},
                         std::chrono::milliseconds timeout = std::chrono::seconds(60),
                         const std::string &input = {});

// A long-running child whose stdout+stderr go to a file; killed (SIGKILL) on destruction.
class ChildProcess {
public:
    ChildProcess() = default;
    ~ChildProcess();
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    bool start(const std::vector<std::string> &argv, const Env &env, const std::string &logPath);
    bool running();
    // Sends `signal` and waits up to `timeout` for exit; returns the exit status or -1.
    int stop(int signal, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    pid_t pid() const { return m_pid; }

private:
    pid_t m_pid = -1;
};

std::string readFile(const std::string &path);
void writeFile(const std::string &path, const std::string &content);
// A fresh directory under /tmp, removed by removeTree().
std::string makeTempDir(const std::string &prefix);
void removeTree(const std::string &path);
// A TCP port on 127.0.0.1 that was free a moment ago.
int freeLoopbackPort();
// VmRSS of process `pid` in KiB (0 when it is gone).
long processRssKb(pid_t pid);

// The host pid of a running runc container ("runc://ID" or "ID") under `runcRoot` (runc --root),
// or -1 when it is not running.
pid_t runcContainerPid(const std::string &runcRoot, const std::string &containerId);
// Polls `probe` every 100 ms until it returns true or `timeout` passes.
bool waitUntil(const std::function<bool()> &probe, std::chrono::milliseconds timeout);

} // namespace cox::testing
