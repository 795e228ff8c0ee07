// Fixture builders for scheduler tests: makePod("web-1").cpu("500m").label("app", "web") and
// makeNode("node-1").cpu("4").zone("a"), producing the v1 JSON the scheduler parses.
#pragma once

#include "scheduler/node_info.h"
#include "scheduler/pod_info.h"

#include <gtest/gtest.h>

namespace cox::scheduler::testing {

using model::Json;

class PodBuilder {
public:
    explicit PodBuilder(std::string name) {
        m_json = {{"apiVersion", "v1"},
                  {"kind", "Pod"},
                  {"metadata", {{"name", name}, {"namespace", "default"}, {"uid", "uid-" + name}}},
                  {"spec", {{"containers", Json::array({{{"name", "c"}, {"image", "nginx"}}})}}}};
    }
    PodBuilder &ns(const std::string &value) { return set(m_json["metadata"]["namespace"], value); }
    PodBuilder &label(const std::string &k, const std::string &v) {
        m_json["metadata"]["labels"][k] = v;
        return *this;
    }
    PodBuilder &cpu(const std::string &q) { return request("cpu", q); }
    PodBuilder &memory(const std::string &q) { return request("memory", q); }
    PodBuilder &request(const std::string &name, const std::string &q) {
        container()["resources"]["requests"][name] = q;
        return *this;
    }
    PodBuilder &hostPort(int port, const std::string &protocol = "TCP") {
        container()["ports"].push_back(
            {{"containerPort", port}, {"hostPort", port}, {"protocol", protocol}});
        return *this;
    }
    PodBuilder &node(const std::string &name) { return set(spec()["nodeName"], name); }
    PodBuilder &priority(int value) { return set(spec()["priority"], value); }
    PodBuilder &nodeSelector(const std::string &k, const std::string &v) {
        spec()["nodeSelector"][k] = v;
        return *this;
    }
    PodBuilder &toleration(Json t) {
        spec()["tolerations"].push_back(std::move(t));
        return *this;
    }
    PodBuilder &owner(const std::string &kind, const std::string &uid) {
        m_json["metadata"]["ownerReferences"] =
            Json::array({{{"kind", kind}, {"name", uid}, {"uid", uid}, {"controller", true}}});
        return *this;
    }
    // affinity.<kind>.<field> appended; kind is nodeAffinity/podAffinity/podAntiAffinity.
    PodBuilder &affinity(const std::string &kind, const std::string &field, Json item) {
        Json &target = spec()["affinity"][kind][field];
        if (field == "requiredDuringSchedulingIgnoredDuringExecution" && kind == "nodeAffinity")
            target = std::move(item);
        else
            target.push_back(std::move(item));
        return *this;
    }
    PodBuilder &requiredAntiAffinity(const std::string &app, const std::string &topologyKey) {
        return affinity("podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
                        term(app, topologyKey));
    }
    PodBuilder &requiredAffinity(const std::string &app, const std::string &topologyKey) {
        return affinity("podAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
                        term(app, topologyKey));
    }
    PodBuilder &spread(int maxSkew, const std::string &key, const std::string &app,
                       bool doNotSchedule = true) {
        spec()["topologySpreadConstraints"].push_back(
            {{"maxSkew", maxSkew},
             {"topologyKey", key},
             {"whenUnsatisfiable", doNotSchedule ? "DoNotSchedule" : "ScheduleAnyway"},
             {"labelSelector", {{"matchLabels", {{"app", app}}}}}});
        return *this;
    }
    static Json term(const std::string &app, const std::string &topologyKey) {
        return {{"labelSelector", {{"matchLabels", {{"app", app}}}}}, {"topologyKey", topologyKey}};
    }

    const Json &json() const { return m_json; }
    PodInfoPtr info() const {
        auto parsed = PodInfo::fromJson(m_json);
        EXPECT_TRUE(parsed.isOk()) << parsed.status().message();
        return parsed.isOk() ? *parsed : nullptr;
    }
    operator PodInfoPtr() const { return info(); }

private:
    template<typename T>
    PodBuilder &set(Json &field, const T &value) {
        field = value;
        return *this;
    }
    Json &spec() { return m_json["spec"]; }
    Json &container() { return m_json["spec"]["containers"][0]; }
    Json m_json;
};

class NodeBuilder {
public:
    explicit NodeBuilder(std::string name) {
        m_json = {{"apiVersion", "v1"},
                  {"kind", "Node"},
                  {"metadata", {{"name", name}, {"labels", {{kLabelHostname, name}}}}},
                  {"spec", Json::object()},
                  {"status",
                   {{"allocatable", {{"cpu", "4"}, {"memory", "16Gi"}, {"pods", "110"}}},
                    {"conditions", Json::array({{{"type", "Ready"}, {"status", "True"}}})}}}};
    }
    NodeBuilder &cpu(const std::string &q) { return allocatable("cpu", q); }
    NodeBuilder &memory(const std::string &q) { return allocatable("memory", q); }
    NodeBuilder &pods(const std::string &q) { return allocatable("pods", q); }
    NodeBuilder &allocatable(const std::string &name, const std::string &q) {
        m_json["status"]["allocatable"][name] = q;
        return *this;
    }
    NodeBuilder &label(const std::string &k, const std::string &v) {
        m_json["metadata"]["labels"][k] = v;
        return *this;
    }
    NodeBuilder &zone(const std::string &z) { return label(kLabelZone, z); }
    NodeBuilder &unschedulable() {
        m_json["spec"]["unschedulable"] = true;
        return *this;
    }
    NodeBuilder &taint(const std::string &key, const std::string &value,
                       const std::string &effect) {
        m_json["spec"]["taints"].push_back({{"key", key}, {"value", value}, {"effect", effect}});
        return *this;
    }
    NodeBuilder &ready(const std::string &status) {
        m_json["status"]["conditions"][0]["status"] = status;
        return *this;
    }
    NodeBuilder &withPod(PodInfoPtr pod) {
        m_pods.push_back(std::move(pod));
        return *this;
    }

    const Json &json() const { return m_json; }
    NodeInfo info() const {
        auto parsed = NodeInfo::fromJson(m_json);
        EXPECT_TRUE(parsed.isOk()) << parsed.status().message();
        NodeInfo node = parsed.isOk() ? *parsed : NodeInfo();
        for (const auto &pod : m_pods)
            node.addPod(pod);
        return node;
    }
    operator NodeInfo() const { return info(); }

private:
    Json m_json;
    std::vector<PodInfoPtr> m_pods;
};

inline PodBuilder makePod(std::string name) {
    return PodBuilder(std::move(name));
}
inline NodeBuilder makeNode(std::string name) {
    return NodeBuilder(std::move(name));
}

} // namespace cox::scheduler::testing
