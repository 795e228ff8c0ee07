#include "common/metrics.h"
#include "http/tls_stream.h"
#include "test_pki.h"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <thread>

using namespace cox;
using namespace cox::http;
using namespace cox::http::testing;
using namespace std::chrono_literals;
namespace bhttp = boost::beast::http;

namespace {

Handler echoHandler() {
    return [](const Request &req, ResponseSink &sink) {
        Response r;
        r.headers["Content-Type"] = "text/plain";
        r.body = req.method + "|" + req.path + "|" + req.queryValue("q") + "|" +
                 req.header("x-test") + "|" + req.body + "|" + req.clientCertCommonName;
        for (const auto &o : req.clientCertOrganizations)
            r.body += "|" + o;
        sink.send(std::move(r));
    };
}

std::unique_ptr<TlsStream> rawConnect(const TestPki &pki, uint16_t port) {
    auto ctx = tls::makeClientContext(pki.ca.cert.toPem());
    EXPECT_TRUE(ctx);
    auto stream = TlsStream::connect("127.0.0.1", port, (*ctx)->native_handle(), 10s);
    EXPECT_TRUE(stream) << stream.status().message();
    return stream ? std::move(*stream) : nullptr;
}

// Sends raw bytes and reads one response (10 s kernel timeout so a hang fails, not blocks).
bhttp::response<bhttp::string_body> rawExchange(TlsStream &s, std::string_view wire) {
    s.setTimeouts(10s, 10s);
    boost::system::error_code ec;
    boost::asio::write(s, boost::asio::buffer(wire.data(), wire.size()), ec);
    EXPECT_FALSE(ec) << ec.message();
    boost::beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(s, buffer, res, ec);
    EXPECT_FALSE(ec) << ec.message();
    return res;
}

double requestCount(const std::string &code) {
    return metrics::Registry::global()
        .counter("coxswain_http_requests_total", "HTTP requests served, by status code",
                 {{"code", code}})
        .value();
}

class ServerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_pki = new TestPki(TestPki::make()); }
    static void TearDownTestSuite() { delete s_pki; }
    static TestPki *s_pki;
};
TestPki *ServerTest::s_pki = nullptr;

} // namespace

TEST_F(ServerTest, RoundTripOverTls) {
    auto server = startServer(*s_pki, echoHandler());
    auto client = Client::create(clientConfig(*s_pki, server->port()));
    ASSERT_TRUE(client);
    double before = requestCount("200");
    auto res = client->request("POST", "/echo%20me?q=a%26b", "hello", {{"X-Test", "yes"}});
    ASSERT_TRUE(res) << res.status().message();
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body, "POST|/echo me|a&b|yes|hello|");
    EXPECT_EQ(res->headers.at("content-type"), "text/plain");
    EXPECT_EQ(requestCount("200"), before + 1);
}

TEST_F(ServerTest, WrongCaFailsHandshake) {
    auto server = startServer(*s_pki, echoHandler());
    TestPki other = TestPki::make();
    auto client = Client::create(clientConfig(other, server->port()));
    ASSERT_TRUE(client);
    auto res = client->request("GET", "/");
    ASSERT_FALSE(res);
    EXPECT_EQ(res.status().code(), StatusCode::Unavailable);
}

TEST_F(ServerTest, HostNameMustMatchCertificate) {
    auto server = startServer(*s_pki, echoHandler());
    ClientConfig config = clientConfig(*s_pki, server->port());
    config.host = "127.0.0.2"; // loopback too, but not a SAN of the serving certificate
    auto client = Client::create(config);
    ASSERT_TRUE(client);
    EXPECT_FALSE(client->request("GET", "/"));
}

