// Node credentials: the handler behind the virtual resource nodecredentialrequests.coxswain.io/v1.
// A joining node (bootstrap token, group system:bootstrappers) sends its node name and a PKCS#10
// CSR; it gets back a client certificate CN=system:node:<name>, O=system:nodes signed by the
// cluster CA, which the authenticator maps to the node's identity. The CSR's own subject is
// ignored: the name a node asks for is the only thing it chooses. No key or certificate material
// is ever logged.
#pragma once

#include "apiserver/resource_service.h"
#include "auth/user.h"
#include "common/clock.h"
#include "common/result.h"
#include "http/request.h"
#include "model/json.h"
#include "tls/issuer.h"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace cox::controlplane {

inline constexpr std::chrono::seconds kNodeCredentialValidity{365 * 24 * 3600};

// Verifies the CSR's self-signature and issues a certificate for `nodeName` over the CSR's public
// key: a client certificate, or with `servingAddresses` a serving certificate (serverAuth, those
// addresses as IP/DNS SANs) for the agent's HTTPS endpoint. Returns the certificate PEM.
Result<std::string> signNodeCsr(const tls::KeyedCertificate &ca, const std::string &csrPem,
                                const std::string &nodeName, std::chrono::seconds validity,
                                const std::vector<std::string> &servingAddresses = {});

// The create handler: checks the caller (system:bootstrappers or system:masters for any node, a
// node for itself), the node name (DNS-1123 subdomain), spec.usage ("client", the default, or
// "serving" with spec.addresses) and the CSR, and answers with status.certificate/ca/
// expirationTime.
// Shaped like ResourceService's create handlers for virtual resources.
using NodeCredentialHandler =
    std::function<Result<model::Json>(model::Json request, const auth::UserInfo &caller)>;
NodeCredentialHandler makeNodeCredentialHandler(tls::KeyedCertificate ca, Clock &clock);

// Serves the handler as the create of nodecredentialrequests.coxswain.io/v1 (a virtual
// resource: authenticated, authorized and decoded like every request, nothing stored).
void registerNodeCredentials(apiserver::ResourceService &api, NodeCredentialHandler handler);

} // namespace cox::controlplane
