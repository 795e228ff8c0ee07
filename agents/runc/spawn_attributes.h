// SpawnAttributes: posix_spawn attributes for a child that starts clean - no blocked signals and
// every signal at its default, whatever mask and handlers the spawning thread has (ignored
// signals survive exec, and the agent's threads block some).
#pragma once

#include <csignal>
#include <spawn.h>

namespace cox::agent::runc {

class SpawnAttributes {
public:
    SpawnAttributes() {
        posix_spawnattr_init(&m_attr);
        sigset_t noSignals, defaults;
        sigemptyset(&noSignals);
        sigfillset(&defaults);
        posix_spawnattr_setsigmask(&m_attr, &noSignals);
        posix_spawnattr_setsigdefault(&m_attr, &defaults);
        posix_spawnattr_setflags(&m_attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    }
    ~SpawnAttributes() { posix_spawnattr_destroy(&m_attr); }
    SpawnAttributes(const SpawnAttributes &) = delete;
    SpawnAttributes &operator=(const SpawnAttributes &) = delete;

    const posix_spawnattr_t *get() const { return &m_attr; }

private:
    posix_spawnattr_t m_attr;
};

} // namespace cox::agent::runc
