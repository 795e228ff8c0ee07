#include "bootstrap/cluster_api.h"

#include "http/client.h"
#include "tls/crypto.h"

#include <nlohmann/json.hpp>

namespace cox::bootstrap {
namespace {

Status fromResponse(const Result<http::Response> &r, const std::string &what) {
    if (!r)
        return {r.status().code(), what + ": " + r.status().message()};
    if (r->status >= 200 && r->status < 300)
        return Status::ok();
    std::string message = r->body;
    auto doc = nlohmann::json::parse(r->body, nullptr, false);
    if (doc.is_object() && doc.contains("message") && doc["message"].is_string())
        message = doc["message"].get<std::string>();
    return {statusCodeForHttp(r->status), what + ": " + message};
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

// As `kubectl drain --ignore-daemonsets`: a DaemonSet's pod tolerates the cordon and would come
// straight back, so evicting it only churns; it goes when the Node object is deleted.
bool ownedByDaemonSet(const nlohmann::json &pod) {
    const auto owners =
        pod.value("/metadata/ownerReferences"_json_pointer, nlohmann::json::array());
    for (const auto &owner : owners)
        if (owner.value("kind", "") == "DaemonSet")
            return true;
    return false;
}

} // namespace

Result<ClusterAccess> ClusterAccess::fromDataDir(const std::string &dataDir) {
    ClusterAccess a;
    for (auto [file, target] :
         {std::pair{"/pki/ca.crt", &a.caPem}, std::pair{"/admin-token", &a.adminToken},
          std::pair{"/join-token", &a.joinToken}}) {
        if (Status s = tls::readFile(dataDir + file, *target); !s)
            return Status(s.code(), "cannot read " + dataDir + file + " (is " + dataDir +
                                        " the control plane's --data-dir, and may you read it?)");
    }
    a.adminToken = trimmed(a.adminToken);
    a.joinToken = trimmed(a.joinToken);
    return a;
}

ClusterApi::ClusterApi(std::unique_ptr<http::Client> client)
    : m_client(std::move(client)) {}

ClusterApi::~ClusterApi() = default;

Result<std::unique_ptr<ClusterApi>> ClusterApi::connect(const ClusterAccess &access,
                                                        const std::string &serverUrl) {
    http::ClientConfig config;
    if (Status s = http::Client::parseServerUrl(serverUrl, config.host, config.port); !s)
        return s;
    config.caPem = access.caPem;
    config.bearerToken = access.adminToken;
    config.connectTimeout = std::chrono::seconds(5);
    config.requestTimeout = std::chrono::seconds(30);
    auto client = http::Client::create(std::move(config));
    if (!client)
        return client.status();
    return std::unique_ptr<ClusterApi>(
        new ClusterApi(std::make_unique<http::Client>(std::move(*client))));
}

Status ClusterApi::checkReachable() {
    return fromResponse(m_client->request("GET", "/version"), "GET /version");
}

Result<NodeReadiness> ClusterApi::nodeReadiness(const std::string &node) {
    auto r = m_client->request("GET", "/api/v1/nodes/" + node);
    NodeReadiness out;
    if (r && r->status == 404)
        return out;
    if (Status s = fromResponse(r, "GET node " + node); !s)
        return s;
    out.exists = true;
    auto doc = nlohmann::json::parse(r->body, nullptr, false);
    const auto conditions =
        doc.is_object() ? doc.value("/status/conditions"_json_pointer, nlohmann::json::array())
                        : nlohmann::json::array();
    out.reason = "the node has not reported a Ready condition yet";
    for (const auto &c : conditions) {
        if (!c.is_object() || c.value("type", "") != "Ready")
            continue;
        out.ready = c.value("status", "") == "True";
        out.reason = c.value("reason", "") + ": " + c.value("message", "");
    }
    return out;
}

Status ClusterApi::cordon(const std::string &node) {
    auto r =
        m_client->request("PATCH", "/api/v1/nodes/" + node, R"({"spec":{"unschedulable":true}})",
                          {{"Content-Type", "application/merge-patch+json"}});
    return fromResponse(r, "cordon " + node);
}

Result<std::vector<std::string>> ClusterApi::podsOnNode(const std::string &node) {
    auto r = m_client->request("GET", "/api/v1/pods?fieldSelector=spec.nodeName%3D" + node);
    if (Status s = fromResponse(r, "list pods on " + node); !s)
        return s;
    std::vector<std::string> out;
    auto doc = nlohmann::json::parse(r->body, nullptr, false);
    if (!doc.is_object() || !doc["items"].is_array())
        return out;
    for (const auto &pod : doc["items"]) {
        const std::string phase = pod.value("/status/phase"_json_pointer, std::string());
        if (phase == "Succeeded" || phase == "Failed" || ownedByDaemonSet(pod))
            continue;
        out.push_back(pod.value("/metadata/namespace"_json_pointer, std::string("default")) + "/" +
                      pod.value("/metadata/name"_json_pointer, std::string()));
    }
    return out;
}

Status ClusterApi::evict(const std::string &namespacedName) {
    const auto slash = namespacedName.find('/');
    const std::string ns = namespacedName.substr(0, slash), name = namespacedName.substr(slash + 1);
    nlohmann::json body = {{"apiVersion", "policy/v1"},
                           {"kind", "Eviction"},
                           {"metadata", {{"name", name}, {"namespace", ns}}}};
    auto r = m_client->request("POST", "/api/v1/namespaces/" + ns + "/pods/" + name + "/eviction",
                               body.dump(), {{"Content-Type", "application/json"}});
    if (r && r->status == 404)
        return Status::ok();
    return fromResponse(r, "evict " + namespacedName);
}

Status ClusterApi::deleteNode(const std::string &node) {
    auto r = m_client->request("DELETE", "/api/v1/nodes/" + node);
    if (r && r->status == 404)
        return Status::ok();
    return fromResponse(r, "delete node " + node);
}

} // namespace cox::bootstrap
