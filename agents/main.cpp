// coxswain-agent: the node agent. Chooses the container runtime (--runtime) and runs one Agent,
// or, with --hollow N, a fleet of N simulated nodes.
#include "agent/agent.h"
#include "agent/agent_options.h"
#include "agent/node_network.h"
#include "agent/runtime_factory.h"
#include "common/log.h"
#include "hollow/hollow_fleet.h"
#include "hollow/hollow_runtime.h"
#include "runc/container_shim.h"

#include <atomic>
#include <csignal>
#include <iostream>
#include <malloc.h>
#include <semaphore.h>
#include <unistd.h>

namespace {

sem_t g_stopSignal;
std::atomic<bool> g_stopping{false}; // lock-free, so safe to set from the signal handler

void onSignal(int) {
    g_stopping = true;
    sem_post(&g_stopSignal);
}

cox::agent::NodeConfig nodeConfig(const cox::agent::AgentOptions &o) {
    cox::agent::NodeConfig nc;
    nc.name = o.nodeName;
    nc.labels = o.labels;
    nc.leaseDuration = std::chrono::seconds(o.leaseDurationSeconds);
    nc.statusInterval = std::chrono::seconds(o.nodeStatusIntervalSeconds);
    return nc;
}

cox::agent::NodeNetworkConfig networkConfig(const cox::agent::AgentOptions &o,
                                            const std::string &podCidr) {
    cox::agent::NodeNetworkConfig nc;
    nc.nodeName = o.nodeName;
    nc.podCidr = podCidr;
    nc.clusterCidr = o.clusterCidr;
    nc.serviceCidr = o.serviceCidr;
    nc.clusterDns = o.clusterDns;
    nc.clusterDomain = o.clusterDomain;
    nc.resolvConf = o.resolvConf;
    nc.iptablesBackend = o.iptablesBackend;
    nc.proxy = o.proxy;
    return nc;
}

void waitForSignal() {
    while (sem_wait(&g_stopSignal) != 0) {
    }
    COX_LOG(Info, "agent") << "shutting down (pods keep running)";
}

int runHollowFleet(const cox::agent::AgentOptions &o) {
    cox::agent::HollowFleetConfig config;
    config.serverUrl = o.server;
    config.joinToken = o.token;
    config.namePrefix = o.nodeName;
    config.dataDir = o.dataDir;
    config.count = o.hollowNodes;
    config.node = nodeConfig(o);
    auto fleet = cox::agent::HollowFleet::start(std::move(config));
    if (!fleet) {
        std::cerr << "coxswain-agent: " << fleet.status().message() << "\n";
        return 1;
    }
    waitForSignal();
    (*fleet)->stop();
    return 0;
}

// The runc or docker runtime (or a clear refusal): checks root and runc, or the Docker daemon,
// then waits for the pod CIDR.
cox::Result<std::unique_ptr<cox::agent::ContainerRuntime>>
makeRealRuntime(const cox::agent::AgentOptions &o,
                std::function<void(const std::string &)> &cidrChanged, std::string &podCidr) {
    using cox::Status;
    using cox::StatusCode;
    if (o.runtime == "runc" && (::geteuid() != 0 || !cox::agent::runcOnPath()))
        return Status(StatusCode::BadRequest,
                      "the runc runtime needs root and runc on PATH (apt-get install runc "
                      "containernetworking-plugins), or pass --hollow N for simulated nodes");
    if (o.runtime == "docker") // a node without Docker says so before it touches the cluster
        if (cox::Status daemon = cox::agent::checkDockerDaemon(); !daemon)
            return daemon;
    auto cidr = cox::agent::awaitPodCidr(o, nodeConfig(o), std::chrono::seconds(120), g_stopping);
    if (!cidr)
        return cidr.status();
    COX_LOG(Info, "agent") << "pod CIDR " << *cidr << ", starting the " << o.runtime << " runtime";
    podCidr = *cidr;
    cidrChanged = [first = *cidr](const std::string &now) {
        if (now == first)
            return;
        COX_LOG(Warn, "agent") << "pod CIDR changed from " << first << " to " << now
                               << "; restart the agent to use it for new pods";
    };
    return cox::agent::makeRuntime(o, *cidr);
}

} // namespace

int main(int argc, char **argv) {
    // A container supervisor the runc runtime started from this very binary.
    if (argc > 1 && std::string(argv[1]) == cox::agent::runc::ContainerShim::kCommand)
        return cox::agent::runc::ContainerShim::main(argc, argv);
    auto options = cox::agent::parseAgentOptions(std::vector<std::string>(argv + 1, argv + argc));
    if (!options) {
        std::cerr << "coxswain-agent: " << options.status().message() << "\n";
        return 2;
    }
    using Command = cox::agent::AgentOptions::Command;
    if (options->command == Command::Help) {
        std::cout << cox::agent::agentUsage();
        return 0;
    }
    if (options->command == Command::CleanupNetwork) {
        cox::Status removed = cox::agent::NodeNetwork::removeAll();
        if (!removed) {
            std::cerr << "coxswain-agent: " << removed.message() << "\n";
            return 1;
        }
        return 0;
    }
    if (options->command == Command::Version) {
        std::cout << "coxswain-agent " << COX_VERSION << " (" << cox::agent::kKubeletVersion
                  << ")\n";
        return 0;
    }
    // glibc gives each thread that allocates its own arena; an agent's threads allocate little,
    // and two arenas keep its resident memory small and flat.
    mallopt(M_ARENA_MAX, 2);
    sem_init(&g_stopSignal, 0, 0);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGPIPE, SIG_IGN);
    if (options->hollowNodes > 0)
        return runHollowFleet(*options);

    // The runtime is chosen here and injected. runc writes the node's pod CIDR into its CNI
    // config, so it is made only after the Node registered and the IPAM controller assigned one.
    std::unique_ptr<cox::agent::ContainerRuntime> runtime;
    std::function<void(const std::string &)> cidrChanged;
    std::string podCidr;
    if (options->runtime == "hollow") {
        auto hollow = std::make_unique<cox::agent::HollowRuntime>();
        cidrChanged = [h = hollow.get()](const std::string &cidr) {
            h->setPodCidr(cidr);
        };
        runtime = std::move(hollow);
    } else {
        auto made = makeRealRuntime(*options, cidrChanged, podCidr);
        if (!made) {
            std::cerr << "coxswain-agent: " << made.status().message() << "\n";
            return g_stopping ? 0 : 1;
        }
        runtime = std::move(*made);
    }
    cox::agent::AgentConfig config;
    config.serverUrl = options->server;
    config.joinToken = options->token;
    config.dataDir = options->dataDir;
    config.node = nodeConfig(*options);
    config.podCidrChanged = cidrChanged;
    config.syncThreads = options->syncThreads > 0       ? options->syncThreads
                         : options->runtime == "docker" ? 16
                                                        : 4;
    if (options->runtime != "hollow")
        config.services = cox::agent::NodeServicesConfig{
            options->podsDir, options->logsDir, options->kubeletAddress, options->kubeletPort};
    if (config.services)
        config.services->volumeRefresh = std::chrono::seconds(options->volumeRefreshSeconds);
    if (options->runtime != "hollow" && options->network)
        config.network = networkConfig(*options, podCidr);
    auto agent = cox::agent::Agent::start(std::move(config), *runtime);
    if (!agent) {
        std::cerr << "coxswain-agent: " << agent.status().message() << "\n";
        return 1;
    }
    waitForSignal();
    (*agent)->stop();
    return 0;
}
