// Test fixture helpers: a throwaway CA and a 127.0.0.1 serving certificate, and a server
// started on an ephemeral loopback port.
#pragma once

#include "http/client.h"
#include "http/server.h"
#include "tls/issuer.h"

#include <gtest/gtest.h>

#include <memory>

namespace cox::http::testing {

struct TestPki {
    tls::KeyedCertificate ca;
    tls::KeyedCertificate server;
    tls::KeyedCertificate client; // CN=alice, O=team-a,team-b

    static TestPki make() {
        using namespace std::chrono_literals;
        TestPki p;
        p.ca = *tls::createCa("test-ca", 24h);
        p.server = *tls::issueCertificate(p.ca, "server", {"127.0.0.1", "localhost"},
                                          tls::Usage::Server, 1h);
        p.client =
            *tls::issueCertificate(p.ca, "alice", {}, tls::Usage::Client, 1h, {"team-a", "team-b"});
        return p;
    }
};

inline std::unique_ptr<Server> startServer(const TestPki &pki, Handler handler,
                                           ServerConfig config = {}) {
    config.bindAddress = "127.0.0.1";
    config.port = 0;
    config.sslContext = *tls::makeServerContext(pki.server.cert.toPem(), pki.server.key.toPem(),
                                                pki.ca.cert.toPem());
    config.handler = std::move(handler);
    auto server = std::make_unique<Server>(std::move(config));
    Status s = server->start();
    EXPECT_TRUE(s.isOk()) << s.message();
    return server;
}

inline ClientConfig clientConfig(const TestPki &pki, uint16_t port) {
    ClientConfig c;
    c.host = "127.0.0.1";
    c.port = port;
    c.caPem = pki.ca.cert.toPem();
    c.connectTimeout = std::chrono::seconds(10);
    c.requestTimeout = std::chrono::seconds(10);
    return c;
}

} // namespace cox::http::testing
