#include "docker_daemon.h"

#include "runc/pod_masquerade.h"

#include <csignal>
#include <fstream>
#include <sstream>
#include <sys/mount.h>
#include <unistd.h>

namespace cox::agent::testing {

using cox::testing::runCommand;

std::string DockerDaemon::missingPrerequisite() {
    if (::geteuid() != 0)
        return "needs root";
    if (runCommand({"dockerd", "--version"}).exitCode != 0)
        return "needs dockerd (docker.io)";
    if (runCommand({"docker", "--version"}).exitCode != 0)
        return "needs the docker CLI (docker.io)";
    return {};
}

DockerDaemon::~DockerDaemon() {
    stop();
}

std::string DockerDaemon::start(const std::vector<std::string> &extraArgs) {
    // Short: containerd's socket lives under the exec root and unix paths are limited.
    m_dir = cox::testing::makeTempDir("cxd");
    std::vector<std::string> argv = {"dockerd",
                                     "--data-root",
                                     m_dir + "/data",
                                     "--exec-root",
                                     m_dir + "/exec",
                                     "-H",
                                     host(),
                                     "--pidfile",
                                     m_dir + "/docker.pid",
                                     "--iptables=false",
                                     "--ip-masq=false",
                                     "--bridge=none",
                                     "--log-level=warn"};
    argv.insert(argv.end(), extraArgs.begin(), extraArgs.end());
    if (!m_daemon.start(argv, {}, m_dir + "/dockerd.log"))
        return "could not start dockerd";
    bool up = cox::testing::waitUntil(
        [&] {
            return m_daemon.running() &&
                   docker({"version", "--format", "{{.Server.Version}}"}, std::chrono::seconds(10))
                           .exitCode == 0;
        },
        std::chrono::seconds(60));
    return up ? std::string() : "dockerd did not answer: " + log();
}

void DockerDaemon::stop() {
    if (m_dir.empty())
        return;
    if (m_daemon.running()) {
        auto ids = docker({"ps", "-aq"}, std::chrono::seconds(30));
        std::istringstream lines(ids.out);
        std::vector<std::string> argv = {"rm", "-f", "-v"};
        for (std::string id; std::getline(lines, id);)
            if (!id.empty())
                argv.push_back(id);
        if (argv.size() > 3)
            docker(argv, std::chrono::seconds(60));
        m_daemon.stop(SIGTERM, std::chrono::seconds(30));
    }
    m_daemon.stop(SIGKILL, std::chrono::seconds(10));
    // Whatever dockerd left mounted under its dirs (overlays, shm, netns files) goes first,
    // deepest first, so the tree can be removed.
    std::ifstream mounts("/proc/mounts");
    std::vector<std::string> ours;
    for (std::string device, point, rest; mounts >> device >> point && std::getline(mounts, rest);)
        if (point.rfind(m_dir, 0) == 0)
            ours.push_back(point);
    for (auto it = ours.rbegin(); it != ours.rend(); ++it)
        ::umount2(it->c_str(), MNT_DETACH);
    cox::testing::removeTree(m_dir);
    m_dir.clear();
}

std::string DockerDaemon::log() const {
    return cox::testing::readFile(m_dir + "/dockerd.log");
}

cox::testing::CommandResult DockerDaemon::docker(const std::vector<std::string> &args,
                                                 std::chrono::milliseconds timeout) {
    std::vector<std::string> argv = {"docker", "-H", host()};
    argv.insert(argv.end(), args.begin(), args.end());
    return runCommand(argv, {}, timeout);
}

void removePodMasquerade(const std::string &podCidr) {
    if (podCidr.empty())
        return;
    auto rules = runCommand({"iptables", "-w", "-t", "nat", "-S", "POSTROUTING"});
    std::istringstream lines(rules.out);
    const std::string prefix = "-j COX-MASQ-";
    for (std::string line; std::getline(lines, line);) {
        size_t jump = line.find(prefix);
        if (jump == std::string::npos || line.find("-s " + podCidr + " ") == std::string::npos)
            continue;
        std::string bridge = line.substr(jump + prefix.size());
        bridge = bridge.substr(0, bridge.find(' '));
        (void)runc::PodMasquerade(bridge, podCidr).remove();
        return;
    }
}

} // namespace cox::agent::testing
