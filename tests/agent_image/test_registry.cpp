#include "test_registry.h"

#include <crypt.h>
#include <csignal>
#include <unistd.h>

namespace cox::testing {
namespace {

std::string bcryptLine(const std::string &user, const std::string &password) {
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$2b$", 5, nullptr, 0, salt, sizeof salt)) {
        return {};
    }
    crypt_data data{};
    const char *hash = crypt_r(password.c_str(), salt, &data);
    if (!hash || hash[0] == '*') {
        return {};
    }
    return user + ":" + hash + "\n";
}

} // namespace

bool TestRegistry::available() {
    return ::access(kBinary, X_OK) == 0;
}

TestRegistry::~TestRegistry() {
    if (m_process.pid() > 0) {
        m_process.stop(SIGKILL);
    }
    if (!m_dir.empty()) {
        removeTree(m_dir);
    }
}

std::string TestRegistry::start(const std::string &username, const std::string &password) {
    m_dir = makeTempDir("cox-registry");
    m_port = freeLoopbackPort();
    std::string auth;
    if (!username.empty()) {
        std::string line = bcryptLine(username, password);
        if (line.empty()) {
            return "libcrypt cannot make a bcrypt hash";
        }
        writeFile(m_dir + "/htpasswd", line);
        auth = "auth:\n  htpasswd:\n    realm: coxswain-test\n    path: " + m_dir + "/htpasswd\n";
    }
    return serve(auth);
}

std::string TestRegistry::restartWithTokenAuth(const std::string &realm, const std::string &service,
                                               const std::string &issuer,
                                               const std::string &rootCertPath) {
    m_process.stop(SIGKILL);
    return serve("auth:\n  token:\n    realm: " + realm + "\n    service: " + service +
                 "\n    issuer: " + issuer + "\n    rootcertbundle: " + rootCertPath + "\n");
}

std::string TestRegistry::serve(const std::string &authYaml) {
    std::string config = "version: 0.1\n"
                         "log:\n  level: warn\n  formatter: text\n"
                         "storage:\n  filesystem:\n    rootdirectory: " +
                         storageDir() +
                         "\n  cache:\n    blobdescriptor: \"\"\n"
                         "  delete:\n    enabled: true\n"
                         "http:\n  addr: " +
                         hostPort() + "\n" + authYaml;
    writeFile(m_dir + "/config.yml", config);
    if (!m_process.start({kBinary, "serve", m_dir + "/config.yml"}, {}, m_dir + "/registry.log")) {
        return "cannot start " + std::string(kBinary);
    }
    bool up = waitUntil(
        [&] {
            auto r =
                runCommand({"bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(m_port)},
                           {}, std::chrono::seconds(5));
            return r.exitCode == 0 || !m_process.running();
        },
        std::chrono::seconds(20));
    if (!up || !m_process.running()) {
        return "registry did not come up: " + readFile(m_dir + "/registry.log");
    }
    return {};
}

int TestRegistry::blobGets(const std::string &digest) const {
    std::string log = readFile(logPath());
    std::string needle = "\"GET /v2/";
    int count = 0;
    size_t pos = 0;
    while ((pos = log.find(needle, pos)) != std::string::npos) {
        size_t end = log.find('"', pos + 1);
        std::string request = log.substr(pos, end - pos);
        if (request.find("/blobs/" + digest) != std::string::npos) {
            ++count;
        }
        pos = end;
    }
    return count;
}

std::string TestRegistry::blobPath(const std::string &digest) const {
    std::string hex = digest.substr(7);
    return storageDir() + "/docker/registry/v2/blobs/sha256/" + hex.substr(0, 2) + "/" + hex +
           "/data";
}

} // namespace cox::testing
