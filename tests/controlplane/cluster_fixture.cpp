// ClusterTest, ApiCaller and FakeKubelet; see cluster_fixture.h.
#include "cluster_fixture.h"

#include "common/clock.h"
#include "process.h"

namespace cox::testing {

ApiCaller::ApiCaller(const controlplane::ControlPlane &plane) {
    http::ClientConfig config;
    config.host = "127.0.0.1";
    config.port = plane.port();
    config.caPem = plane.caPem();
    config.bearerToken = plane.adminToken();
    auto client = http::Client::create(config);
    if (!client)
        throw std::runtime_error("client: " + client.status().message());
    m_client = std::make_unique<http::Client>(std::move(*client));
}

ApiReply ApiCaller::call(const std::string &method, const std::string &path, const Json &body,
                         const std::string &contentType) {
    std::lock_guard lock(m_mutex);
    std::string text = body.is_null() ? std::string() : body.dump();
    http::Headers headers;
    if (!text.empty())
        headers["Content-Type"] = contentType;
    auto response = m_client->request(method, path, text, headers);
    if (!response)
        return {0, Json{{"transportError", response.status().message()}}};
    Json parsed = Json::parse(response->body, nullptr, false);
    return {response->status, parsed.is_discarded() ? Json(response->body) : parsed};
}

Json nodeJson(const std::string &name, const std::string &cpu, const std::string &memory,
              const Json &taints) {
    Json resources = {{"cpu", cpu}, {"memory", memory}, {"pods", "110"}};
    Json node = {
        {"apiVersion", "v1"},
        {"kind", "Node"},
        {"metadata", {{"name", name}, {"labels", {{"kubernetes.io/hostname", name}}}}},
        {"spec", {{"taints", taints}}},
        {"status",
         {{"capacity", resources},
          {"allocatable", resources},
          {"conditions",
           Json::array({{{"type", "Ready"}, {"status", "True"}, {"reason", "KubeletReady"}}})}}}};
    return node;
}

FakeKubelet::FakeKubelet(const controlplane::ControlPlane &plane)
    : m_api(plane)
    , m_thread([this] { loop(); }) {}

FakeKubelet::~FakeKubelet() {
    m_stop = true;
    m_thread.join();
}

void FakeKubelet::addNode(const std::string &name, const std::string &cpu,
                          const std::string &memory, const Json &taints) {
    Json node = nodeJson(name, cpu, memory, taints);
    m_api.call("POST", "/api/v1/nodes", node);
    m_api.call("PATCH", "/api/v1/nodes/" + name + "/status", {{"status", node["status"]}},
               "application/merge-patch+json");
    std::lock_guard lock(m_mutex);
    m_nodes.insert(name);
}

void FakeKubelet::stopNode(const std::string &name) {
    std::lock_guard lock(m_mutex);
    m_nodes.erase(name);
}

void FakeKubelet::setRefuse(std::function<bool(const Json &)> refuse) {
    std::lock_guard lock(m_mutex);
    m_refuse = std::move(refuse);
}

void FakeKubelet::loop() {
    // Bounded by the test: the destructor stops it.
    while (!m_stop) {
        renewLeases();
        ApiReply pods = m_api.call("GET", "/api/v1/pods");
        if (pods.status == 200)
            for (const auto &pod : pods.body["items"])
                serve(pod);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

void FakeKubelet::renewLeases() {
    std::set<std::string> nodes;
    {
        std::lock_guard lock(m_mutex);
        nodes = m_nodes;
    }
    std::string now = formatRfc3339Micro(SystemClock::instance().now());
    for (const auto &name : nodes) {
        std::string path = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/";
        Json spec = {{"holderIdentity", name}, {"leaseDurationSeconds", 40}, {"renewTime", now}};
        ApiReply r =
            m_api.call("PATCH", path + name, {{"spec", spec}}, "application/merge-patch+json");
        if (r.status == 404)
            m_api.call("POST", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
                       {{"apiVersion", "coordination.k8s.io/v1"},
                        {"kind", "Lease"},
                        {"metadata", {{"name", name}, {"namespace", "kube-node-lease"}}},
                        {"spec", spec}});
    }
}

void FakeKubelet::serve(const Json &pod) {
    const Json &meta = pod["metadata"];
    std::string node = pod["spec"].value("nodeName", "");
    std::function<bool(const Json &)> refuse;
    {
        std::lock_guard lock(m_mutex);
        if (!m_nodes.count(node))
            return;
        refuse = m_refuse;
    }
    std::string path =
        "/api/v1/namespaces/" + meta.value("namespace", "") + "/pods/" + meta.value("name", "");
    if (meta.contains("deletionTimestamp")) {
        m_api.call("DELETE", path,
                   {{"kind", "DeleteOptions"}, {"apiVersion", "v1"}, {"gracePeriodSeconds", 0}});
        return;
    }
    if (podReady(pod) || pod["status"].value("phase", "") == "Failed" || (refuse && refuse(pod)))
        return;
    std::string now = formatRfc3339(SystemClock::instance().now());
    Json ready = {{"type", "Ready"}, {"status", "True"}, {"lastTransitionTime", now}};
    Json status = {{"phase", "Running"},
                   {"hostIP", "192.0.2.1"},
                   {"podIP", "10.42.0." + std::to_string(m_nextIp++ % 250 + 2)},
                   {"startTime", now},
                   {"conditions", Json::array({ready,
                                               {{"type", "ContainersReady"}, {"status", "True"}},
                                               {{"type", "PodScheduled"}, {"status", "True"}}})}};
    m_api.call("PATCH", path + "/status", {{"status", status}}, "application/merge-patch+json");
}

bool podReady(const Json &pod) {
    for (const auto &c : pod["status"].value("conditions", Json::array()))
        if (c.value("type", "") == "Ready")
            return c.value("status", "") == "True";
    return false;
}

bool podActive(const Json &pod) {
    std::string phase = pod["status"].value("phase", "");
    return !pod["metadata"].contains("deletionTimestamp") && phase != "Succeeded" &&
           phase != "Failed";
}

Json deploymentJson(const std::string &name, int replicas, const std::string &image,
                    const std::string &cpu) {
    Json container = {{"name", "app"},
                      {"image", image},
                      {"resources", {{"requests", {{"cpu", cpu}, {"memory", "64Mi"}}}}}};
    return {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", {{"name", name}, {"namespace", "default"}}},
            {"spec",
             {{"replicas", replicas},
              {"selector", {{"matchLabels", {{"app", name}}}}},
              {"template",
               {{"metadata", {{"labels", {{"app", name}}}}},
                {"spec", {{"containers", Json::array({container})}}}}}}}};
}

void ClusterTest::SetUp() {
    m_dir = makeTempDir("cox-cluster");
    controlplane::ControlPlaneConfig config;
    config.dataDir = m_dir;
    config.listenHost = "127.0.0.1";
    config.listenPort = 0;
    config.storeUri = "memory://";
    configure(config);
    auto plane = controlplane::ControlPlane::start(config);
    ASSERT_TRUE(plane) << plane.status().message();
    m_plane = std::move(*plane);
    m_api = std::make_unique<ApiCaller>(*m_plane);
    m_kubelet = std::make_unique<FakeKubelet>(*m_plane);
}

void ClusterTest::TearDown() {
    m_kubelet.reset();
    m_api.reset();
    m_plane.reset();
    removeTree(m_dir);
}

bool ClusterTest::eventually(const std::function<bool()> &probe, int seconds) {
    return waitUntil(probe, std::chrono::seconds(seconds));
}

} // namespace cox::testing
