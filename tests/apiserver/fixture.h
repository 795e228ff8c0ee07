// Test fixtures for the API server: a memory store, a fake clock, a bootstrapped ApiServer, and
// builders for the objects the tests create.
#pragma once

#include "apiserver/api_server.h"
#include "model/resource_type.h"
#include "store/store.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace cox::apiserver::testing {

inline const model::ResourceType &type(const char *group, const char *plural) {
    const auto *t = model::findResource(group, group[0] ? "v1" : "v1", plural);
    EXPECT_NE(t, nullptr) << plural;
    return *t;
}

inline auth::UserInfo admin() {
    return {"admin", {auth::kGroupMasters}};
}
inline auth::UserInfo nodeUser(const std::string &node) {
    return {std::string(auth::kNodeUserPrefix) + node, {auth::kGroupNodes}};
}

inline CallContext asUser(auth::UserInfo user, ErrorDetails *details = nullptr) {
    CallContext ctx;
    ctx.user = std::move(user);
    ctx.details = details;
    return ctx;
}

// makePod("web").label("app", "web").node("n1").build()
class PodBuilder {
public:
    explicit PodBuilder(std::string name) {
        m_pod = {
            {"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", std::move(name)}}},
            {"spec",
             {{"containers", model::Json::array({{{"name", "app"}, {"image", "nginx:1.27"}}})}}}};
    }
    PodBuilder &label(const std::string &k, const std::string &v) {
        m_pod["metadata"]["labels"][k] = v;
        return *this;
    }
    PodBuilder &node(const std::string &n) {
        m_pod["spec"]["nodeName"] = n;
        return *this;
    }
    PodBuilder &finalizer(const std::string &f) {
        m_pod["metadata"]["finalizers"].push_back(f);
        return *this;
    }
    model::Json build() const { return m_pod; }

private:
    model::Json m_pod;
};
inline PodBuilder makePod(std::string name) {
    return PodBuilder(std::move(name));
}

inline model::Json makeDeployment(const std::string &name, int replicas) {
    return {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", {{"name", name}}},
            {"spec",
             {{"replicas", replicas},
              {"selector", {{"matchLabels", {{"app", name}}}}},
              {"template",
               {{"metadata", {{"labels", {{"app", name}}}}},
                {"spec",
                 {{"containers",
                   model::Json::array({{{"name", "app"}, {"image", "nginx:1.27"}}})}}}}}}}};
}

inline model::Json makeService(const std::string &name, const std::string &type = "ClusterIP",
                               const std::string &clusterIP = "") {
    model::Json svc = {{"apiVersion", "v1"},
                       {"kind", "Service"},
                       {"metadata", {{"name", name}}},
                       {"spec",
                        {{"type", type},
                         {"selector", {{"app", name}}},
                         {"ports", model::Json::array({{{"port", 80}, {"protocol", "TCP"}}})}}}};
    if (!clusterIP.empty())
        svc["spec"]["clusterIP"] = clusterIP;
    return svc;
}

class ApiFixture : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = store::openStore("memory://");
        ASSERT_TRUE(opened) << opened.status().message();
        m_store = std::move(*opened);
        ApiServerOptions options;
        options.store = m_store.get();
        options.clock = &m_clock;
        options.advertiseAddress = "127.0.0.1";
        options.bookmarkInterval = std::chrono::milliseconds(200);
        options.authenticate = [](const http::Request &r) -> Result<auth::UserInfo> {
            std::string h = r.header("Authorization");
            if (h == "Bearer admin-token")
                return admin();
            if (h == "Bearer viewer-token")
                return auth::UserInfo{"viewer", {auth::kGroupViewers}};
            if (h == "Bearer node-token")
                return nodeUser("node-1");
            return Status(StatusCode::Unauthorized, "Unauthorized");
        };
        options.authorize = [](const auth::UserInfo &u, const auth::RequestAttributes &a) {
            if (u.inGroup(auth::kGroupMasters) || u.inGroup(auth::kGroupNodes))
                return Status::ok();
            if (a.verb == "get" || a.verb == "list" || a.verb == "watch")
                return Status::ok();
            return Status(StatusCode::Forbidden, "read-only");
        };
        m_server = std::make_unique<ApiServer>(std::move(options));
        Status s = m_server->bootstrap();
        ASSERT_TRUE(s.isOk()) << s.message();
    }

    ResourceService &svc() { return m_server->resources(); }
    model::Json mustCreate(const model::ResourceType &t, const std::string &ns,
                           model::Json object) {
        auto created = svc().create(t, ns, std::move(object), asUser(admin()));
        EXPECT_TRUE(created) << created.status().message();
        return created ? *created : model::Json();
    }
    const model::ResourceType &pods() { return type("", "pods"); }

    FakeClock m_clock;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<ApiServer> m_server;
};

} // namespace cox::apiserver::testing
