// KeychainSession: a real OS keychain for the console tests - a private D-Bus session bus
// (dbus-daemon with its own config under a temp dir) and gnome-keyring-daemon's Secret Service
// on it, its "login" collection created and unlocked with a test password, so QtKeychain (through
// libsecret) stores and finds secrets exactly as on a desktop. One per test process: libsecret
// talks through GLib's process-wide session-bus connection, which cannot be pointed at a second
// bus once made, so the session starts at the first test that asks and is torn down (daemons
// killed, the connection closed first so GLib does not end the process) after the last test.
// problem() names what is missing (tools, a connection to some other bus); tests skip on it.
#pragma once

#include "process.h"

#include <optional>
#include <string>
#include <vector>

namespace cox::console::testing {

class KeychainSession {
public:
    // The process's session, started on the first call.
    static KeychainSession &instance();
    // True once instance() was called in this process (even when it failed): libsecret's
    // connection then belongs to that bus, so "no keychain" can no longer be shown from here.
    static bool touched();

    const std::string &problem() const { return m_problem; }
    bool ok() const { return m_problem.empty(); }
    const std::string &busAddress() const { return m_address; }
    // The directory gnome-keyring keeps its keyring files in (encrypted at rest).
    std::string keyringDir() const { return m_dir + "/data/keyrings"; }

    // The keychain's own view, not QtKeychain's: `secret-tool lookup` of the entry QtKeychain
    // writes for (service, key) - its libsecret schema stores them as "server" and "user".
    std::optional<std::string> lookup(const std::string &service, const std::string &key) const;

    // Kills the daemons and removes the temp dir; the process's session bus connection is
    // closed first. Called after the last test.
    void shutdown();

    KeychainSession(const KeychainSession &) = delete;
    KeychainSession &operator=(const KeychainSession &) = delete;

private:
    KeychainSession();
    ~KeychainSession() = default;
    void start();
    bool startBus();
    bool startKeyring();
    bool connectProcess();
    void disconnectProcess();

    std::string m_problem;
    std::string m_dir;
    std::string m_address;
    std::string m_guid;
    cox::testing::ChildProcess m_bus;
    cox::testing::ChildProcess m_keyring;
    std::optional<std::string> m_savedAddress; // DBUS_SESSION_BUS_ADDRESS before the session
    void *m_connection = nullptr; // GDBusConnection*, the process's session bus singleton
};

// Sets DBUS_SESSION_BUS_ADDRESS for one scope and puts the old value back.
class ScopedBusAddress {
public:
    explicit ScopedBusAddress(const std::string &address);
    ~ScopedBusAddress();
    ScopedBusAddress(const ScopedBusAddress &) = delete;
    ScopedBusAddress &operator=(const ScopedBusAddress &) = delete;

private:
    std::optional<std::string> m_old;
};

// The regular files below `dir` whose bytes contain `needle` (where a secret must not be).
std::vector<std::string> filesContaining(const std::string &dir, const std::string &needle);

} // namespace cox::console::testing
