// Joining a cluster: turns a join token into the node's own credential.
//  1. Read the CA the server presents in its TLS handshake (verification off ONLY for this
//     read; nothing is sent but the ClientHello) and compare its SHA-256 (DER) with the hash in
//     the token. A mismatch stops the join before the secret leaves the machine.
//  2. Generate an EC P-256 key and a CSR, POST a NodeCredentialRequest with the bootstrap token
//     to the server now verified against the pinned CA.
//  3. Store DATA_DIR/node.key (0600), node.crt and ca.crt; later starts reuse them.
// Token, key and certificate text are never logged.
#pragma once

#include "api_client.h"
#include "common/result.h"

#include <string>

namespace cox::agent {

// The cluster CA certificate (PEM) the server at host:port presents in its chain, if its hash is
// `expectedCaHash`; Forbidden (refused) otherwise.
Result<std::string> fetchPinnedCa(const std::string &host, uint16_t port,
                                  const std::string &expectedCaHash);

// A PEM PKCS#10 request signed by `keyPem` (the subject is informational; the server ignores it).
Result<std::string> makeCsr(const std::string &keyPem, const std::string &commonName);

// A certificate the control plane issued for this node over a fresh P-256 key.
struct IssuedCertificate {
    std::string certPem;
    std::string keyPem;
};

// Sends a NodeCredentialRequest for `nodeName` (spec.usage/addresses from `extraSpec`) with a new
// key and CSR; the refusal's reason is in the error.
Result<IssuedCertificate> requestNodeCertificate(ApiClient &api, const std::string &nodeName,
                                                 const Json &extraSpec);

// Credentials from DATA_DIR if present, else a join with `joinToken` (empty token and no stored
// credential is an error saying so).
Result<Credentials> loadOrJoin(const std::string &serverUrl, const std::string &joinToken,
                               const std::string &nodeName, const std::string &dataDir);

// The join itself (steps 1-2 above) without touching the disk.
Result<Credentials> joinCluster(const std::string &serverUrl, const std::string &joinToken,
                                const std::string &nodeName);

} // namespace cox::agent
