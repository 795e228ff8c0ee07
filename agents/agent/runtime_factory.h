// Runtime factory: turns the agent's options into the node's ContainerRuntime. "runc" is the
// real runtime (RuncRuntime + CNI bridge over the agent's ImageService); "docker" is
// DockerRuntime over the Docker Engine socket (DOCKER_HOST=unix:///path, else
// /var/run/docker.sock) with the same CNI bridge; "hollow" is built by main itself. Also the one
// ordering step runc needs: the CNI config carries the node's pod CIDR, which exists only after the
// Node registered, so awaitPodCidr() registers the node and waits for spec.podCIDR before the
// runtime (and with it pod sync) starts.
#pragma once

#include "agent/agent_options.h"
#include "agent/node_heartbeat.h"
#include "common/result.h"
#include "runtime/runtime.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace cox::agent {

// Layout under DATA_DIR: runc/ (runtime state, runc root, CNI configs and IPAM records) and
// images/ (the image store); docker/ (sandbox records, pod files, CNI configs and IPAM records).
// Both real runtimes need the node's pod CIDR (awaitPodCidr); "docker" first asks the daemon, so a
// node without Docker says so even when it is made directly.
Result<std::unique_ptr<ContainerRuntime>> makeRuntime(const AgentOptions &options,
                                                      const std::string &podCidr);

// Ok when a Docker daemon answers on dockerSocketPath(); else Unavailable naming the socket and
// what to do. main can ask this before the node touches the cluster.
Status checkDockerDaemon();

// The Docker daemon's socket: DOCKER_HOST when it is a unix:// address, else
// /var/run/docker.sock.
std::string dockerSocketPath();

// True when `runc` resolves to an executable on PATH.
bool runcOnPath();

// Joins (or loads the stored credential), registers the Node and polls it until the IPAM
// controller set spec.podCIDR; gives up after `timeout` or once `stop` turns true.
Result<std::string> awaitPodCidr(const AgentOptions &options, const NodeConfig &node,
                                 std::chrono::seconds timeout, const std::atomic<bool> &stop);

} // namespace cox::agent
