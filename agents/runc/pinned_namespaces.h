// PinnedNamespaces: a pod's shared namespaces (network, UTS, IPC) kept alive without a process,
// the way `ip netns add` does it: a helper thread unshares them and bind-mounts its
// /proc/thread-self/ns/<kind> onto files under a directory. Containers join them by path, so a
// sandbox needs no pause process and survives agent restarts.
#pragma once

#include "common/status.h"

#include <string>

namespace cox::agent::runc {

class PinnedNamespaces {
public:
    // Paths of the pinned namespace files under `dir`.
    static std::string netPath(const std::string &dir) { return dir + "/net"; }
    static std::string utsPath(const std::string &dir) { return dir + "/uts"; }
    static std::string ipcPath(const std::string &dir) { return dir + "/ipc"; }

    // Creates new net+uts+ipc namespaces pinned under `dir` (created if missing), the UTS one
    // carrying `hostname` and the network one with its loopback interface up. With `withNetwork`
    // false only uts+ipc are made (host network pods).
    static Status create(const std::string &dir, const std::string &hostname, bool withNetwork);
    // Unmounts and deletes whatever is pinned under `dir`; missing files are fine.
    static Status remove(const std::string &dir);
};

} // namespace cox::agent::runc
