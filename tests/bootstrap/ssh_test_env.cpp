#include "ssh_test_env.h"

#include <csignal>
#include <filesystem>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace cox::bootstrap::testenv {
using cox::testing::runCommand;

std::string missingPrerequisite() {
    if (::geteuid() != 0)
        return "needs root (network namespaces, sshd, test users)";
    if (!cox::testing::canCreateNetworks())
        return "needs iproute2 to create network namespaces";
    if (::access("/usr/sbin/sshd", X_OK) != 0)
        return "needs /usr/sbin/sshd (apt-get install openssh-server)";
    if (runCommand({"ssh-keygen", "-?"}).exitCode == -1)
        return "needs ssh-keygen (apt-get install openssh-client)";
    return {};
}

namespace {

// Runs `command` with root's shell start-up files hidden behind empty ones (`ip netns exec` gives
// the machine its own mount namespace, so the bind mounts stay inside it). A "machine" shares this
// host's /root, and a slow or hanging ~/.bashrc there (a pyenv rehash waiting on a stale lock did
// exactly that) would stall every command sshd runs for root; a fresh machine has none of it.
std::vector<std::string> freshShellStartup(const std::string &dir,
                                           const std::vector<std::string> &command) {
    const std::string empty = dir + "/empty_rc";
    cox::testing::writeFile(empty, "");
    std::string script = "for f in .bashrc .profile .bash_profile .bash_login .bash_logout; do "
                         "[ -f \"/root/$f\" ] && mount --bind \"$0\" \"/root/$f\"; done; "
                         "exec \"$@\"";
    std::vector<std::string> wrapped = {"sh", "-c", script, empty};
    wrapped.insert(wrapped.end(), command.begin(), command.end());
    return wrapped;
}

} // namespace

TestSshd::TestSshd(const cox::testing::TestMachine &machine, std::string dir)
    : m_machine(machine)
    , m_dir(std::move(dir)) {
    std::filesystem::create_directories(m_dir);
    m_hostKey = m_dir + "/host_key";
    m_authorizedKeys = m_dir + "/authorized_keys";
}

TestSshd::~TestSshd() {
    stop();
}

bool TestSshd::regenerateHostKey(const std::string &keyType) {
    std::filesystem::remove(m_hostKey);
    std::filesystem::remove(m_hostKey + ".pub");
    return runCommand({"ssh-keygen", "-q", "-t", keyType, "-N", "", "-f", m_hostKey}).exitCode == 0;
}

bool TestSshd::start(const std::string &keyType, const std::string &extraConfig) {
    std::filesystem::create_directories("/run/sshd"); // sshd's privilege separation directory
    if (!std::filesystem::exists(m_hostKey) && !regenerateHostKey(keyType))
        return false;
    if (!std::filesystem::exists(m_authorizedKeys))
        cox::testing::writeFile(m_authorizedKeys, "");
    std::ostringstream config;
    // extraConfig first: for single-valued keywords sshd keeps the first value it reads, so a
    // test's settings override the defaults below (ListenAddress adds up instead).
    config << extraConfig << "\nListenAddress " << m_machine.address() << "\nPort 22\nHostKey "
           << m_hostKey << "\nPidFile " << m_dir << "/sshd.pid\nAuthorizedKeysFile "
           << m_authorizedKeys
           << "\nStrictModes no\nPermitRootLogin yes\nUsePAM no\nPasswordAuthentication yes\n"
           << "KbdInteractiveAuthentication no\nSubsystem sftp internal-sftp\nLogLevel VERBOSE\n";
    cox::testing::writeFile(m_dir + "/sshd_config", config.str());
    if (!m_process.start(m_machine.exec(freshShellStartup(
                             m_dir, {"/usr/sbin/sshd", "-D", "-e", "-f", m_dir + "/sshd_config"})),
                         {}, m_dir + "/sshd.log"))
        return false;
    const std::string address = m_machine.address();
    return cox::testing::waitUntil(
        [&] {
            return runCommand({"bash", "-c", "exec 3<>/dev/tcp/" + address + "/22"}, {},
                              std::chrono::seconds(2))
                       .exitCode == 0;
        },
        std::chrono::seconds(10));
}

void TestSshd::stop() {
    if (m_process.pid() > 0)
        m_process.stop(SIGTERM, std::chrono::seconds(5));
}

std::string TestSshd::fingerprint() const {
    auto r = runCommand({"ssh-keygen", "-l", "-E", "sha256", "-f", m_hostKey + ".pub"});
    std::istringstream in(r.out);
    std::string bits, fp;
    in >> bits >> fp;
    return fp;
}

std::string TestSshd::log() const {
    return cox::testing::readFile(m_dir + "/sshd.log");
}

TestUser::TestUser(std::string name, std::string password, const std::string &sudoRule)
    : m_name(std::move(name))
    , m_password(std::move(password)) {
    runCommand({"userdel", "-f", m_name}); // a leftover of a crashed run
    m_ok = runCommand({"useradd", "-M", "-s", "/bin/sh", m_name}).exitCode == 0 &&
           runCommand({"chpasswd"}, {}, std::chrono::seconds(10), m_name + ":" + m_password + "\n")
                   .exitCode == 0;
    if (m_ok && !sudoRule.empty()) {
        m_sudoers = "/etc/sudoers.d/" + m_name;
        const std::string tag = sudoRule == "NOPASSWD" ? "NOPASSWD: " : "";
        cox::testing::writeFile(m_sudoers, m_name + " ALL=(ALL) " + tag + "ALL\n");
        ::chmod(m_sudoers.c_str(), 0440);
    }
}

TestUser::~TestUser() {
    if (!m_sudoers.empty())
        std::filesystem::remove(m_sudoers);
    runCommand({"userdel", "-f", m_name});
}

std::string makeClientKey(const std::string &path, const std::string &passphrase) {
    std::filesystem::remove(path);
    std::filesystem::remove(path + ".pub");
    runCommand({"ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", path});
    std::string pub = cox::testing::readFile(path + ".pub");
    return pub;
}

void killNamespaceProcesses(const cox::testing::TestMachine &machine) {
    auto r = runCommand({"ip", "netns", "pids", machine.netns()}, {}, std::chrono::seconds(5));
    std::istringstream in(r.out);
    for (pid_t pid; in >> pid;)
        ::kill(pid, SIGKILL);
}

} // namespace cox::bootstrap::testenv
