#include "controlplane/node_credentials.h"

#include "auth/authorizer.h"
#include "auth/user.h"
#include "common/log.h"
#include "model/resource_type.h"
#include "model/validation.h"
#include "tls/crypto.h"
#include "tls/openssl_ptr.h"

#include <arpa/inet.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace cox::controlplane {

using model::Json;

namespace {

using X509ReqPtr = std::unique_ptr<X509_REQ, tls::OpenSslDeleter<X509_REQ_free>>;

constexpr long kBackdateSeconds = 5 * 60; // absorbs clock skew between node and control plane

Result<X509ReqPtr> parseCsr(const std::string &pem) {
    tls::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    X509ReqPtr req(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
    if (!req)
        return Status(StatusCode::Invalid, "spec.csr: not a PEM certificate request");
    EVP_PKEY *key = X509_REQ_get0_pubkey(req.get());
    if (!key)
        return Status(StatusCode::Invalid, "spec.csr: the request carries no public key");
    // A valid self-signature proves the requester holds the private key.
    if (X509_REQ_verify(req.get(), key) != 1) {
        tls::lastOpenSslError();
        return Status(StatusCode::Invalid, "spec.csr: signature does not verify");
    }
    return req;
}

Status addExtension(X509 *cert, X509 *issuer, int nid, const char *value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    tls::X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
        return Status(StatusCode::Internal, "certificate extension: " + tls::lastOpenSslError());
    return Status::ok();
}

void addName(X509_NAME *name, const char *field, const std::string &value) {
    X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(value.c_str()), -1, -1, 0);
}

// Bootstrappers and masters may ask for any node; a node only for itself (its serving
// certificate, and renewals).
Status checkCaller(const auth::UserInfo &user, const std::string &nodeName) {
    if (user.inGroup(auth::kGroupBootstrappers) || user.inGroup(auth::kGroupMasters))
        return Status::ok();
    if (!user.nodeName().empty() && user.nodeName() == nodeName)
        return Status::ok();
    return Status(StatusCode::Forbidden, "nodecredentialrequests is forbidden: User \"" +
                                             user.name +
                                             "\" is not a bootstrapper (use a join token)");
}

// "IP:10.0.0.5,DNS:node-a": a literal address is an IP SAN, anything else a DNS name. Names
// are checked so nothing can smuggle another extension option through the config string.
std::string subjectAltNames(const std::vector<std::string> &addresses) {
    std::string out;
    for (const auto &a : addresses) {
        unsigned char buf[16];
        const bool ip =
            inet_pton(AF_INET, a.c_str(), buf) == 1 || inet_pton(AF_INET6, a.c_str(), buf) == 1;
        out += (out.empty() ? "" : ",") + std::string(ip ? "IP:" : "DNS:") + a;
    }
    return out;
}

Result<std::vector<std::string>> servingAddresses(const Json &object) {
    std::vector<std::string> out;
    auto spec = object.find("spec");
    if (spec == object.end() || !spec->is_object() || spec->value("usage", "client") == "client")
        return out;
    if (spec->value("usage", "") != "serving")
        return Status(StatusCode::Invalid, "spec.usage: must be \"client\" or \"serving\"");
    auto list = spec->find("addresses");
    if (list == spec->end() || !list->is_array() || list->empty())
        return Status(StatusCode::Invalid, "spec.addresses: a serving certificate needs at least "
                                           "one address (the node's IPs or DNS names)");
    for (const auto &a : *list) {
        unsigned char buf[16];
        const std::string text = a.is_string() ? a.get<std::string>() : std::string();
        if (inet_pton(AF_INET, text.c_str(), buf) != 1 &&
            inet_pton(AF_INET6, text.c_str(), buf) != 1 && !model::isDns1123Subdomain(text))
            return Status(StatusCode::Invalid,
                          "spec.addresses: \"" + text + "\" is neither an IP nor a DNS name");
        out.push_back(text);
    }
    return out;
}

std::string specString(const Json &object, const char *field) {
    auto spec = object.find("spec");
    if (spec == object.end() || !spec->is_object())
        return {};
    auto it = spec->find(field);
    return it != spec->end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

Result<std::string> signNodeCsr(const tls::KeyedCertificate &ca, const std::string &csrPem,
                                const std::string &nodeName, std::chrono::seconds validity,
                                const std::vector<std::string> &servingAddresses) {
    auto req = parseCsr(csrPem);
    if (!req)
        return req.status();
    tls::X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    std::string serial = tls::randomBytes(16);
    serial[0] = static_cast<char>(serial[0] & 0x7f); // positive serial
    tls::BignumPtr bn(
        BN_bin2bn(reinterpret_cast<const unsigned char *>(serial.data()), 16, nullptr));
    BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kBackdateSeconds);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(validity.count()));
    X509_set_pubkey(cert.get(), X509_REQ_get0_pubkey(req->get()));
    X509_NAME *subject = X509_get_subject_name(cert.get());
    addName(subject, "O", auth::kGroupNodes);
    addName(subject, "CN", auth::kNodeUserPrefix + nodeName);
    X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.cert.native()));
    const bool serving = !servingAddresses.empty();
    const std::string san = subjectAltNames(servingAddresses);
    for (auto [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:FALSE"},
                              std::pair{NID_key_usage, "critical,digitalSignature"},
                              std::pair{NID_ext_key_usage, serving ? "serverAuth" : "clientAuth"},
                              std::pair{NID_subject_key_identifier, "hash"},
                              std::pair{NID_authority_key_identifier, "keyid:always"},
                              std::pair{NID_subject_alt_name, serving ? san.c_str() : nullptr}}) {
        if (!value)
            continue;
        if (Status s = addExtension(cert.get(), ca.cert.native(), nid, value); !s)
            return s;
    }
    if (X509_sign(cert.get(), ca.key.native(), EVP_sha256()) <= 0)
        return Status(StatusCode::Internal, "signing node certificate: " + tls::lastOpenSslError());
    return tls::Certificate(std::move(cert)).toPem();
}

