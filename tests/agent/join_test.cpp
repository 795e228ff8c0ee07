// Joining: the CA is pinned by the token's hash before any secret leaves the node; a wrong token
// gets 401; the issued credential is the node's own identity, stored 0600; tokens minted by
// `token create` are accepted by the running master; only bootstrappers may ask for credentials.
#include "agent/node_join.h"
#include "agent/serving_credential.h"
#include "auth/join_token.h"
#include "cluster_fixture.h"
#include "controlplane/join_tokens.h"
#include "http/server.h"
#include "tls/certificate.h"
#include "tls/issuer.h"
#include "tls/ssl_context.h"

#include <atomic>
#include <sys/stat.h>

using namespace cox;
using namespace cox::agent;
using cox::agent::testing::ClusterFixture;

namespace {

int modeOf(const std::string &path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? static_cast<int>(st.st_mode & 0777) : -1;
}

using JoinTest = ClusterFixture;

} // namespace

TEST_F(JoinTest, JoinStoresOwnCredentialWithPrivateModes) {
    const std::string dir = m_dir + "/node-a";
    auto creds = loadOrJoin(m_serverUrl, m_joinToken, "node-a", dir);
    ASSERT_TRUE(creds) << creds.status().message();
    for (const char *f : {"/node.key", "/node.crt", "/ca.crt"})
        EXPECT_EQ(modeOf(dir + f), 0600) << f;
    auto cert = tls::Certificate::fromPem(creds->certPem);
    ASSERT_TRUE(cert);
    EXPECT_EQ(cert->commonName(), "system:node:node-a");
    EXPECT_EQ(cert->organizations(), std::vector<std::string>{"system:nodes"});
    EXPECT_EQ(creds->caPem, m_plane->caPem());
    // The credential works as the node: it may read its own lease name but not secrets' writes.
    auto api = ApiClient::create(m_serverUrl, *creds);
    ASSERT_TRUE(api);
    EXPECT_TRUE((*api)->get("/api/v1/nodes"));
    auto forbidden =
        (*api)->post("/api/v1/namespaces",
                     {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "x"}}}});
    EXPECT_EQ(forbidden.status().code(), StatusCode::Forbidden);
    // A second start needs no token.
    auto again = loadOrJoin(m_serverUrl, "", "node-a", dir);
    ASSERT_TRUE(again) << again.status().message();
    EXPECT_EQ(again->certPem, creds->certPem);
}

TEST_F(JoinTest, WrongTokenSecretIsUnauthorized) {
    auto token = *auth::parseJoinToken(m_joinToken);
    token.secret = "aaaaaaaaaaaaaaaa";
    auto creds = joinCluster(m_serverUrl, auth::formatJoinToken(token), "node-b");
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.status().code(), StatusCode::Unauthorized);
    EXPECT_NE(creds.status().message().find("refused"), std::string::npos)
        << creds.status().message();
}

TEST_F(JoinTest, MalformedTokenIsRejectedLocally) {
    auto creds = joinCluster(m_serverUrl, "K10nothex::abc.def", "node-b");
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.status().code(), StatusCode::Invalid);
}

// An impostor server with its own CA: the join must stop after reading the handshake, without
// sending a single HTTP request (which would carry the bootstrap token).
TEST(JoinPinning, WrongCaHashRefusedBeforeAnyRequest) {
    auto ca = tls::createCa("impostor-ca", std::chrono::hours(24));
    ASSERT_TRUE(ca);
    auto leaf = tls::issueCertificate(*ca, "impostor", {"127.0.0.1"}, tls::Usage::Server,
                                      std::chrono::hours(24));
    ASSERT_TRUE(leaf);
    auto ssl = tls::makeServerContext(leaf->cert.toPem() + ca->cert.toPem(), leaf->key.toPem(), {});
    ASSERT_TRUE(ssl);
    std::atomic<int> requests{0};
    http::ServerConfig config;
    config.bindAddress = "127.0.0.1";
    config.port = 0;
    config.sslContext = *ssl;
    config.handler = [&](const http::Request &, http::ResponseSink &sink) {
        ++requests;
        sink.send({200, {}, "{}"});
    };
    http::Server server(std::move(config));
    ASSERT_TRUE(server.start());
    // A token pinning some other CA.
    auth::JoinToken token = auth::generateJoinToken(std::string(64, 'a'));
    const std::string url = "https://127.0.0.1:" + std::to_string(server.port());
    auto creds = joinCluster(url, auth::formatJoinToken(token), "node-c");
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.status().code(), StatusCode::Forbidden);
    EXPECT_NE(creds.status().message().find("does not match"), std::string::npos);
    EXPECT_EQ(requests.load(), 0);
    // The same server with a token pinning its real CA gets the request: the count can move.
    token.caHash = ca->cert.sha256Hex();
    (void)joinCluster(url, auth::formatJoinToken(token), "node-c");
    EXPECT_GE(requests.load(), 1);
    server.stop();
}

TEST_F(JoinTest, TokenCreatedWhileRunningIsAccepted) {
    auto token = controlplane::createJoinToken(m_dir + "/master", std::chrono::hours(1),
                                               SystemClock::instance());
    ASSERT_TRUE(token) << token.status().message();
    EXPECT_NE(*token, m_joinToken);
    auto creds = joinCluster(m_serverUrl, *token, "node-d");
    EXPECT_TRUE(creds) << creds.status().message();
}

