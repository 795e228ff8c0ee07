// DockerDaemon: a private dockerd for tests and benchmarks - its own data root, exec root,
// socket and pidfile in a temp dir, and --iptables=false --ip-masq=false --bridge=none so it
// never touches the host's iptables (a default dockerd sets the FORWARD policy to DROP, which
// breaks the other network-namespace tests). The destructor removes every container it ran,
// stops the daemon (its containerd goes with it), unmounts leftovers and deletes the dir.
#pragma once

#include "process.h"

#include <string>
#include <vector>

namespace cox::agent::testing {

class DockerDaemon {
public:
    // Empty when this machine can run a private dockerd (root, dockerd and docker on PATH).
    static std::string missingPrerequisite();

    DockerDaemon() = default;
    ~DockerDaemon();
    DockerDaemon(const DockerDaemon &) = delete;
    DockerDaemon &operator=(const DockerDaemon &) = delete;

    // Starts dockerd and waits (bounded) until /_ping answers; an error text, empty when fine.
    // `extraArgs` go to dockerd as given.
    std::string start(const std::vector<std::string> &extraArgs = {});
    // Removes all containers, stops the daemon and deletes its files.
    void stop();

    std::string socket() const { return m_dir + "/docker.sock"; }
    // "unix://<socket>", for DOCKER_HOST.
    std::string host() const { return "unix://" + socket(); }
    std::string log() const;
    // Runs the docker CLI against this daemon.
    cox::testing::CommandResult
    docker(const std::vector<std::string> &args,
           std::chrono::milliseconds timeout = std::chrono::seconds(120));

private:
    std::string m_dir;
    cox::testing::ChildProcess m_daemon;
};

// Removes the pod egress masquerade (runc::PodMasquerade, chain COX-MASQ-<bridge>) that a
// --no-network agent on the docker runtime set up for `podCidr`: SystemEnv's clean-up only
// does it for runc nodes. Finds the chain by the POSTROUTING jump for the CIDR.
void removePodMasquerade(const std::string &podCidr);

} // namespace cox::agent::testing
