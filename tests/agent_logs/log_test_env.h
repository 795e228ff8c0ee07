// Shared by the LogServer and proxy tests: a cluster CA, a node serving certificate for
// 127.0.0.1, client certificates, a CRI log file, and a LogServer on loopback serving it.
#pragma once

#include "logs/log_server.h"
#include "process.h"
#include "tls/issuer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <memory>

namespace cox::agent::logs::testing {

inline std::string criLine(int n, const std::string &text) {
    char ts[64];
    std::snprintf(ts, sizeof ts, "2026-11-28T10:00:%02d.000000001Z", n % 60);
    return std::string(ts) + " stdout F " + text + "\n";
}

inline void appendFile(const std::string &path, const std::string &text) {
    std::ofstream out(path, std::ios::app);
    out << text;
}

class LogNodeEnv {
public:
    LogNodeEnv() {
        using namespace std::chrono_literals;
        ca = *tls::createCa("logs-test-ca", 24h);
        serving = *tls::issueCertificate(ca, "node-1", {"127.0.0.1"}, tls::Usage::Server, 1h);
        apiServer = *tls::issueCertificate(ca, "system:kube-apiserver", {}, tls::Usage::Client, 1h,
                                           {"system:masters"});
        dir = cox::testing::makeTempDir("cox-logserver");
        logPath = dir + "/0.log";
        appendFile(logPath, criLine(1, "alpha") + criLine(2, "beta") + criLine(3, "gamma"));
        LogServerConfig config;
        config.bindAddress = "127.0.0.1";
        config.port = 0;
        config.servingCertPem = serving.cert.toPem();
        config.servingKeyPem = serving.key.toPem();
        config.clientCaPem = ca.cert.toPem();
        config.resolve = [this](const LogTarget &t) -> Result<LogSource> {
            if (t.namespaceName == "default" && t.pod == "x" && t.container == "app" && !t.previous)
                return LogSource{logPath, [this] {
                                     return containerExited.load();
                                 }};
            return Status(StatusCode::NotFound, "no container " + t.container);
        };
        server = std::make_unique<LogServer>(std::move(config));
        Status s = server->start();
        EXPECT_TRUE(s.isOk()) << s.message();
    }
    ~LogNodeEnv() {
        server->stop();
        cox::testing::removeTree(dir);
    }

    tls::KeyedCertificate ca;
    tls::KeyedCertificate serving;
    tls::KeyedCertificate apiServer;
    std::string dir;
    std::string logPath;
    std::atomic<bool> containerExited{false};
    std::unique_ptr<LogServer> server;
};

} // namespace cox::agent::logs::testing
