#include "auth/authorizer.h"

#include <gtest/gtest.h>

using namespace cox;
using namespace cox::auth;

namespace {

UserInfo user(std::string name, std::vector<std::string> groups) {
    groups.emplace_back(kGroupAuthenticated);
    return UserInfo{std::move(name), std::move(groups)};
}

const UserInfo kAdmin = user("admin", {kGroupMasters});
const UserInfo kViewer = user("vera", {kGroupViewers});
const UserInfo kNode = user("system:node:w1", {kGroupNodes});
const UserInfo kBootstrap = user("system:bootstrap:abc123", {kGroupBootstrappers});
const UserInfo kNobody = user("nobody", {});

RequestAttributes res(std::string verb, std::string resource, std::string ns = "",
                      std::string name = "", std::string group = "", std::string sub = "") {
    RequestAttributes a;
    a.verb = std::move(verb);
    a.resource = std::move(resource);
    a.namespaceName = std::move(ns);
    a.name = std::move(name);
    a.apiGroup = std::move(group);
    a.subresource = std::move(sub);
    return a;
}

RequestAttributes path(std::string p, std::string verb = "get") {
    RequestAttributes a;
    a.isResourceRequest = false;
    a.path = std::move(p);
    a.verb = std::move(verb);
    return a;
}

struct Case {
    const UserInfo *who;
    RequestAttributes attrs;
    bool allowed;
};

void runTable(const std::vector<Case> &cases) {
    Authorizer authz;
    for (size_t i = 0; i < cases.size(); ++i) {
        const auto &c = cases[i];
        Status s = authz.authorize(*c.who, c.attrs);
        EXPECT_EQ(s.isOk(), c.allowed)
            << "case " << i << ": " << c.who->name << " " << c.attrs.verb << " " << c.attrs.resource
            << "/" << c.attrs.subresource << " " << c.attrs.path;
        if (!c.allowed) {
            EXPECT_EQ(s.code(), StatusCode::Forbidden);
        }
    }
}

} // namespace

TEST(Authorizer, MastersMayDoEverything) {
    runTable({{&kAdmin, res("delete", "secrets", "default", "s"), true},
              {&kAdmin, res("create", "deployments", "default", "", "apps"), true},
              {&kAdmin, path("/metrics"), true},
              {&kAdmin, res("create", "pods", "default", "p", "", "eviction"), true}});
}

TEST(Authorizer, ViewersReadAllButSecrets) {
    runTable({{&kViewer, res("list", "pods", "default"), true},
              {&kViewer, res("watch", "deployments", "", "", "apps"), true},
              {&kViewer, res("get", "nodes", "", "w1"), true},
              {&kViewer, res("get", "secrets", "default", "s"), false},
              {&kViewer, res("list", "secrets", ""), false},
              {&kViewer, res("create", "pods", "default"), false},
              {&kViewer, res("delete", "pods", "default", "p"), false},
              {&kViewer, res("patch", "nodes", "", "w1"), false},
              {&kViewer, path("/metrics"), true},
              {&kViewer, path("/metrics", "post"), false}});
}

TEST(Authorizer, NodesReadWhatTheyNeedAndWriteOnlyThemselves) {
    runTable(
        {{&kNode, res("list", "pods", ""), true},
         {&kNode, res("watch", "services", ""), true},
         {&kNode, res("get", "secrets", "default", "s"), true},
         {&kNode, res("get", "configmaps", "default", "c"), true},
         // Never a whole list: which of them it may read depends on its pods (API layer).
         {&kNode, res("list", "secrets", ""), false},
         {&kNode, res("watch", "configmaps", "default"), false},
         {&kNode, res("list", "persistentvolumeclaims", "default"), false},
         {&kNode, res("list", "deployments", "", "", "apps"), false},
         {&kNode, res("create", "nodes", "", ""), true},
         {&kNode, res("patch", "nodes", "", "w1", "", "status"), true},
         {&kNode, res("update", "nodes", "", "w1"), true},
         {&kNode, res("patch", "nodes", "", "w2", "", "status"), false},
         {&kNode, res("delete", "nodes", "", "w1"), false},
         {&kNode, res("update", "leases", "kube-node-lease", "w1", "coordination.k8s.io"), true},
         {&kNode, res("get", "leases", "kube-node-lease", "w1", "coordination.k8s.io"), true},
         {&kNode, res("update", "leases", "kube-node-lease", "w2", "coordination.k8s.io"), false},
         {&kNode, res("update", "leases", "default", "w1", "coordination.k8s.io"), false},
         {&kNode, res("create", "events", "default"), true},
         {&kNode, res("patch", "events", "default", "e"), true},
         {&kNode, res("patch", "pods", "default", "p", "", "status"), true},
         {&kNode, res("delete", "pods", "default", "p"), true},
         {&kNode, res("create", "pods", "default"), false},
         {&kNode, res("update", "pods", "default", "p"), false},
         {&kNode, res("create", "pods", "default", "p", "", "eviction"), false},
         {&kNode, res("create", "secrets", "default"), false},
         {&kNode, res("create", "nodecredentialrequests", "", "", "coxswain.io"), true},
         {&kNode, res("get", "nodecredentialrequests", "", "x", "coxswain.io"), false},
         {&kNode, path("/version"), true},
         {&kNode, path("/metrics"), false}});
}

