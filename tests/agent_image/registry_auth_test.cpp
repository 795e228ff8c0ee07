#include "image/http_client.h"
#include "image/manifest.h"
#include "image/registry_auth.h"

#include <gtest/gtest.h>

using namespace cox::image;

namespace {

TEST(RegistryAuth, ParsesBearerAndBasicChallenges) {
    auto c = parseAuthChallenge(
        R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull")");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->scheme, "bearer");
    EXPECT_EQ(c->params["realm"], "https://auth.docker.io/token");
    EXPECT_EQ(c->params["service"], "registry.docker.io");
    EXPECT_EQ(c->params["scope"], "repository:library/busybox:pull");
    c = parseAuthChallenge(R"(Basic realm="coxswain-test")");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->scheme, "basic");
    EXPECT_EQ(c->params["realm"], "coxswain-test");
    EXPECT_FALSE(parseAuthChallenge(""));
}

TEST(RegistryAuth, DockerConfigJsonEntries) {
    std::string config = R"({"auths":{
        "https://index.docker.io/v1/": {"auth": ")" +
                         base64Encode("hub-user:hub:pass") + R"("},
        "registry.example.com": {"username": "u", "password": "p"},
        "http://127.0.0.1:5000": {"identitytoken": "refresh"}}})";
    auto hub = authFromDockerConfig(config, "docker.io");
    ASSERT_TRUE(hub && hub->has_value());
    EXPECT_EQ((*hub)->username, "hub-user");
    EXPECT_EQ((*hub)->password, "hub:pass") << "only the first colon splits";
    auto other = authFromDockerConfig(config, "registry.example.com");
    ASSERT_TRUE(other && other->has_value());
    EXPECT_EQ((*other)->username, "u");
    EXPECT_EQ((*other)->password, "p");
    auto local = authFromDockerConfig(config, "127.0.0.1:5000");
    ASSERT_TRUE(local && local->has_value());
    EXPECT_EQ((*local)->identityToken, "refresh");
    auto none = authFromDockerConfig(config, "quay.io");
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
    // Legacy .dockercfg: the map itself.
    auto legacy =
        authFromDockerConfig(R"({"quay.io":{"auth":")" + base64Encode("a:b") + R"("}})", "quay.io");
    ASSERT_TRUE(legacy && legacy->has_value());
    EXPECT_EQ((*legacy)->username, "a");
    EXPECT_FALSE(authFromDockerConfig("not json", "quay.io"));
    EXPECT_FALSE(
        authFromDockerConfig(R"({"auths":{"quay.io":{"auth":"bm9jb2xvbg=="}}})", "quay.io"))
        << "base64 without a colon is refused";
}

TEST(RegistryAuth, Base64RoundTrip) {
    for (std::string s : {"", "a", "ab", "abc", "abcd", "user:päss"}) {
        auto back = base64Decode(base64Encode(s));
        ASSERT_TRUE(back);
        EXPECT_EQ(*back, s);
    }
}

TEST(HttpClient, PlainHttpOnlyForLoopbackOrInsecure) {
    HttpClientConfig config;
    config.insecureRegistries = {"registry.lan:5000", "plain.lan"};
    HttpClient client(config);
    EXPECT_EQ(client.schemeFor("127.0.0.1:5000"), "http://");
    EXPECT_EQ(client.schemeFor("127.8.9.10"), "http://");
    EXPECT_EQ(client.schemeFor("localhost:5000"), "http://");
    EXPECT_EQ(client.schemeFor("[::1]:5000"), "http://");
    EXPECT_EQ(client.schemeFor("registry.lan:5000"), "http://");
    EXPECT_EQ(client.schemeFor("plain.lan:443"), "http://");
    EXPECT_EQ(client.schemeFor("registry.lan:5001"), "https://");
    EXPECT_EQ(client.schemeFor("128.0.0.1"), "https://");
    EXPECT_EQ(client.schemeFor("registry-1.docker.io"), "https://");
}

TEST(HttpClient, ResolvesRedirectLocations) {
    EXPECT_EQ(resolveUrl("http://a:1/v2/x/blobs/sha", "/storage/1?sig=2"),
              "http://a:1/storage/1?sig=2");
    EXPECT_EQ(resolveUrl("http://a:1/v2/x/blobs/sha", "https://cdn/y"), "https://cdn/y");
    EXPECT_EQ(resolveUrl("https://a/v2/x/blobs/sha", "other"), "https://a/v2/x/blobs/other");
    auto url = ParsedUrl::parse("https://[::1]:5000/v2/?q=1");
    ASSERT_TRUE(url);
    EXPECT_EQ(url->host, "::1");
    EXPECT_EQ(url->port, "5000");
    EXPECT_EQ(url->target, "/v2/?q=1");
    EXPECT_EQ(url->hostPort(), "[::1]:5000");
    EXPECT_FALSE(ParsedUrl::parse("ftp://x/"));
    EXPECT_FALSE(ParsedUrl::parse("https://user:pw@x/"));
}

TEST(Manifest, PicksThisArchitectureFromAnIndex) {
    std::string d1 = "sha256:" + std::string(64, '1');
    std::string d2 = "sha256:" + std::string(64, '2');
    std::string index = R"({"schemaVersion":2,"mediaType":")" + std::string(media::kOciIndex) +
                        R"(","manifests":[
        {"mediaType":")" +
                        media::kOciManifest + R"(","digest":")" + d1 +
                        R"(","size":10,"platform":{"os":"linux","architecture":"arm64"}},
        {"mediaType":")" +
                        media::kOciManifest + R"(","digest":")" + d2 +
                        R"(","size":11,"platform":{"os":"linux","architecture":"amd64"}}]})";
    auto parsed = parseIndex(index);
    ASSERT_TRUE(parsed) << parsed.status().message();
    auto amd = pickPlatform(*parsed, "amd64");
    ASSERT_TRUE(amd);
    EXPECT_EQ(amd->digest, d2);
    auto missing = pickPlatform(*parsed, "s390x");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.status().message().find("linux/arm64, linux/amd64"), std::string::npos)
        << missing.status().message();
    EXPECT_EQ(manifestMediaType(index, ""), media::kOciIndex);
    EXPECT_FALSE(parseManifest(R"({"schemaVersion":1})"));
}

} // namespace
