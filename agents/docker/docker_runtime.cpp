// DockerRuntime: construction, shared helpers, the sandbox half (pause container + CNI) and
// images.
#include "docker/docker_runtime.h"

#include "common/log.h"
#include "docker/docker_mapping.h"
#include "docker/pause_image.h"
#include "docker/step_trace.h"
#include "runc/json_file.h"
#include "runc/pod_masquerade.h"
#include "runtime/port_mappings_json.h"

#include <filesystem>
#include <random>

namespace fs = std::filesystem;

namespace cox::agent::docker {

using runc::JsonFile;

namespace {

std::string randomSuffix() {
    static thread_local std::mt19937_64 rng(std::random_device{}());
    static const char digits[] = "0123456789abcdef";
    std::string text;
    uint64_t value = rng();
    for (int i = 0; i < 8; ++i, value >>= 4)
        text += digits[value & 15];
    return text;
}

std::string urlEncode(const std::string &text) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace

DockerRuntime::DockerRuntime(DockerRuntimeOptions options, std::unique_ptr<DockerClient> client)
    : m_options(std::move(options))
    , m_client(std::move(client))
    , m_cni(m_options.cni)
    , m_logs(*m_client) {}

DockerRuntime::~DockerRuntime() = default;

Result<std::unique_ptr<DockerRuntime>> DockerRuntime::create(DockerRuntimeOptions options) {
    if (options.stateDir.empty())
        return Status(StatusCode::BadRequest, "docker runtime needs a state dir");
    if (options.cni.podCidr.empty())
        return Status(StatusCode::BadRequest, "docker runtime needs the node's pod CIDR");
    if (options.cni.confDir.empty())
        options.cni.confDir = options.stateDir + "/cni/conf";
    if (options.cni.ipamDataDir.empty())
        options.cni.ipamDataDir = options.stateDir + "/cni/ipam";
    // runc brings "lo" up in the network namespace it makes for the pause: the loopback
    // plugin would only cost a process start per pod.
    options.cni.loopback = false;
    // Egress masquerade as one rule for the pod CIDR, as the runc runtime does, instead of the
    // bridge plugin's chain per pod (iptables runs at every ADD and DEL, serialised on the
    // xtables lock; the largest part of a CNI ADD in a burst).
    const bool masquerade = options.cni.ipMasq;
    options.cni.ipMasq = false;
    if (masquerade) {
        if (Status s = runc::PodMasquerade(options.cni.bridge, options.cni.podCidr).ensure(); !s)
            return s;
    }
    auto client = DockerClient::connect(options.socketPath, options.callTimeout);
    if (!client)
        return client.status();
    std::error_code ec;
    fs::create_directories(options.stateDir + "/sandboxes", ec);
    if (ec)
        return Status(StatusCode::Internal, "create " + options.stateDir + ": " + ec.message());
    std::unique_ptr<DockerRuntime> runtime(new DockerRuntime(options, std::move(*client)));
    runtime->m_masquerade = masquerade;
    if (auto status = runtime->m_cni.writeConfig(); !status)
        return status;
    if (auto status = PauseImage::ensure(*runtime->m_client); !status)
        return Status(status.code(), "pause image: " + status.message());
    runtime->resumeLogFollowers();
    return runtime;
}

Status DockerRuntime::removeMasquerade() {
    if (!m_masquerade)
        return Status::ok();
    return runc::PodMasquerade(m_options.cni.bridge, m_options.cni.podCidr).remove();
}

std::string DockerRuntime::version() const {
    return "docker://" + m_client->serverVersion();
}

std::string DockerRuntime::recordPath(const std::string &sandboxId) const {
    return m_options.stateDir + "/sandboxes/" + sandboxId + ".json";
}

std::string DockerRuntime::podDir(const std::string &sandboxId) const {
    return m_options.stateDir + "/sandboxes/" + sandboxId;
}

pid_t DockerRuntime::containerPid(const std::string &containerId) const {
    auto inspect = m_client->get("/containers/" + containerId + "/json");
    if (!inspect || !(*inspect)["State"].value("Running", false))
        return -1;
    return (*inspect)["State"].value("Pid", -1);
}

Result<std::vector<std::string>> DockerRuntime::listIds(const std::string &labelFilter) const {
    nlohmann::json filters = {{"label", {std::string(kLabelRuntime) + "=docker", labelFilter}}};
    auto list = m_client->get("/containers/json?all=1&filters=" + urlEncode(filters.dump()));
    if (!list)
        return list.status();
    std::vector<std::string> ids;
    for (const auto &item : *list)
        ids.push_back(item.value("Id", ""));
    return ids;
}

Status DockerRuntime::writePodFiles(const std::string &id, const SandboxConfig &config,
                                    const std::string &ip) const {
    std::error_code ec;
    fs::create_directories(podDir(id), ec);
    std::string resolv;
    if (config.dnsServers.empty()) {
        auto host = JsonFile::readText("/etc/resolv.conf");
        resolv = host ? *host : "";
    } else {
        for (const auto &server : config.dnsServers)
            resolv += "nameserver " + server + "\n";
        auto line = [&](const char *key, const std::vector<std::string> &items) {
            if (items.empty())
                return;
            resolv += key;
            for (const auto &item : items)
                resolv += " " + item;
            resolv += "\n";
        };
        line("search", config.dnsSearches);
        line("options", config.dnsOptions);
    }
    std::string hostname = config.hostname.empty() ? config.podName : config.hostname;
    std::string hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";
    if (!ip.empty())
        hosts += ip + "\t" + hostname + "\n";
    if (auto status = JsonFile::writeText(podDir(id) + "/resolv.conf", resolv); !status)
        return status;
    return JsonFile::writeText(podDir(id) + "/hosts", hosts);
}

Status DockerRuntime::attachNetwork(const std::string &id, const SandboxConfig &config,
                                    nlohmann::json &record, StepTrace &trace) {
    auto inspect = m_client->get("/containers/" + id + "/json");
    if (!inspect)
        return inspect.status();
    trace.mark("inspect");
    int pid = (*inspect)["State"].value("Pid", 0);
    if (pid <= 0)
        return Status(StatusCode::Internal, "pause container " + id + " is not running");
    std::string netns = "/proc/" + std::to_string(pid) + "/ns/net";
    auto result = m_cni.add(id, netns, config.portMappings);
    trace.mark("cni");
    if (!result)
        return result.status();
    record["cniResult"] = *result;
    record["ip"] = runc::CniNetwork::podIp(*result);
    return JsonFile::write(recordPath(id), record);
}

Status DockerRuntime::detachNetwork(const std::string &id, nlohmann::json &record) {
    if (!record.contains("cniResult"))
        return Status::ok();
    // While the pause lives its netns is at /proc/<pid>/ns/net; once it is gone the namespace
    // and the veth went with it, and DEL with no netns still frees the address.
    pid_t pid = containerPid(id);
    std::string netns = pid > 0 ? "/proc/" + std::to_string(pid) + "/ns/net" : "";
    Status status =
        m_cni.del(id, netns, record["cniResult"],
                  portMappingsFromJson(record.value("portMappings", nlohmann::json::array())));
    if (!status)
        return status;
    record.erase("cniResult");
    record["ip"] = "";
    return JsonFile::write(recordPath(id), record);
}

Result<std::string> DockerRuntime::runSandbox(const SandboxConfig &config) {
    StepTrace trace(m_client->tracing(), "sandbox " + config.podName);
    std::string name = DockerMapping::containerName(
        {"cox", "pause", config.podNamespace, config.podName, randomSuffix()});
    auto created =
        m_client->post("/containers/create?name=" + name,
                       DockerMapping::sandboxCreateBody(config, PauseImage::reference()));
    if (!created)
        return created.status();
    std::string id = created->value("Id", "");
    trace.mark("create");
    auto lock = m_locks.forKey(id);
    std::lock_guard guard(*lock);
    nlohmann::json record = {{"id", id},
                             {"hostNetwork", config.hostNetwork},
                             {"portMappings", portMappingsJson(config.portMappings)},
                             {"ip", ""}};
    Status status = JsonFile::write(recordPath(id), record);
    if (status) {
        auto started = m_client->post("/containers/" + id + "/start");
        status = started ? Status::ok() : started.status();
        trace.mark("start");
    }
    if (status && !config.hostNetwork)
        status = attachNetwork(id, config, record, trace);
    if (status)
        status = writePodFiles(id, config, record.value("ip", ""));
    trace.mark("files");
    if (!status) {
        COX_LOG(Warn, "docker") << "sandbox " << id.substr(0, 12)
                                << " failed: " << status.message();
        (void)detachNetwork(id, record);
        (void)m_client->remove("/containers/" + id + "?force=1");
        std::error_code ec;
        fs::remove_all(podDir(id), ec);
        fs::remove(recordPath(id), ec);
        return status;
    }
    COX_LOG(Info, "docker") << "sandbox " << id.substr(0, 12) << " ready, ip "
                            << record.value("ip", "");
    return id;
}

Status DockerRuntime::stopSandbox(const std::string &sandboxId) {
    if (auto containers = listContainers(sandboxId)) {
        for (const auto &container : *containers)
            (void)stopContainer(container.id, std::chrono::seconds(0));
    }
    auto lock = m_locks.forKey(sandboxId);
    std::lock_guard guard(*lock);
    Status status = Status::ok();
    if (auto record = JsonFile::read(recordPath(sandboxId)))
        status = detachNetwork(sandboxId, *record);
    // t=0: the pause ignores SIGTERM (see pause_image.h), so Docker goes straight to SIGKILL.
    DockerRequest stop;
    stop.method = "POST";
    stop.path = "/containers/" + sandboxId + "/stop?t=0";
    auto stopped = m_client->send(stop);
    if (!stopped)
        return stopped.status();
    if (stopped->status != 204 && stopped->status != 304 && stopped->status != 404)
        return DockerClient::errorFor(stopped->status, stopped->body);
    return status;
}

Status DockerRuntime::removeSandbox(const std::string &sandboxId) {
    if (auto status = stopSandbox(sandboxId); !status)
        return status;
    if (auto containers = listContainers(sandboxId)) {
        for (const auto &container : *containers) {
            if (auto status = removeContainer(container.id); !status)
                return status;
        }
    }
    auto lock = m_locks.forKey(sandboxId);
    std::lock_guard guard(*lock);
    if (auto status = m_client->remove("/containers/" + sandboxId + "?force=1");
        !status && status.code() != StatusCode::NotFound)
        return status;
    std::error_code ec;
    fs::remove_all(podDir(sandboxId), ec);
    fs::remove(recordPath(sandboxId), ec);
    COX_LOG(Info, "docker") << "sandbox " << sandboxId.substr(0, 12) << " removed";
    return Status::ok();
}

Result<SandboxStatus> DockerRuntime::sandboxStatus(const std::string &sandboxId) {
    auto inspect = m_client->get("/containers/" + sandboxId + "/json");
    if (!inspect)
        return inspect.status();
    auto record = JsonFile::read(recordPath(sandboxId));
    return DockerMapping::sandboxStatus(*inspect, record ? record->value("ip", "") : "");
}

Result<std::vector<SandboxStatus>> DockerRuntime::listSandboxes() {
    auto ids = listIds(std::string(kLabelSandbox) + "=true");
    if (!ids)
        return ids.status();
    std::vector<SandboxStatus> list;
    for (const auto &id : *ids) {
        if (auto status = sandboxStatus(id))
            list.push_back(std::move(*status));
    }
    return list;
}

Result<bool> DockerRuntime::imagePresent(const std::string &image) {
    auto inspect = m_client->get("/images/" + image + "/json");
    if (inspect)
        return true;
    if (inspect.status().code() == StatusCode::NotFound)
        return false;
    return inspect.status();
}

std::string DockerRuntime::registryAuthHeader(const ImageAuth &auth) {
    nlohmann::json config = nlohmann::json::object();
    if (!auth.identityToken.empty())
        config["identitytoken"] = auth.identityToken;
    else
        config = {{"username", auth.username}, {"password", auth.password}};
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string in = config.dump(), out;
    for (size_t i = 0; i < in.size(); i += 3) {
        uint32_t chunk = static_cast<uint8_t>(in[i]) << 16;
        if (i + 1 < in.size())
            chunk |= static_cast<uint8_t>(in[i + 1]) << 8;
        if (i + 2 < in.size())
            chunk |= static_cast<uint8_t>(in[i + 2]);
        for (size_t k = 0; k < 4; ++k)
            out += k <= in.size() - i ? alphabet[(chunk >> (18 - 6 * k)) & 63] : '=';
    }
    return out;
}

Status DockerRuntime::pullImage(const std::string &image, const std::optional<ImageAuth> &auth) {
    DockerRequest request;
    request.method = "POST";
    request.path = "/images/create?fromImage=" + urlEncode(image);
    request.timeout = m_options.pullTimeout;
    // Docker takes the tag from the reference itself; a bare name would pull every tag.
    if (image.find(':', image.rfind('/') == std::string::npos ? 0 : image.rfind('/')) ==
            std::string::npos &&
        image.find('@') == std::string::npos)
        request.path += "&tag=latest";
    if (auth)
        request.headers["X-Registry-Auth"] = registryAuthHeader(*auth);
    Status status = m_client->progress(request);
    if (!status)
        return Status(status.code(), "pull " + image + ": " + status.message());
    return Status::ok();
}

} // namespace cox::agent::docker