TEST_F(JoinTest, ExpiredCreatedTokenIsRefused) {
    auto token = controlplane::createJoinToken(m_dir + "/master", std::chrono::seconds(0),
                                               SystemClock::instance());
    ASSERT_TRUE(token);
    auto creds = joinCluster(m_serverUrl, *token, "node-e");
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.status().code(), StatusCode::Unauthorized);
}

TEST_F(JoinTest, OnlyBootstrappersGetCredentialsAndNamesAreChecked) {
    auto creds = loadOrJoin(m_serverUrl, m_joinToken, "node-f", m_dir + "/node-f");
    ASSERT_TRUE(creds);
    auto key = tls::PrivateKey::generateP256();
    auto csr = makeCsr(key->toPem(), "whatever");
    ASSERT_TRUE(csr);
    Json request = {{"apiVersion", "coxswain.io/v1"},
                    {"kind", "NodeCredentialRequest"},
                    {"metadata", {{"name", "x"}}},
                    {"spec", {{"nodeName", "node-g"}, {"csr", *csr}}}};
    // A node may not mint credentials for another node.
    auto asNode = ApiClient::create(m_serverUrl, *creds);
    auto denied = (*asNode)->post("/apis/coxswain.io/v1/nodecredentialrequests", request);
    EXPECT_EQ(denied.status().code(), StatusCode::Forbidden);
    // Admin may; a bad name or a CSR with a broken signature is Invalid.
    auto ok = admin().post("/apis/coxswain.io/v1/nodecredentialrequests", request);
    ASSERT_TRUE(ok) << ok.status().message();
    EXPECT_EQ(
        tls::Certificate::fromPem((*ok)["status"]["certificate"].get<std::string>())->commonName(),
        "system:node:node-g");
    request["spec"]["nodeName"] = "Not_A_Name";
    EXPECT_EQ(admin().post("/apis/coxswain.io/v1/nodecredentialrequests", request).status().code(),
              StatusCode::Invalid);
    request["spec"]["nodeName"] = "node-g";
    std::string broken = *csr;
    broken[broken.size() / 2] = broken[broken.size() / 2] == 'A' ? 'B' : 'A';
    request["spec"]["csr"] = broken;
    EXPECT_EQ(admin().post("/apis/coxswain.io/v1/nodecredentialrequests", request).status().code(),
              StatusCode::Invalid);
}

TEST_F(JoinTest, NodeGetsAServingCertificateForItsAddressesOnly) {
    const std::string dir = m_dir + "/node-s";
    auto creds = loadOrJoin(m_serverUrl, m_joinToken, "node-s", dir);
    ASSERT_TRUE(creds);
    auto api = ApiClient::create(m_serverUrl, *creds);
    ASSERT_TRUE(api);
    auto serving = loadOrRequestServingCredential(**api, "node-s", dir, {"10.1.2.3", "node-s"});
    ASSERT_TRUE(serving) << serving.status().message();
    auto cert = tls::Certificate::fromPem(serving->certPem);
    ASSERT_TRUE(cert);
    EXPECT_EQ(cert->commonName(), "system:node:node-s");
    EXPECT_EQ(cert->ipAddresses(), std::vector<std::string>{"10.1.2.3"});
    EXPECT_EQ(cert->dnsNames(), std::vector<std::string>{"node-s"});
    EXPECT_EQ(modeOf(dir + "/serving.key"), 0600);
    // Stored and reused while it covers the addresses; a new address gets a new certificate.
    auto again = loadOrRequestServingCredential(**api, "node-s", dir, {"10.1.2.3"});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->certPem, serving->certPem);
    auto moved = loadOrRequestServingCredential(**api, "node-s", dir, {"10.9.9.9"});
    ASSERT_TRUE(moved);
    EXPECT_NE(moved->certPem, serving->certPem);
    EXPECT_TRUE(servingCertCovers(moved->certPem, {"10.9.9.9"}, std::chrono::system_clock::now()));
    // A node cannot get a serving certificate in another node's name.
    auto other =
        loadOrRequestServingCredential(**api, "node-t", m_dir + "/node-t-dir", {"10.1.2.4"});
    ASSERT_FALSE(other);
    EXPECT_EQ(other.status().code(), StatusCode::Forbidden);
}

TEST_F(JoinTest, ServingRequestsAreValidated) {
    auto key = tls::PrivateKey::generateP256();
    auto csr = makeCsr(key->toPem(), "x");
    ASSERT_TRUE(csr);
    Json request = {{"apiVersion", "coxswain.io/v1"},
                    {"kind", "NodeCredentialRequest"},
                    {"metadata", {{"name", "x"}}},
                    {"spec", {{"nodeName", "node-v"}, {"csr", *csr}, {"usage", "serving"}}}};
    const std::string path = "/apis/coxswain.io/v1/nodecredentialrequests";
    auto noAddresses = admin().post(path, request);
    EXPECT_EQ(noAddresses.status().code(), StatusCode::Invalid);
    EXPECT_NE(noAddresses.status().message().find("spec.addresses"), std::string::npos);
    request["spec"]["addresses"] = {"10.0.0.1", "bad,DNS:evil.example"};
    EXPECT_EQ(admin().post(path, request).status().code(), StatusCode::Invalid);
    request["spec"]["usage"] = "signing";
    request["spec"]["addresses"] = {"10.0.0.1"};
    EXPECT_EQ(admin().post(path, request).status().code(), StatusCode::Invalid);
}
