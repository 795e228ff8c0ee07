// TestRegistry: Debian's docker-registry as a child process on a free loopback port with
// filesystem storage in a temp dir, optionally behind htpasswd basic auth (bcrypt line made
// with libcrypt, no apache2-utils needed). Killed and cleaned up on destruction.
#pragma once

#include "process.h"

#include <memory>
#include <string>

namespace cox::testing {

class TestRegistry {
public:
    static constexpr const char *kBinary = "/usr/bin/docker-registry";

    ~TestRegistry();
    // Empty username = no auth. Returns an error text, empty on success.
    std::string start(const std::string &username = {}, const std::string &password = {});

    // Restarts on the same port and storage behind bearer-token auth: tokens are JWTs whose
    // x5c chain ends in `rootCertPath`, issued by `realm` for `service`.
    std::string restartWithTokenAuth(const std::string &realm, const std::string &service,
                                     const std::string &issuer, const std::string &rootCertPath);

    std::string url() const { return "http://" + hostPort(); }
    std::string hostPort() const { return "127.0.0.1:" + std::to_string(m_port); }
    std::string storageDir() const { return m_dir + "/storage"; }
    // Path of a blob's data file in the registry's storage.
    std::string blobPath(const std::string &digest) const;
    // The registry's log, with one access-log line per request.
    std::string logPath() const { return m_dir + "/registry.log"; }
    // How many GET requests for `digest`'s blob the registry has served so far.
    int blobGets(const std::string &digest) const;

    static bool available();

private:
    std::string serve(const std::string &authYaml);

    std::string m_dir;
    int m_port = 0;
    ChildProcess m_process;
};

} // namespace cox::testing
