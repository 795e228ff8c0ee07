// Bootstrap test environment: OpenSSH servers inside network namespaces ("machines"), each with
// its own host key, pid file, authorized keys and address; a test user with a password (and
// optional sudo rules) created for the suite and deleted afterwards; client keys.
#pragma once

#include "process.h"
#include "test_network.h"

#include <memory>
#include <string>

namespace cox::bootstrap::testenv {

// Why the SSH tests cannot run here, or empty when they can.
std::string missingPrerequisite();

// sshd in a machine's namespace, listening on the machine's address, port 22.
class TestSshd {
public:
    TestSshd(const cox::testing::TestMachine &machine, std::string dir);
    ~TestSshd();
    // Writes the config (and a host key of `keyType` unless one exists) and starts sshd; waits
    // until it accepts connections. `extraConfig` overrides the defaults.
    bool start(const std::string &keyType = "ed25519", const std::string &extraConfig = {});
    void stop();
    // A fresh host key (the machine was "reinstalled"); restart to serve it.
    bool regenerateHostKey(const std::string &keyType = "ed25519");
    // "SHA256:..." of the current host key, from ssh-keygen.
    std::string fingerprint() const;
    const std::string &authorizedKeys() const { return m_authorizedKeys; }
    const std::string &dir() const { return m_dir; }
    // Commands sshd has run (from its debug log), to prove nothing ran after a refused key.
    std::string log() const;

private:
    const cox::testing::TestMachine &m_machine;
    std::string m_dir;
    std::string m_hostKey;
    std::string m_authorizedKeys;
    cox::testing::ChildProcess m_process;
};

// A local user with a password for password/sudo tests; removed with its sudoers file.
class TestUser {
public:
    // sudoRule: "" (no sudo), "NOPASSWD" or "PASSWD".
    TestUser(std::string name, std::string password, const std::string &sudoRule);
    ~TestUser();
    bool ok() const { return m_ok; }
    const std::string &name() const { return m_name; }
    const std::string &password() const { return m_password; }

private:
    std::string m_name;
    std::string m_password;
    std::string m_sudoers;
    bool m_ok = false;
};

// ssh-keygen a client key into `path` (+ .pub) with `passphrase`; returns the public line.
std::string makeClientKey(const std::string &path, const std::string &passphrase = {});

// Kills every process left in the machine's namespace (agents and supervisors the pipeline
// started detached), so a test leaves nothing running.
void killNamespaceProcesses(const cox::testing::TestMachine &machine);

} // namespace cox::bootstrap::testenv