TEST(Authorizer, BootstrappersOnlyRequestCredentials) {
    runTable({{&kBootstrap, res("create", "nodecredentialrequests", "", "", "coxswain.io"), true},
              {&kBootstrap, res("get", "nodecredentialrequests", "", "x", "coxswain.io"), false},
              {&kBootstrap, res("list", "pods", ""), false},
              {&kBootstrap, res("create", "nodes", ""), false},
              {&kBootstrap, path("/api"), true},
              {&kBootstrap, path("/apis/coxswain.io/v1"), true},
              {&kBootstrap, path("/version"), true},
              {&kBootstrap, path("/metrics"), false}});
}

TEST(Authorizer, EveryoneAuthenticatedGetsDiscoveryAndHealth) {
    runTable({{&kNobody, path("/version"), true},
              {&kNobody, path("/healthz"), true},
              {&kNobody, path("/readyz"), true},
              {&kNobody, path("/livez"), true},
              {&kNobody, path("/api"), true},
              {&kNobody, path("/apis"), true},
              {&kNobody, path("/openapi/v2"), true},
              {&kNobody, path("/healthz", "post"), false},
              {&kNobody, path("/metrics"), false},
              {&kNobody, res("list", "pods", "default"), false},
              {&kNobody, res("get", "namespaces", "", "default"), false}});
}

TEST(Authorizer, EveryoneMayAskWhatTheyMayDoAndWhoTheyAre) {
    for (const UserInfo *who : {&kNobody, &kViewer, &kNode, &kBootstrap}) {
        runTable(
            {{who, res("create", "selfsubjectaccessreviews", "", "", "authorization.k8s.io"), true},
             {who, res("create", "selfsubjectreviews", "", "", "authentication.k8s.io"), true},
             // Someone else's access is not self review.
             {who, res("create", "subjectaccessreviews", "", "", "authorization.k8s.io"), false}});
    }
    runTable({{&kNobody, res("list", "selfsubjectaccessreviews", "", "", "authorization.k8s.io"),
               false}});
}

TEST(Authorizer, NodeMayWriteRequiresNodeIdentity) {
    UserInfo impostor = user("system:node:w1", {}); // right name, not in system:nodes
    EXPECT_FALSE(nodeMayWrite(impostor, res("patch", "nodes", "", "w1", "", "status")));
    EXPECT_TRUE(nodeMayWrite(kNode, res("patch", "nodes", "", "w1", "", "status")));
    EXPECT_FALSE(nodeMayWrite(kNode, res("get", "nodes", "", "w1")));
}

TEST(Authorizer, ForbiddenMessagesMatchKubernetes) {
    UserInfo x = user("x", {});
    EXPECT_EQ(Authorizer::forbiddenMessage(x, res("list", "pods", "default")),
              "pods is forbidden: User \"x\" cannot list resource \"pods\" in API group \"\" in "
              "the namespace \"default\"");
    EXPECT_EQ(Authorizer::forbiddenMessage(x, res("get", "nodes", "", "w1")),
              "nodes \"w1\" is forbidden: User \"x\" cannot get resource \"nodes\" in API group "
              "\"\" at the cluster scope");
    EXPECT_EQ(Authorizer::forbiddenMessage(x, res("create", "pods", "ns", "p", "", "eviction")),
              "pods \"p\" is forbidden: User \"x\" cannot create resource \"pods/eviction\" in API "
              "group \"\" in the namespace \"ns\"");
    EXPECT_EQ(Authorizer::forbiddenMessage(x, path("/metrics")),
              "forbidden: User \"x\" cannot get path \"/metrics\"");
    Authorizer authz;
    EXPECT_EQ(authz.authorize(x, res("list", "pods", "default")).message(),
              Authorizer::forbiddenMessage(x, res("list", "pods", "default")));
}
