#include "serving_credential.h"

#include "common/log.h"
#include "node_join.h"
#include "tls/certificate.h"
#include "tls/crypto.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace cox::agent {

namespace {

std::string readText(const std::string &path) {
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

bool contains(const std::vector<std::string> &list, const std::string &value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

Result<ServingCredential> request(ApiClient &api, const std::string &nodeName,
                                  const std::vector<std::string> &addresses) {
    auto issued =
        requestNodeCertificate(api, nodeName, {{"usage", "serving"}, {"addresses", addresses}});
    if (!issued)
        return Status(issued.status().code(), "serving certificate: " + issued.status().message());
    return issued;
}

} // namespace

bool servingCertCovers(const std::string &certPem, const std::vector<std::string> &addresses,
                       std::chrono::system_clock::time_point now) {
    auto cert = tls::Certificate::fromPem(certPem);
    if (!cert || cert->notAfter() < now + kRenewBefore)
        return false;
    const auto ips = cert->ipAddresses();
    const auto names = cert->dnsNames();
    return std::all_of(addresses.begin(), addresses.end(), [&](const std::string &a) {
        return contains(ips, a) || contains(names, a);
    });
}

Result<ServingCredential>
loadOrRequestServingCredential(ApiClient &api, const std::string &nodeName,
                               const std::string &dataDir,
                               const std::vector<std::string> &addresses) {
    ServingCredential stored{readText(dataDir + "/serving.crt"),
                             readText(dataDir + "/serving.key")};
    if (!stored.keyPem.empty() &&
        servingCertCovers(stored.certPem, addresses, std::chrono::system_clock::now()))
        return stored;
    auto fresh = request(api, nodeName, addresses);
    if (!fresh)
        return fresh;
    // Key first: a crash between the two writes leaves a pair that fails to load and is renewed.
    for (auto [name, text] :
         {std::pair{"/serving.key", &fresh->keyPem}, std::pair{"/serving.crt", &fresh->certPem}}) {
        if (Status s = tls::writeFileAtomic(dataDir + name, *text, 0600); !s)
            return s;
    }
    COX_LOG(Info, "agent") << "node " << nodeName << " has a new serving certificate";
    return fresh;
}

} // namespace cox::agent
