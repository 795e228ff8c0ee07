// An ApiServer behind a real HTTPS server on 127.0.0.1 (ephemeral port), and a client for it.
#pragma once

#include "fixture.h"

#include "http/client.h"
#include "http/server.h"
#include "tls/issuer.h"
#include "tls/ssl_context.h"

namespace cox::apiserver::testing {

class HttpFixture : public ApiFixture {
protected:
    void SetUp() override {
        ApiFixture::SetUp();
        using namespace std::chrono_literals;
        m_ca = *tls::createCa("apiserver-test-ca", 24h);
        auto serving =
            *tls::issueCertificate(m_ca, "apiserver", {"127.0.0.1"}, tls::Usage::Server, 1h);
        http::ServerConfig config;
        config.bindAddress = "127.0.0.1";
        config.port = 0;
        config.sslContext = *tls::makeServerContext(serving.cert.toPem(), serving.key.toPem());
        config.handler = [this](const http::Request &r, http::ResponseSink &s) {
            m_server->handle(r, s);
        };
        m_http = std::make_unique<http::Server>(std::move(config));
        Status s = m_http->start();
        ASSERT_TRUE(s.isOk()) << s.message();
    }
    void TearDown() override { m_http->stop(); }

    http::Client client(const std::string &token = "admin-token") {
        http::ClientConfig c;
        c.host = "127.0.0.1";
        c.port = m_http->port();
        c.caPem = m_ca.cert.toPem();
        c.bearerToken = token;
        c.requestTimeout = std::chrono::seconds(20);
        auto made = http::Client::create(c);
        EXPECT_TRUE(made) << made.status().message();
        return std::move(*made);
    }

    // One request; a transport failure fails the test and yields status 0.
    http::Response call(http::Client &c, const std::string &method, const std::string &target,
                        const std::string &body = {}, http::Headers headers = {}) {
        if (!body.empty() && !headers.count("Content-Type"))
            headers["Content-Type"] = "application/json";
        auto r = c.request(method, target, body, headers);
        EXPECT_TRUE(r) << method << " " << target << ": " << r.status().message();
        return r ? *r : http::Response{0, {}, {}};
    }

    static model::Json json(const http::Response &r) {
        return model::Json::parse(r.body, nullptr, false);
    }

    tls::KeyedCertificate m_ca;
    std::unique_ptr<http::Server> m_http;
};

} // namespace cox::apiserver::testing
