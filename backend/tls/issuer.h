// Creating a cluster CA and issuing leaf certificates from it (EC P-256, SHA-256 signatures).
#pragma once

#include "common/result.h"
#include "tls/certificate.h"
#include "tls/private_key.h"

#include <chrono>
#include <string>
#include <vector>

namespace cox::tls {

// A certificate together with its private key.
struct KeyedCertificate {
    Certificate cert;
    PrivateKey key;
};

enum class Usage { Server, Client, ServerAndClient };

// A self-signed CA: basicConstraints CA:TRUE (critical), keyUsage keyCertSign + cRLSign.
Result<KeyedCertificate> createCa(const std::string &commonName, std::chrono::seconds validity);

// A leaf signed by `ca`. Each entry of `sans` becomes an IP SAN when it parses as an IPv4/IPv6
// address, else a DNS SAN. `organizations` become subject O= entries (Kubernetes groups).
Result<KeyedCertificate> issueCertificate(const KeyedCertificate &ca, const std::string &commonName,
                                          const std::vector<std::string> &sans, Usage usage,
                                          std::chrono::seconds validity,
                                          const std::vector<std::string> &organizations = {});

} // namespace cox::tls
