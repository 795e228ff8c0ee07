#include "node_heartbeat.h"

#include "common/log.h"

namespace cox::agent {

namespace {

Json condition(const char *type, bool status, const char *reason, const char *message,
               const std::string &now) {
    return {{"type", type},
            {"status", status ? "True" : "False"},
            {"reason", reason},
            {"message", message},
            {"lastHeartbeatTime", now},
            {"lastTransitionTime", now}};
}

} // namespace

NodeHeartbeat::NodeHeartbeat(ApiClient &api, NodeConfig config, const HostFacts &facts,
                             const Clock &clock)
    : m_api(api)
    , m_config(std::move(config))
    , m_facts(facts)
    , m_clock(clock) {}

Json NodeHeartbeat::statusObject() const {
    const std::string now = formatRfc3339(m_clock.now());
    Json resources = {{"cpu", std::to_string(m_facts.cpuCores)},
                      {"memory", std::to_string(m_facts.memoryBytes / 1024) + "Ki"},
                      {"pods", std::to_string(m_config.maxPods)}};
    Json status = {
        {"capacity", resources},
        {"allocatable", resources},
        {"conditions", Json::array({condition("Ready", true, "KubeletReady",
                                              "agent is posting ready status", now),
                                    condition("MemoryPressure", false, "KubeletHasSufficientMemory",
                                              "agent has sufficient memory available", now),
                                    condition("DiskPressure", false, "KubeletHasNoDiskPressure",
                                              "agent has no disk pressure", now),
                                    condition("PIDPressure", false, "KubeletHasSufficientPID",
                                              "agent has sufficient PID available", now)})},
        {"addresses", Json::array({{{"type", "InternalIP"}, {"address", m_facts.internalIp}},
                                   {{"type", "Hostname"}, {"address", m_config.name}}})},
        {"nodeInfo",
         {{"machineID", ""},
          {"systemUUID", ""},
          {"bootID", ""},
          {"kernelVersion", m_facts.kernelVersion},
          {"osImage", m_facts.osImage},
          {"containerRuntimeVersion", m_config.runtimeVersion},
          {"kubeletVersion", kKubeletVersion},
          {"kubeProxyVersion", ""},
          {"operatingSystem", "linux"},
          {"architecture", m_facts.architecture}}}};
    if (m_config.kubeletPort > 0)
        status["daemonEndpoints"] = {{"kubeletEndpoint", {{"Port", m_config.kubeletPort}}}};
    return status;
}

Json NodeHeartbeat::nodeObject() const {
    Json labels = {{"kubernetes.io/hostname", m_config.name},
                   {"kubernetes.io/os", "linux"},
                   {"kubernetes.io/arch", m_facts.architecture}};
    if (!m_config.instanceType.empty())
        labels["node.kubernetes.io/instance-type"] = m_config.instanceType;
    for (const auto &[k, v] : m_config.labels)
        labels[k] = v;
    return {{"apiVersion", "v1"},
            {"kind", "Node"},
            {"metadata", {{"name", m_config.name}, {"labels", labels}}},
            {"spec", Json::object()},
            {"status", statusObject()}};
}

void NodeHeartbeat::remember(const Json &node) {
    std::lock_guard lock(m_mutex);
    m_podCidr = node.value("/spec/podCIDR"_json_pointer, "");
}

std::string NodeHeartbeat::podCidr() const {
    std::lock_guard lock(m_mutex);
    return m_podCidr;
}

Status NodeHeartbeat::registerNode() {
    Json node = nodeObject();
    auto created = m_api.post("/api/v1/nodes", node);
    if (created) {
        remember(*created);
    } else if (created.status().code() == StatusCode::AlreadyExists) {
        const std::string path = "/api/v1/nodes/" + m_config.name;
        auto patched = m_api.patch(path, {{"metadata", {{"labels", node["metadata"]["labels"]}}}});
        if (!patched)
            return patched.status();
        if (Status s = postStatus(); !s)
            return s;
    } else {
        return created.status();
    }
    m_registered = true;
    COX_LOG(Info, "agent") << "node " << m_config.name << " registered";
    return Status::ok();
}

Status NodeHeartbeat::postStatus() {
    auto node =
        m_api.patch("/api/v1/nodes/" + m_config.name + "/status", {{"status", statusObject()}});
    if (!node)
        return node.status();
    remember(*node);
    return Status::ok();
}

Status NodeHeartbeat::refresh() {
    auto node = m_api.get("/api/v1/nodes/" + m_config.name);
    if (!node)
        return node.status();
    remember(*node);
    return Status::ok();
}

Status NodeHeartbeat::renewLease() {
    const std::string now = formatRfc3339Micro(m_clock.now());
    const std::string path = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/";
    auto renewed = m_api.patch(path + m_config.name, {{"spec", {{"renewTime", now}}}});
    if (renewed || renewed.status().code() != StatusCode::NotFound)
        return renewed ? Status::ok() : renewed.status();
    Json lease = {{"apiVersion", "coordination.k8s.io/v1"},
                  {"kind", "Lease"},
                  {"metadata", {{"name", m_config.name}, {"namespace", "kube-node-lease"}}},
                  {"spec",
                   {{"holderIdentity", m_config.name},
                    {"leaseDurationSeconds", m_config.leaseDuration.count()},
                    {"renewTime", now}}}};
    auto created =
        m_api.post("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", lease);
    return created ? Status::ok() : created.status();
}

WallTime NodeHeartbeat::tick() {
    const WallTime now = m_clock.now();
    auto report = [&](const char *what, const Status &s) {
        if (s || now - m_lastError < std::chrono::seconds(30))
            return;
        m_lastError = now;
        COX_LOG(Warn, "agent") << "node " << m_config.name << ": " << what << ": " << s.message();
    };
    if (!m_registered) {
        Status s = registerNode();
        report("registering", s);
        if (!s)
            return now + std::chrono::seconds(2);
        m_nextStatus = now + m_config.statusInterval;
    }
    if (now >= m_nextLease) {
        Status s = renewLease();
        report("renewing lease", s);
        m_nextLease = now + (s ? m_config.leaseDuration / 4 : std::chrono::seconds(1));
    }
    if (now >= m_nextStatus) {
        Status s = postStatus();
        report("posting status", s);
        m_nextStatus = now + (s ? m_config.statusInterval : std::chrono::seconds(2));
    }
    return std::min(m_nextLease, m_nextStatus);
}

} // namespace cox::agent
