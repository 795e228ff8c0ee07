#include "runtime_factory.h"

#include "agent/api_client.h"
#include "agent/host_facts.h"
#include "agent/image_rootfs_provider.h"
#include "agent/node_join.h"
#include "common/clock.h"
#include "common/log.h"
#include "docker/docker_runtime.h"
#include "image/image_service.h"
#include "runc/runc_runtime.h"

#include <cstdlib>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace cox::agent {

namespace {

Result<std::unique_ptr<ContainerRuntime>> makeRunc(const AgentOptions &options,
                                                   const std::string &podCidr) {
    if (podCidr.empty())
        return Status(StatusCode::BadRequest, "the runc runtime needs the node's pod CIDR");
    image::ImageServiceConfig imageConfig;
    imageConfig.root = options.dataDir + "/images";
    imageConfig.http.insecureRegistries = options.insecureRegistries;
    auto images = image::ImageService::create(std::move(imageConfig));
    if (!images)
        return images.status();
    runc::RuncRuntimeOptions runcOptions;
    runcOptions.stateDir = options.dataDir + "/runc";
    runcOptions.cni.binDir = options.cniBinDir;
    runcOptions.cni.bridge = options.bridge;
    runcOptions.cni.podCidr = podCidr;
    runcOptions.cni.ipMasq = !options.network; // else NodeNetwork's MasqueradeRules do it
    runcOptions.rootfs = std::make_shared<ImageRootfsProvider>(
        std::shared_ptr<image::ImageService>(std::move(*images)));
    auto runtime = runc::RuncRuntime::create(std::move(runcOptions));
    if (!runtime)
        return runtime.status();
    return std::unique_ptr<ContainerRuntime>(std::move(*runtime));
}

Result<std::unique_ptr<ContainerRuntime>> makeDocker(const AgentOptions &options,
                                                     const std::string &podCidr) {
    // Asked first: a node without Docker says so before it waits for anything.
    if (Status daemon = checkDockerDaemon(); !daemon)
        return daemon;
    if (podCidr.empty())
        return Status(StatusCode::BadRequest, "the docker runtime needs the node's pod CIDR");
    docker::DockerRuntimeOptions dockerOptions;
    dockerOptions.socketPath = dockerSocketPath();
    dockerOptions.stateDir = options.dataDir + "/docker";
    dockerOptions.cni.binDir = options.cniBinDir;
    dockerOptions.cni.bridge = options.bridge;
    dockerOptions.cni.podCidr = podCidr;
    dockerOptions.cni.ipMasq = !options.network; // as for runc: NodeNetwork masquerades
    auto runtime = docker::DockerRuntime::create(std::move(dockerOptions));
    if (!runtime)
        return runtime.status();
    COX_LOG(Info, "agent") << "docker runtime on " << dockerSocketPath() << ", "
                           << (*runtime)->version();
    return std::unique_ptr<ContainerRuntime>(std::move(*runtime));
}

} // namespace

Status checkDockerDaemon() {
    std::string socket = dockerSocketPath();
    auto probe = docker::DockerClient::connect(socket, std::chrono::seconds(10));
    if (probe)
        return Status::ok();
    return Status(StatusCode::Unavailable,
                  "the docker runtime needs a Docker daemon on " + socket + " (" +
                      probe.status().message() +
                      "): start dockerd (or set DOCKER_HOST=unix:///path/to/docker.sock) or use "
                      "--runtime runc");
}

std::string dockerSocketPath() {
    const char *host = std::getenv("DOCKER_HOST");
    std::string_view value = host ? host : "";
    if (value.rfind("unix://", 0) == 0 && value.size() > 7)
        return std::string(value.substr(7));
    return docker::kDefaultSocket;
}

Result<std::unique_ptr<ContainerRuntime>> makeRuntime(const AgentOptions &options,
                                                      const std::string &podCidr) {
    if (options.runtime == "runc")
        return makeRunc(options, podCidr);
    if (options.runtime == "docker")
        return makeDocker(options, podCidr);
    return Status(StatusCode::BadRequest,
                  "runtime \"" + options.runtime + "\" is not made by the runtime factory");
}

bool runcOnPath() {
    const char *path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (!dir.empty() && ::access((dir + "/runc").c_str(), X_OK) == 0)
            return true;
    }
    return false;
}

Result<std::string> awaitPodCidr(const AgentOptions &options, const NodeConfig &node,
                                 std::chrono::seconds timeout, const std::atomic<bool> &stop) {
    auto credentials = loadOrJoin(options.server, options.token, node.name, options.dataDir);
    if (!credentials)
        return credentials.status();
    auto api = ApiClient::create(options.server, std::move(*credentials));
    if (!api)
        return api.status();
    HostFacts facts = HostFacts::probe((*api)->host(), (*api)->port());
    NodeHeartbeat heartbeat(**api, node, facts, SystemClock::instance());
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    Status last = Status::ok();
    bool logged = false;
    while (!stop && std::chrono::steady_clock::now() < deadline) {
        last = heartbeat.registered() ? heartbeat.refresh() : heartbeat.registerNode();
        if (std::string cidr = heartbeat.podCidr(); last && !cidr.empty())
            return cidr;
        if (!logged) {
            COX_LOG(Info, "agent") << "node " << node.name << " waits for its pod CIDR";
            logged = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    if (stop)
        return Status(StatusCode::Unavailable, "stopped while waiting for the pod CIDR");
    return Status(StatusCode::Timeout,
                  "node " + node.name + " got no spec.podCIDR within " +
                      std::to_string(timeout.count()) + " s" +
                      (last ? std::string() : " (last error: " + last.message() + ")"));
}

} // namespace cox::agent
