// Blob downloads follow redirects to storage on another host, and the registry's credentials
// never travel there.
#include "image/http_client.h"
#include "image/registry_auth.h"

#include "loopback_server.h"
#include "process.h"
#include "test_image.h"

#include <gtest/gtest.h>

using namespace cox::image;
namespace bhttp = boost::beast::http;
using cox::testing::LoopbackHttpServer;

namespace {

TEST(HttpRedirects, FollowsToStorageAndDropsCredentials) {
    std::string blob(300'000, 'x');
    LoopbackHttpServer storage([&](const LoopbackHttpServer::Request &) {
        LoopbackHttpServer::Response res{bhttp::status::ok, 11};
        res.body() = blob;
        return res;
    });
    LoopbackHttpServer registry([&](const LoopbackHttpServer::Request &req) {
        LoopbackHttpServer::Response res{bhttp::status::temporary_redirect, 11};
        if (req.target() == "/v2/x/blobs/first") {
            res.set(bhttp::field::location, "/v2/x/blobs/second"); // same host: keeps auth
        } else {
            res.set(bhttp::field::location, storage.url() + "/bucket/data?signature=abc");
        }
        return res;
    });
    std::string dir = cox::testing::makeTempDir("cox-redirect");
    HttpClient client{HttpClientConfig{}};
    HttpRequest request;
    request.url = registry.url() + "/v2/x/blobs/first";
    request.headers.emplace_back("Authorization", "Bearer registry-token");
    request.responseFile = dir + "/blob";
    auto response = client.send(request);
    ASSERT_TRUE(response) << response.status().message();
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->finalUrl, storage.url() + "/bucket/data?signature=abc");
    EXPECT_EQ(cox::testing::readFile(dir + "/blob"), blob);

    auto seen = registry.requests();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[1][bhttp::field::authorization], "Bearer registry-token");
    auto stored = storage.requests();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0][bhttp::field::authorization], "") << "credentials leaked to storage";

    // A body larger than announced for the blob is cut off, not written on and on.
    request.maxFileBody = 1000;
    EXPECT_FALSE(client.send(request));
    cox::testing::removeTree(dir);
}

TEST(HttpRedirects, EndlessRedirectsFail) {
    LoopbackHttpServer loop([](const LoopbackHttpServer::Request &req) {
        LoopbackHttpServer::Response res{bhttp::status::found, 11};
        res.set(bhttp::field::location, std::string(req.target()) + "x");
        return res;
    });
    HttpClient client{HttpClientConfig{}};
    auto response = client.send({"GET", loop.url() + "/a"});
    ASSERT_FALSE(response);
    EXPECT_NE(response.status().message().find("too many redirects"), std::string::npos);
}

} // namespace
