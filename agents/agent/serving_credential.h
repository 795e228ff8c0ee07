// The agent's serving certificate: what its HTTPS endpoint (logs, port 10250) presents to the API
// server, which verifies it against the cluster CA and the node's address. The agent asks for it
// with its own node credential (NodeCredentialRequest, spec.usage "serving", spec.addresses = the
// node's IPs and host name) and keeps it in DATA_DIR/serving.crt and serving.key (0600). A stored
// certificate is reused while it covers every current address and has more than kRenewBefore
// left; otherwise a new key and certificate replace it (rotation on the next start).
#pragma once

#include "api_client.h"
#include "common/result.h"
#include "node_join.h"

#include <chrono>
#include <string>
#include <vector>

namespace cox::agent {

inline constexpr std::chrono::hours kRenewBefore{24 * 90};

using ServingCredential = IssuedCertificate;

// Whether `certPem` names every one of `addresses` (IP or DNS SAN) and stays valid past
// now + kRenewBefore.
bool servingCertCovers(const std::string &certPem, const std::vector<std::string> &addresses,
                       std::chrono::system_clock::time_point now);

Result<ServingCredential> loadOrRequestServingCredential(ApiClient &api,
                                                         const std::string &nodeName,
                                                         const std::string &dataDir,
                                                         const std::vector<std::string> &addresses);

} // namespace cox::agent
