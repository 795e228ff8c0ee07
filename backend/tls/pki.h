// The control plane's on-disk PKI (DATA_DIR/pki): the cluster CA and the API server's serving
// certificate, created on first use and reissued (keeping the CA) when the listen addresses
// ask for subject alternative names the current serving certificate does not carry.
#pragma once

#include "common/result.h"
#include "tls/issuer.h"

#include <string>
#include <vector>

namespace cox::tls {

class Pki {
public:
    // Loads or creates ca.crt/ca.key and server.crt/server.key under `dir`. `listenAddresses`
    // are bind hosts ("0.0.0.0", "::", "192.168.1.5", "my.host"); `extraSans` are added as-is.
    static Result<Pki> loadOrCreate(const std::string &dir,
                                    const std::vector<std::string> &listenAddresses,
                                    const std::vector<std::string> &extraSans = {});

    // The SANs wanted for the given listen addresses: a wildcard address expands to every local
    // interface address, and loopback names (127.0.0.1, ::1, localhost, host name) are included.
    static std::vector<std::string> wantedSans(const std::vector<std::string> &listenAddresses,
                                               const std::vector<std::string> &extraSans = {});

    const KeyedCertificate &ca() const { return m_ca; }
    const KeyedCertificate &server() const { return m_server; }
    std::string caPem() const { return m_ca.cert.toPem(); }
    std::string caHash() const { return m_ca.cert.sha256Hex(); }
    const std::string &dir() const { return m_dir; }
    // True when loadOrCreate had to (re)issue the serving certificate.
    bool serverReissued() const { return m_serverReissued; }

    // A client certificate for `user` with `groups` as O= entries (kubeconfigs, node agents).
    Result<KeyedCertificate> issueClientCertificate(const std::string &user,
                                                    const std::vector<std::string> &groups,
                                                    std::chrono::seconds validity) const;

private:
    std::string m_dir;
    KeyedCertificate m_ca;
    KeyedCertificate m_server;
    bool m_serverReissued = false;
};

} // namespace cox::tls
