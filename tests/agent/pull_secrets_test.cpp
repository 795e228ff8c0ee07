// imagePullSecrets: the agent finds the registry credentials a pod names, in the pod's namespace,
// for the image's registry, in dockerconfigjson and legacy dockercfg secrets, as the node that runs
// the pod (the API lets a node read only the secrets its pods use).
#include "agent/node_join.h"
#include "agent/pull_secrets.h"
#include "cluster_fixture.h"
#include "image/registry_auth.h"

using namespace cox;
using namespace cox::agent;
using cox::agent::testing::ClusterFixture;

namespace {

class PullSecretsTest : public ClusterFixture {
protected:
    void SetUp() override {
        ClusterFixture::SetUp();
        auto creds = loadOrJoin(m_serverUrl, m_joinToken, "node-p", m_dir + "/node-p");
        ASSERT_TRUE(creds);
        auto api = ApiClient::create(m_serverUrl, *creds);
        ASSERT_TRUE(api);
        m_node = std::move(*api);
    }
    void addSecret(const std::string &name, const std::string &type, const std::string &key,
                   const Json &config) {
        Json secret = {{"apiVersion", "v1"},
                       {"kind", "Secret"},
                       {"metadata", {{"name", name}, {"namespace", "default"}}},
                       {"type", type},
                       {"data", {{key, image::base64Encode(config.dump())}}}};
        ASSERT_TRUE(admin().post("/api/v1/namespaces/default/secrets", secret));
    }
    // The pod, as the API holds it, bound to this node: a node may read only the secrets of
    // its own pods.
    Json pod(const Json &secrets) {
        Json p = {
            {"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", "p" + std::to_string(m_pods++)}, {"namespace", "default"}}},
            {"spec",
             {{"nodeName", "node-p"},
              {"imagePullSecrets", secrets},
              {"containers", {{{"name", "app"}, {"image", "busybox:latest"}}}}}}};
        EXPECT_TRUE(admin().post("/api/v1/namespaces/default/pods", p));
        return p;
    }
    int m_pods = 0;
    std::unique_ptr<ApiClient> m_node;
};

TEST_F(PullSecretsTest, FindsTheCredentialsForTheImagesRegistry) {
    addSecret("other", "kubernetes.io/dockerconfigjson", ".dockerconfigjson",
              {{"auths", {{"other.example:5000", {{"username", "x"}, {"password", "y"}}}}}});
    addSecret(
        "mine", "kubernetes.io/dockerconfigjson", ".dockerconfigjson",
        {{"auths", {{"registry.example:5000", {{"auth", image::base64Encode("alice:s3cret")}}}}}});
    Json p = pod({{{"name", "missing"}}, {{"name", "other"}}, {{"name", "mine"}}});
    auto auth = pullAuthFor(*m_node, p, "registry.example:5000/team/app:1");
    ASSERT_TRUE(auth);
    EXPECT_EQ(auth->username, "alice");
    EXPECT_EQ(auth->password, "s3cret");
    EXPECT_FALSE(pullAuthFor(*m_node, p, "elsewhere.example/app:1"));
    EXPECT_FALSE(pullAuthFor(*m_node, pod(Json::array()), "registry.example:5000/team/app:1"));
}

TEST_F(PullSecretsTest, ReadsLegacyDockercfgAndDockerHubKeys) {
    addSecret("legacy", "kubernetes.io/dockercfg", ".dockercfg",
              {{"https://index.docker.io/v1/", {{"username", "bob"}, {"password", "pw"}}}});
    auto auth = pullAuthFor(*m_node, pod({{{"name", "legacy"}}}), "busybox:latest");
    ASSERT_TRUE(auth);
    EXPECT_EQ(auth->username, "bob");
}

} // namespace
