// CommandRunner: runs the networking tools (ip, iptables-restore) with an optional argv prefix,
// so the same applier works on the host or inside a network namespace ("ip netns exec NS"),
// which is how tests and benchmarks keep the host's tables untouched.
#pragma once

#include "common/result.h"

#include <chrono>
#include <string>
#include <vector>

namespace cox::agent::network {

struct CommandOutput {
    int exitCode = -1;
    std::string out;
    std::string err;
};

class CommandRunner {
public:
    // `prefix` is prepended to every argv, e.g. {"ip", "netns", "exec", "ns1"}.
    explicit CommandRunner(std::vector<std::string> prefix = {},
                           std::chrono::milliseconds timeout = std::chrono::seconds(120));

    // Runs argv with `input` on stdin; fails only when the program cannot run or times out.
    Result<CommandOutput> run(const std::vector<std::string> &argv,
                              const std::string &input = {}) const;
    // Like run() but a non-zero exit is an Internal error carrying stderr.
    Result<std::string> check(const std::vector<std::string> &argv,
                              const std::string &input = {}) const;

    const std::vector<std::string> &prefix() const { return m_prefix; }

private:
    std::vector<std::string> m_prefix;
    std::chrono::milliseconds m_timeout;
};

} // namespace cox::agent::network
