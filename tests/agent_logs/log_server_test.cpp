// LogServer over real TLS on 127.0.0.1: who may read, what the options do, follow streaming.
#include "log_test_env.h"

#include "http/client.h"

#include <filesystem>

namespace cox::agent::logs {
namespace {

using namespace std::chrono_literals;
using testing::LogNodeEnv;

http::Client clientWith(const LogNodeEnv &env, const tls::KeyedCertificate *cert) {
    http::ClientConfig c;
    c.host = "127.0.0.1";
    c.port = env.server->port();
    c.caPem = env.ca.cert.toPem();
    if (cert) {
        c.clientCertPem = cert->cert.toPem();
        c.clientKeyPem = cert->key.toPem();
    }
    c.requestTimeout = 10s;
    auto made = http::Client::create(c);
    EXPECT_TRUE(made) << made.status().message();
    return std::move(*made);
}

TEST(LogServerTest, ApiServerCertificateReadsLogs) {
    LogNodeEnv env;
    auto client = clientWith(env, &env.apiServer);
    auto r = client.request("GET", "/containerLogs/default/x/app?tailLines=2");
    ASSERT_TRUE(r) << r.status().message();
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(r->body, "beta\ngamma\n");
    r = client.request("GET", "/containerLogs/default/x/app?timestamps=true&limitBytes=40");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "2026-11-28T10:00:01.000000001Z alpha\n202");
}

TEST(LogServerTest, MastersGroupMayReadToo) {
    LogNodeEnv env;
    auto admin =
        *tls::issueCertificate(env.ca, "admin", {}, tls::Usage::Client, 1h, {"system:masters"});
    auto client = clientWith(env, &admin);
    auto r = client.request("GET", "/containerLogs/default/x/app");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "alpha\nbeta\ngamma\n");
}

TEST(LogServerTest, OtherCertificatesAreForbidden) {
    LogNodeEnv env;
    auto node = *tls::issueCertificate(env.ca, "system:node:n2", {}, tls::Usage::Client, 1h,
                                       {"system:nodes"});
    auto client = clientWith(env, &node);
    auto r = client.request("GET", "/containerLogs/default/x/app");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(r->body.find("alpha"), std::string::npos);
}

TEST(LogServerTest, NoCertificateIsUnauthorized) {
    LogNodeEnv env;
    auto client = clientWith(env, nullptr);
    auto r = client.request("GET", "/containerLogs/default/x/app");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(r->body.find("alpha"), std::string::npos);
}

TEST(LogServerTest, CertificateFromAnotherCaIsRejected) {
    LogNodeEnv env;
    auto otherCa = *tls::createCa("other-ca", 1h);
    auto forged = *tls::issueCertificate(otherCa, "system:kube-apiserver", {}, tls::Usage::Client,
                                         1h, {"system:masters"});
    auto client = clientWith(env, &forged);
    auto r = client.request("GET", "/containerLogs/default/x/app");
    // The handshake fails, or (if the server lets unverified clients in) no identity is set.
    if (r) {
        EXPECT_EQ(r->status, 401);
    }
}

TEST(LogServerTest, UnknownContainerAndBadOptions) {
    LogNodeEnv env;
    auto client = clientWith(env, &env.apiServer);
    auto r = client.request("GET", "/containerLogs/default/x/other");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    r = client.request("GET", "/containerLogs/default/x/app?previous=true");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    r = client.request("GET", "/containerLogs/default/x/app?tailLines=abc");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    r = client.request("GET", "/containerLogs/default/x");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    r = client.request("GET", "/containerLogs/default/../app");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    std::filesystem::remove(env.logPath); // the container has not written yet
    r = client.request("GET", "/containerLogs/default/x/app?follow=true");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
}

TEST(LogServerTest, FollowStreamsAppendedLines) {
    LogNodeEnv env;
    auto client = clientWith(env, &env.apiServer);
    auto stream = client.stream("GET", "/containerLogs/default/x/app?follow=true&tailLines=1");
    ASSERT_TRUE(stream) << stream.status().message();
    auto first = (*stream)->nextLine(10s);
    ASSERT_TRUE(first && *first);
    EXPECT_EQ(**first, "gamma");
    testing::appendFile(env.logPath, testing::criLine(4, "delta"));
    auto next = (*stream)->nextLine(10s);
    ASSERT_TRUE(next && *next) << (next ? "ended" : next.status().message());
    EXPECT_EQ(**next, "delta");
    (*stream)->close();
}

TEST(LogServerTest, FollowEndsOnceTheContainerExitedAndTheFileWasRead) {
    LogNodeEnv env;
    auto client = clientWith(env, &env.apiServer);
    auto stream = client.stream("GET", "/containerLogs/default/x/app?follow=true");
    ASSERT_TRUE(stream) << stream.status().message();
    for (const char *expected : {"alpha", "beta", "gamma"}) {
        auto l = (*stream)->nextLine(10s);
        ASSERT_TRUE(l && *l);
        EXPECT_EQ(**l, expected);
    }
    testing::appendFile(env.logPath, testing::criLine(5, "last words"));
    env.containerExited = true;
    auto last = (*stream)->nextLine(10s);
    ASSERT_TRUE(last && *last);
    EXPECT_EQ(**last, "last words");
    auto end = (*stream)->nextLine(10s);
    ASSERT_TRUE(end) << end.status().message(); // a timeout here means follow never ended
    EXPECT_FALSE(*end);
}

} // namespace
} // namespace cox::agent::logs
