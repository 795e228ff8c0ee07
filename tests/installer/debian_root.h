// DebianRoot: a fresh Debian 12 root file system built by mmdebstrap in a temp dir, with /proc,
// /sys and /dev mounted inside so programs run in it with chroot behave as on a real machine.
// The root shares the host's network, so a server started inside answers on the host's loopback.
// Mounts are undone and the tree removed on destruction, however the test ended; and
// isolateMounts() first moves the test process into a private mount namespace, so even a killed
// test leaves no mount behind on the machine.
#pragma once

#include "process.h"

#include <memory>
#include <string>
#include <vector>

namespace cox::testing {

class DebianRoot {
public:
    // Moves this process (and its future children) into a private mount namespace. Call before
    // any thread starts; returns false (mounts then rely on the destructor alone) if it cannot.
    static bool isolateMounts();

    // Builds the root with `mmdebstrap --variant=apt bookworm` from the machine's apt sources,
    // keeping the package lists so apt-get install works at once. On failure returns null and
    // says why in *error (mmdebstrap's last lines: usually an unreachable mirror).
    static std::unique_ptr<DebianRoot> create(std::string *error);
    ~DebianRoot();
    DebianRoot(const DebianRoot &) = delete;
    DebianRoot &operator=(const DebianRoot &) = delete;

    const std::string &dir() const { return m_dir; }
    // The host path of `path` inside the root ("/usr/bin/x" -> "<dir>/usr/bin/x").
    std::string hostPath(const std::string &path) const { return m_dir + path; }
    // The argv that runs `argv` inside the root (chroot execs it, so the pid is the program's).
    std::vector<std::string> chrootArgv(const std::vector<std::string> &argv) const;
    CommandResult run(const std::vector<std::string> &argv, const Env &env = {},
                      std::chrono::milliseconds timeout = std::chrono::seconds(120)) const;

private:
    explicit DebianRoot(std::string dir)
        : m_dir(std::move(dir)) {}
    bool mountAll(std::string *error);
    // Unmounts in reverse order; true when nothing under m_dir is mounted any more.
    bool unmountAll();

    std::string m_dir;
    std::vector<std::string> m_mounts; // mount points, in mount order
};

} // namespace cox::testing