TEST_F(ServerTest, ClientCertificateIdentityReachesHandler) {
    auto server = startServer(*s_pki, echoHandler());
    ClientConfig config = clientConfig(*s_pki, server->port());
    config.clientCertPem = s_pki->client.cert.toPem();
    config.clientKeyPem = s_pki->client.key.toPem();
    auto client = Client::create(config);
    ASSERT_TRUE(client);
    auto res = client->request("GET", "/who");
    ASSERT_TRUE(res) << res.status().message();
    EXPECT_EQ(res->body, "GET|/who||||alice|team-a|team-b");

    // A certificate from a foreign CA is refused during the handshake.
    TestPki other = TestPki::make();
    config.clientCertPem = other.client.cert.toPem();
    config.clientKeyPem = other.client.key.toPem();
    auto foreign = Client::create(config);
    ASSERT_TRUE(foreign);
    EXPECT_FALSE(foreign->request("GET", "/who"));
}

TEST_F(ServerTest, KeepAliveReusesOneConnection) {
    auto server = startServer(*s_pki, echoHandler());
    auto client = Client::create(clientConfig(*s_pki, server->port()));
    ASSERT_TRUE(client);
    for (int i = 0; i < 5; ++i) {
        auto res = client->request("GET", "/n?q=" + std::to_string(i));
        ASSERT_TRUE(res);
        EXPECT_EQ(res->body, "GET|/n|" + std::to_string(i) + "|||");
    }
    EXPECT_EQ(client->connectCount(), 1);
}

TEST_F(ServerTest, IdleTimeoutClosesAndClientReconnects) {
    ServerConfig config;
    config.idleTimeout = 100ms;
    auto server = startServer(*s_pki, echoHandler(), config);
    auto raw = rawConnect(*s_pki, server->port());
    ASSERT_TRUE(raw);
    raw->setTimeouts(10s, 10s);
    char buf[64];
    boost::system::error_code ec;
    raw->read_some(boost::asio::buffer(buf), ec);
    EXPECT_EQ(ec, boost::asio::error::eof) << ec.message(); // closed by the server, not timed out

    auto client = Client::create(clientConfig(*s_pki, server->port()));
    ASSERT_TRUE(client);
    ASSERT_TRUE(client->request("GET", "/a"));
    for (int i = 0; i < 400 && server->connectionCount() > 0; ++i)
        std::this_thread::sleep_for(25ms);
    ASSERT_EQ(server->connectionCount(), 0u);
    auto res = client->request("GET", "/b"); // the stale connection is replaced transparently
    ASSERT_TRUE(res) << res.status().message();
    EXPECT_EQ(client->connectCount(), 2);
}

TEST_F(ServerTest, OversizedContentLengthGets413BeforeBody) {
    std::atomic<bool> called{false};
    auto server = startServer(*s_pki, [&](const Request &, ResponseSink &sink) {
        called = true;
        sink.send({});
    });
    auto raw = rawConnect(*s_pki, server->port());
    ASSERT_TRUE(raw);
    // Only a few body bytes follow: the answer must come without waiting for the other 4 MiB.
    auto res = rawExchange(*raw, "PUT /api/v1/x HTTP/1.1\r\nHost: a\r\nContent-Length: 4194304\r\n"
                                 "Content-Type: application/json\r\n\r\n{\"a\"");
    EXPECT_EQ(res.result_int(), 413u);
    EXPECT_NE(res.body().find("\"reason\":\"RequestEntityTooLarge\""), std::string::npos);
    EXPECT_NE(res.body().find("\"kind\":\"Status\""), std::string::npos);
    EXPECT_FALSE(res.keep_alive());
    EXPECT_FALSE(called);
}

TEST_F(ServerTest, OversizedChunkedBodyGets413) {
    ServerConfig config;
    config.maxBodyBytes = 1024;
    std::atomic<bool> called{false};
    auto server = startServer(
        *s_pki,
        [&](const Request &, ResponseSink &sink) {
            called = true;
            sink.send({});
        },
        config);
    auto raw = rawConnect(*s_pki, server->port());
    ASSERT_TRUE(raw);
    std::string chunk(800, 'x');
    std::string wire = "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n320\r\n" +
                       chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n";
    auto res = rawExchange(*raw, wire);
    EXPECT_EQ(res.result_int(), 413u);
    EXPECT_FALSE(called);
}

