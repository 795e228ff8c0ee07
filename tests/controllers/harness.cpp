// Test harness; see harness.h.
#include "harness.h"

#include <gtest/gtest.h>

namespace cox::controllers::testing {

namespace {
const model::ResourceType &typeOf(const char *group, const char *plural) {
    return resourceType(group, plural);
}
Json must(Result<Json> result, const char *what) {
    EXPECT_TRUE(result.isOk()) << what << ": " << result.status().message();
    return result ? *result : Json();
}
} // namespace

Harness::Harness() {
    auto opened = store::openStore("memory://");
    EXPECT_TRUE(opened.isOk()) << opened.status().message();
    store = std::move(*opened);
    apiserver::ResourceServiceConfig config;
    config.store = store.get();
    config.clock = &clock;
    api = std::make_unique<apiserver::ResourceService>(config);
    informers = std::make_unique<SharedInformers>(*api);
    events = std::make_unique<EventRecorder>(*api, "controller-manager");
    for (const char *ns : {"default", "kube-node-lease", "other"})
        create("", "namespaces",
               Json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}});
}

Harness::~Harness() {
    for (auto &c : m_controllers)
        c->stop();
    m_controllers.clear();
    informers->stop();
}

int Harness::runUntilIdle(int maxRounds) {
    for (int round = 1; round <= maxRounds; ++round) {
        int work = informers->pumpAll();
        for (auto &c : m_controllers)
            for (int i = 0; i < 10000 && c->processNext(); ++i)
                ++work;
        if (work == 0)
            return round;
    }
    ADD_FAILURE() << "controllers did not settle within " << maxRounds << " rounds";
    return maxRounds;
}

void Harness::advance(std::chrono::milliseconds by) {
    clock.advance(by);
    runUntilIdle();
}

Json Harness::create(const char *group, const char *plural, Json object) {
    std::string ns = metaString(object, "namespace");
    auto ctx = controllerContext();
    return must(api->create(typeOf(group, plural), ns, std::move(object), ctx), "create");
}

Json Harness::get(const char *group, const char *plural, const std::string &ns,
                  const std::string &name) {
    auto ctx = controllerContext();
    return must(api->get(typeOf(group, plural), ns, name, ctx), "get");
}

bool Harness::exists(const char *group, const char *plural, const std::string &ns,
                     const std::string &name) {
    auto ctx = controllerContext();
    return api->get(typeOf(group, plural), ns, name, ctx).isOk();
}

std::vector<Json> Harness::list(const char *group, const char *plural, const std::string &ns) {
    auto ctx = controllerContext();
    Json listed = must(api->list(typeOf(group, plural), ns, {}, ctx), "list");
    std::vector<Json> out;
    for (const auto &item : listed["items"])
        out.push_back(item);
    return out;
}

Json Harness::update(const char *group, const char *plural, Json object) {
    auto ctx = controllerContext();
    std::string ns = metaString(object, "namespace"), name = metaString(object, "name");
    return must(api->update(typeOf(group, plural), ns, name, std::move(object), ctx), "update");
}

Json Harness::updateStatus(const char *group, const char *plural, Json object) {
    auto ctx = controllerContext();
    std::string ns = metaString(object, "namespace"), name = metaString(object, "name");
    return must(api->updateStatus(typeOf(group, plural), ns, name, std::move(object), ctx),
                "updateStatus");
}

Json Harness::patch(const char *group, const char *plural, const std::string &ns,
                    const std::string &name, const Json &mergePatch) {
    auto ctx = controllerContext();
    return must(api->patch(typeOf(group, plural), ns, name, apiserver::PatchType::Merge,
                           mergePatch.dump(), ctx),
                "patch");
}

Json Harness::setPodReady(const std::string &ns, const std::string &name, bool ready,
                          const std::string &ip) {
    Json pod = get("", "pods", ns, name);
    std::string now = formatRfc3339(clock.now());
    pod["status"]["phase"] = "Running";
    pod["status"]["podIP"] = ip;
    pod["status"]["conditions"] = Json::array(
        {{{"type", "Ready"}, {"status", ready ? "True" : "False"}, {"lastTransitionTime", now}}});
    return updateStatus("", "pods", std::move(pod));
}

Json Harness::bindPod(const std::string &ns, const std::string &name, const std::string &node) {
    auto ctx = controllerContext();
    Json binding = {{"apiVersion", "v1"},
                    {"kind", "Binding"},
                    {"metadata", {{"name", name}, {"namespace", ns}}},
                    {"target", {{"kind", "Node"}, {"name", node}}}};
    return must(api->bind(ns, name, binding, ctx, {}), "bind");
}

Json labelsJson(const Labels &labels) {
    Json out = Json::object();
    for (const auto &[k, v] : labels)
        out[k] = v;
    return out;
}

Json podTemplate(const Labels &labels, const std::string &image) {
    return Json{
        {"metadata", {{"labels", labelsJson(labels)}}},
        {"spec",
         {{"containers", Json::array({{{"name", "app"},
                                       {"image", image},
                                       {"ports", Json::array({{{"name", "http"},
                                                               {"containerPort", 8080}}})}}})}}}};
}

Json makePod(const std::string &name, const Labels &labels, const std::string &ns) {
    Json pod = podTemplate(labels);
    pod["apiVersion"] = "v1";
    pod["kind"] = "Pod";
    pod["metadata"]["name"] = name;
    pod["metadata"]["namespace"] = ns;
    return pod;
}

Json makeReplicaSet(const std::string &name, int replicas, const Labels &labels,
                    const std::string &ns) {
    return Json{{"apiVersion", "apps/v1"},
                {"kind", "ReplicaSet"},
                {"metadata", {{"name", name}, {"namespace", ns}}},
                {"spec",
                 {{"replicas", replicas},
                  {"selector", {{"matchLabels", labelsJson(labels)}}},
                  {"template", podTemplate(labels)}}}};
}

Json makeDeployment(const std::string &name, int replicas, const Labels &labels,
                    const std::string &ns) {
    Json d = makeReplicaSet(name, replicas, labels, ns);
    d["kind"] = "Deployment";
    return d;
}

} // namespace cox::controllers::testing