NodeCredentialHandler makeNodeCredentialHandler(tls::KeyedCertificate ca, Clock &clock) {
    return [ca = std::move(ca), &clock](Json object, const auth::UserInfo &caller) -> Result<Json> {
        const std::string nodeName = specString(object, "nodeName");
        if (Status s = checkCaller(caller, nodeName); !s)
            return s;
        if (nodeName.empty() || !model::isDns1123Subdomain(nodeName))
            return Status(StatusCode::Invalid,
                          "spec.nodeName: must be a DNS-1123 subdomain, got \"" + nodeName + "\"");
        auto addresses = servingAddresses(object);
        if (!addresses)
            return addresses.status();
        auto pem = signNodeCsr(ca, specString(object, "csr"), nodeName, kNodeCredentialValidity,
                               *addresses);
        if (!pem)
            return pem.status();
        auto cert = tls::Certificate::fromPem(*pem);
        if (!cert)
            return cert.status();
        object["apiVersion"] = "coxswain.io/v1";
        object["kind"] = "NodeCredentialRequest";
        if (!object.contains("metadata") || !object["metadata"].is_object())
            object["metadata"] = Json::object();
        object["metadata"]["creationTimestamp"] = formatRfc3339(clock.now());
        object["status"] = {{"certificate", *pem},
                            {"ca", ca.cert.toPem()},
                            {"expirationTime", formatRfc3339(cert->notAfter())}};
        COX_LOG(Info, "controlplane")
            << "issued node " << (addresses->empty() ? "client" : "serving") << " certificate for "
            << nodeName << " to " << caller.name;
        return object;
    };
}

void registerNodeCredentials(apiserver::ResourceService &api, NodeCredentialHandler handler) {
    api.setCreateHandler(*model::findResource("coxswain.io", "v1", "nodecredentialrequests"),
                         [handler = std::move(handler)](const std::string &, Json object,
                                                        const apiserver::CallContext &ctx) {
                             return handler(std::move(object), ctx.user);
                         });
}

} // namespace cox::controlplane
