// An in-process control plane on a loopback port (memory store), reached only over HTTPS with
// the admin token, plus FakeKubelet: a thread that plays the node agent for a set of node names
// (Node objects with a Ready condition, renewed Leases, bound pods marked Running and Ready,
// deletions confirmed) so controller behaviour can be checked end to end through the real API.
#pragma once

#include "controlplane/control_plane.h"
#include "http/client.h"
#include "model/json.h"
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace cox::testing {

using model::Json;

struct ApiReply {
    int status = 0;
    Json body;
};

// One admin HTTPS client; thread-safe (one connection, calls serialised).
class ApiCaller {
public:
    ApiCaller(const controlplane::ControlPlane &plane);
    ApiReply call(const std::string &method, const std::string &path, const Json &body = nullptr,
                  const std::string &contentType = "application/json");

private:
    std::mutex m_mutex;
    std::unique_ptr<http::Client> m_client;
};

class FakeKubelet {
public:
    explicit FakeKubelet(const controlplane::ControlPlane &plane);
    ~FakeKubelet();

    // Registers the node (cpu/memory/pods allocatable, Ready) and starts serving it.
    void addNode(const std::string &name, const std::string &cpu = "8",
                 const std::string &memory = "16Gi", const Json &taints = Json::array());
    // A stopped node renews nothing and ignores its pods (a machine that went away).
    void stopNode(const std::string &name);
    // Pods for which `refuse` returns true are never made Ready (a slow or broken node).
    void setRefuse(std::function<bool(const Json &pod)> refuse);

private:
    void loop();
    void serve(const Json &pod);
    void renewLeases();

    ApiCaller m_api;
    std::mutex m_mutex;
    std::set<std::string> m_nodes;
    std::function<bool(const Json &)> m_refuse;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    int m_nextIp = 10;
};

class ClusterTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;
    // Extra controller options before SetUp starts the plane.
    virtual void configure(controlplane::ControlPlaneConfig &) {}

    ApiReply call(const std::string &method, const std::string &path, const Json &body = nullptr,
                  const std::string &contentType = "application/json") {
        return m_api->call(method, path, body, contentType);
    }
    Json get(const std::string &path) { return call("GET", path).body; }
    // Polls `probe` every 20 ms for up to `seconds`.
    bool eventually(const std::function<bool()> &probe, int seconds = 30);

    std::string m_dir;
    std::unique_ptr<controlplane::ControlPlane> m_plane;
    std::unique_ptr<ApiCaller> m_api;
    std::unique_ptr<FakeKubelet> m_kubelet;
};

// Builders.
Json deploymentJson(const std::string &name, int replicas, const std::string &image,
                    const std::string &cpu = "100m");
Json nodeJson(const std::string &name, const std::string &cpu, const std::string &memory,
              const Json &taints);
bool podReady(const Json &pod);
bool podActive(const Json &pod);

} // namespace cox::testing