TEST_F(ServerTest, BodyWithinLimitIsDelivered) {
    auto server = startServer(*s_pki, [](const Request &req, ResponseSink &sink) {
        sink.send({200, {}, std::to_string(req.body.size())});
    });
    auto client = Client::create(clientConfig(*s_pki, server->port()));
    ASSERT_TRUE(client);
    auto res = client->request("POST", "/big", std::string(2 * 1024 * 1024, 'b'));
    ASSERT_TRUE(res) << res.status().message();
    EXPECT_EQ(res->body, std::to_string(2 * 1024 * 1024));
}

TEST_F(ServerTest, MalformedRequestGets400) {
    auto server = startServer(*s_pki, echoHandler());
    auto raw = rawConnect(*s_pki, server->port());
    ASSERT_TRUE(raw);
    auto res = rawExchange(*raw, "GET /x HTTP/1.1\r\nThis is not a header\r\n\r\n");
    EXPECT_EQ(res.result_int(), 400u);
    EXPECT_NE(res.body().find("BadRequest"), std::string::npos);

    auto raw2 = rawConnect(*s_pki, server->port());
    ASSERT_TRUE(raw2);
    auto res2 = rawExchange(*raw2, "GET /bad%zz HTTP/1.1\r\nHost: a\r\n\r\n");
    EXPECT_EQ(res2.result_int(), 400u);
}

TEST_F(ServerTest, OversizedHeadersGet431) {
    ServerConfig config;
    config.maxHeaderBytes = 1024;
    auto server = startServer(*s_pki, echoHandler(), config);
    auto raw = rawConnect(*s_pki, server->port());
    ASSERT_TRUE(raw);
    auto res = rawExchange(*raw, "GET /x HTTP/1.1\r\nHost: a\r\nX-Big: " + std::string(4096, 'h') +
                                     "\r\n\r\n");
    EXPECT_EQ(res.result_int(), 431u);
}

TEST_F(ServerTest, HandlerWithoutAnswerGets500) {
    auto server = startServer(*s_pki, [](const Request &, ResponseSink &) {});
    auto client = Client::create(clientConfig(*s_pki, server->port()));
    ASSERT_TRUE(client);
    auto res = client->request("GET", "/x");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 500);
}

TEST_F(ServerTest, PortConflictIsAnError) {
    auto server = startServer(*s_pki, echoHandler());
    ServerConfig config;
    config.bindAddress = "127.0.0.1";
    config.port = server->port();
    config.sslContext =
        *tls::makeServerContext(s_pki->server.cert.toPem(), s_pki->server.key.toPem());
    config.handler = echoHandler();
    Server second(config);
    EXPECT_FALSE(second.start().isOk());
}

TEST(ClientUrl, ParsesServerUrls) {
    std::string host;
    uint16_t port = 0;
    ASSERT_TRUE(Client::parseServerUrl("https://127.0.0.1:6443", host, port).isOk());
    EXPECT_EQ(host, "127.0.0.1");
    EXPECT_EQ(port, 6443);
    ASSERT_TRUE(Client::parseServerUrl("https://[::1]:8443/", host, port).isOk());
    EXPECT_EQ(host, "::1");
    EXPECT_EQ(port, 8443);
    ASSERT_TRUE(Client::parseServerUrl("https://api.example", host, port).isOk());
    EXPECT_EQ(port, 443);
    EXPECT_FALSE(Client::parseServerUrl("http://x:1", host, port).isOk());
    EXPECT_FALSE(Client::parseServerUrl("https://x:99999", host, port).isOk());
}

TEST_F(ServerTest, ConnectionsBeyondTheLimitAreRefused) {
    ServerConfig config;
    config.maxConnections = 1;
    auto server = startServer(*s_pki, echoHandler(), config);
    auto first = Client::create(clientConfig(*s_pki, server->port()));
    auto second = Client::create(clientConfig(*s_pki, server->port()));
    ASSERT_TRUE(first && second);
    ASSERT_TRUE(first->request("GET", "/a")); // stays open (keep-alive)
    EXPECT_FALSE(second->request("GET", "/b"));
    first->disconnect();
    for (int i = 0; i < 400 && server->connectionCount() > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    auto res = second->request("GET", "/b");
    EXPECT_TRUE(res) << res.status().message();
}
