#include "tls/pki.h"

#include "common/log.h"
#include "tls/crypto.h"

#include <openssl/x509v3.h>

#include <algorithm>
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <unistd.h>

namespace cox::tls {

namespace {

using namespace std::chrono_literals;
constexpr std::chrono::seconds kCaValidity = 10 * 365 * 24h;
constexpr std::chrono::seconds kServerValidity = 365 * 24h;
// Reissue the serving certificate well before it runs out.
constexpr std::chrono::seconds kRenewBefore = 30 * 24h;

// Canonical text of an IP address, or "" when `text` is not one.
std::string canonicalIp(const std::string &text) {
    unsigned char buf[16];
    char out[INET6_ADDRSTRLEN] = {};
    if (inet_pton(AF_INET, text.c_str(), buf) == 1)
        return inet_ntop(AF_INET, buf, out, sizeof out);
    if (inet_pton(AF_INET6, text.c_str(), buf) == 1)
        return inet_ntop(AF_INET6, buf, out, sizeof out);
    return {};
}

std::vector<std::string> interfaceAddresses() {
    std::vector<std::string> out;
    ifaddrs *list = nullptr;
    if (getifaddrs(&list) != 0)
        return out;
    for (ifaddrs *ifa = list; ifa; ifa = ifa->ifa_next) {
        if (!ifa->ifa_addr || !(ifa->ifa_flags & IFF_UP))
            continue;
        char text[INET6_ADDRSTRLEN] = {};
        if (ifa->ifa_addr->sa_family == AF_INET) {
            inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in *>(ifa->ifa_addr)->sin_addr, text,
                      sizeof text);
        } else if (ifa->ifa_addr->sa_family == AF_INET6) {
            auto *a6 = reinterpret_cast<sockaddr_in6 *>(ifa->ifa_addr);
            if (IN6_IS_ADDR_LINKLOCAL(&a6->sin6_addr))
                continue; // unusable without a scope id, and it changes across reboots
            inet_ntop(AF_INET6, &a6->sin6_addr, text, sizeof text);
        } else {
            continue;
        }
        out.emplace_back(text);
    }
    freeifaddrs(list);
    return out;
}

bool certHasAllSans(const Certificate &cert, const std::vector<std::string> &wanted) {
    auto dns = cert.dnsNames();
    auto ips = cert.ipAddresses();
    for (const auto &san : wanted) {
        std::string ip = canonicalIp(san);
        const auto &pool = ip.empty() ? dns : ips;
        if (std::find(pool.begin(), pool.end(), ip.empty() ? san : ip) == pool.end())
            return false;
    }
    return true;
}

Result<KeyedCertificate> loadPair(const std::string &certPath, const std::string &keyPath) {
    std::string certPem, keyPem;
    if (Status s = readFile(certPath, certPem); !s)
        return s;
    if (Status s = readFile(keyPath, keyPem); !s)
        return s;
    auto cert = Certificate::fromPem(certPem);
    if (!cert)
        return cert.status();
    auto key = PrivateKey::fromPem(keyPem);
    if (!key)
        return key.status();
    if (X509_check_private_key(cert->native(), key->native()) != 1)
        return Status(StatusCode::Invalid, certPath + " does not match " + keyPath);
    return KeyedCertificate{std::move(*cert), std::move(*key)};
}

Status savePair(const KeyedCertificate &pair, const std::string &certPath,
                const std::string &keyPath) {
    // Key first: a certificate on disk without its key would fail every later start.
    if (Status s = writeFileAtomic(keyPath, pair.key.toPem(), 0600); !s)
        return s;
    return writeFileAtomic(certPath, pair.cert.toPem(), 0644);
}

bool serverCertUsable(const KeyedCertificate &server, const KeyedCertificate &ca,
                      const std::vector<std::string> &sans) {
    if (!verifyCertificate(server.cert, ca.cert, X509_PURPOSE_SSL_SERVER).isOk())
        return false;
    if (server.cert.notAfter() < std::chrono::system_clock::now() + kRenewBefore)
        return false;
    return certHasAllSans(server.cert, sans);
}

} // namespace

std::vector<std::string> Pki::wantedSans(const std::vector<std::string> &listenAddresses,
                                         const std::vector<std::string> &extraSans) {
    std::vector<std::string> sans = {"127.0.0.1", "::1", "localhost"};
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0 && host[0])
        sans.emplace_back(host);
    for (const auto &addr : listenAddresses) {
        std::string ip = canonicalIp(addr);
        if (addr.empty() || ip == "0.0.0.0" || ip == "::") {
            for (auto &a : interfaceAddresses())
                sans.push_back(std::move(a));
            continue;
        }
        sans.push_back(ip.empty() ? addr : ip);
    }
    sans.insert(sans.end(), extraSans.begin(), extraSans.end());
    std::vector<std::string> unique;
    for (auto &s : sans) {
        if (std::find(unique.begin(), unique.end(), s) == unique.end())
            unique.push_back(std::move(s));
    }
    return unique;
}

Result<Pki> Pki::loadOrCreate(const std::string &dir,
                              const std::vector<std::string> &listenAddresses,
                              const std::vector<std::string> &extraSans) {
    Pki pki;
    pki.m_dir = dir;
    const std::string caCrt = dir + "/ca.crt", caKey = dir + "/ca.key";
    const std::string srvCrt = dir + "/server.crt", srvKey = dir + "/server.key";
    auto ca = loadPair(caCrt, caKey);
    if (!ca && ca.status().code() != StatusCode::NotFound)
        return ca.status(); // never silently replace a damaged CA: every node pins it
    if (!ca) {
        ca = createCa("coxswain-ca", kCaValidity);
        if (!ca)
            return ca.status();
        if (Status s = savePair(*ca, caCrt, caKey); !s)
            return s;
        COX_LOG(Info, "pki") << "created cluster CA in " << dir;
    }
    pki.m_ca = std::move(*ca);
    std::vector<std::string> sans = wantedSans(listenAddresses, extraSans);
    auto server = loadPair(srvCrt, srvKey);
    if (server && serverCertUsable(*server, pki.m_ca, sans)) {
        pki.m_server = std::move(*server);
        return pki;
    }
    // Keep SANs the old certificate had so clients using them keep working.
    if (server) {
        for (auto list : {server->cert.dnsNames(), server->cert.ipAddresses()})
            for (auto &s : list)
                if (std::find(sans.begin(), sans.end(), s) == sans.end())
                    sans.push_back(std::move(s));
    }
    auto issued =
        issueCertificate(pki.m_ca, "coxswain-apiserver", sans, Usage::Server, kServerValidity);
    if (!issued)
        return issued.status();
    if (Status s = savePair(*issued, srvCrt, srvKey); !s)
        return s;
    COX_LOG(Info, "pki") << "issued serving certificate with " << sans.size() << " names";
    pki.m_server = std::move(*issued);
    pki.m_serverReissued = true;
    return pki;
}

Result<KeyedCertificate> Pki::issueClientCertificate(const std::string &user,
                                                     const std::vector<std::string> &groups,
                                                     std::chrono::seconds validity) const {
    return issueCertificate(m_ca, user, {}, Usage::Client, validity, groups);
}

} // namespace cox::tls
