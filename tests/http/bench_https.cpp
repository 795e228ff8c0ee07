// bench_https: loopback figures for the HTTPS transport (plain main, prints one line per
// figure): keep-alive request rate, fresh-connection (TLS handshake) rate, and the rate of
// watch-style chunks delivered through a stream.
#include "http/client.h"
#include "http/server.h"
#include "tls/issuer.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace cox;
using namespace std::chrono_literals;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv) {
    int requests = argc > 1 ? std::atoi(argv[1]) : 5000;
    auto ca = tls::createCa("bench-ca", 24h);
    auto leaf = tls::issueCertificate(*ca, "bench", {"127.0.0.1"}, tls::Usage::Server, 1h);
    http::ServerConfig config;
    config.sslContext = *tls::makeServerContext(leaf->cert.toPem(), leaf->key.toPem());
    const std::string event(300, 'e'); // about the size of a small watch event
    config.handler = [&](const http::Request &req, http::ResponseSink &sink) {
        if (req.path != "/watch") {
            sink.send({200, {{"Content-Type", "application/json"}}, "{\"kind\":\"Status\"}"});
            return;
        }
        sink.beginStream(200, {});
        for (int i = 0; i < requests && sink.writeChunk(event + "\n"); ++i) {
        }
        sink.endStream();
    };
    http::Server server(config);
    if (!server.start().isOk())
        return 1;
    http::ClientConfig cc;
    cc.port = server.port();
    cc.caPem = ca->cert.toPem();
    auto client = http::Client::create(cc);

    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < requests; ++i) {
        if (!client->request("GET", "/version"))
            return 2;
    }
    double t = secondsSince(start);
    std::printf("keep-alive GET: %d requests in %.3f s = %.0f req/s (%d connection)\n", requests, t,
                requests / t, client->connectCount());

    int fresh = std::max(1, requests / 20);
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < fresh; ++i) {
        client->disconnect();
        if (!client->request("GET", "/version"))
            return 3;
    }
    t = secondsSince(start);
    std::printf("new connection + GET: %d in %.3f s = %.0f handshakes/s\n", fresh, t, fresh / t);

    auto stream = client->stream("GET", "/watch");
    if (!stream)
        return 4;
    start = std::chrono::steady_clock::now();
    int lines = 0;
    for (int i = 0; i <= requests; ++i) {
        auto line = (*stream)->nextLine(10s);
        if (!line || !*line)
            break;
        ++lines;
    }
    t = secondsSince(start);
    std::printf("stream: %d chunks of %zu bytes in %.3f s = %.0f events/s\n", lines,
                event.size() + 1, t, lines / t);
    server.stop();
    return lines == requests ? 0 : 5;
}
