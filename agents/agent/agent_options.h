// Command line and config file of coxswain-agent.
//   coxswain-agent --server https://HOST:6443 --token TOKEN --node-name NAME --data-dir DIR
//                  [--runtime runc|docker|hollow] [--hollow N] [--config FILE] [--version]
//                  [--cluster-cidr CIDR] [--service-cidr CIDR] [--cluster-dns IP]
//                  [--cluster-domain DOMAIN] [--iptables-backend auto|legacy|nft]
//                  [--no-proxy] [--no-network] [--cleanup-network]
// The config file (JSON) holds the rest: cniBinDir, bridge, stateDir, podsDir, logsDir,
// kubeletAddress, kubeletPort, volumeRefreshSeconds, insecureRegistries, leaseDurationSeconds,
// nodeStatusIntervalSeconds, labels, and the networking keys clusterCidr, serviceCidr,
// clusterDns, clusterDomain, iptablesBackend, resolvConf, proxy, network (flags win over it).
#pragma once

#include "common/result.h"

#include <map>
#include <string>
#include <vector>

namespace cox::agent {

struct AgentOptions {
    enum class Command { Run, Help, Version, CleanupNetwork };
    Command command = Command::Run;
    std::string server;
    std::string token; // never logged
    std::string nodeName;
    std::string dataDir = "/var/lib/coxswain-agent";
    std::string runtime = "runc"; // runc, docker, hollow
    int hollowNodes = 0;          // --hollow N: N hollow nodes NAME-0..NAME-N-1
    std::string configFile;
    // From the config file.
    std::string cniBinDir = "/usr/lib/cni";
    std::string bridge = "cox0";            // the pods' Linux bridge (runc runtime)
    std::string stateDir;                   // default DATA_DIR/state
    std::string podsDir;                    // pod volumes, default DATA_DIR/pods
    std::string logsDir;                    // container logs, default DATA_DIR/logs
    std::string kubeletAddress = "0.0.0.0"; // the log endpoint the API server proxies to
    int kubeletPort = 10250;                // 0: any free port
    int volumeRefreshSeconds = 60;          // configMap and secret volume files
    std::vector<std::string> insecureRegistries;
    int leaseDurationSeconds = 10;
    int nodeStatusIntervalSeconds = 10;
    // Pods started at once; 0: by runtime (runc's start is CPU-bound in runc and the CNI
    // plugins, so a few; Docker's is mostly waiting on dockerd, so as many as a burst has).
    int syncThreads = 0;
    std::map<std::string, std::string> labels;
    // Cluster networking (runc and docker nodes). Defaults match the control plane's.
    std::string clusterCidr = "10.42.0.0/16"; // NodeIpamController's
    std::string serviceCidr = "10.43.0.0/16"; // the API server's ClusterIP range
    std::string clusterDns;                   // empty: the pod bridge's gateway address
    std::string clusterDomain = "cluster.local";
    std::string iptablesBackend = "auto"; // auto, legacy, nft (see network/iptables_backend.h)
    std::string resolvConf = "/etc/resolv.conf";
    bool proxy = true;   // --no-proxy: no service rules (routes, masquerade and DNS stay)
    bool network = true; // --no-network: none of it (tests of other things)
};

Result<AgentOptions> parseAgentOptions(const std::vector<std::string> &args);
// Merges the JSON config file into `options` (unknown keys are an error naming the key).
Status applyConfigFile(const std::string &text, AgentOptions &options);
std::string agentUsage();

} // namespace cox::agent
