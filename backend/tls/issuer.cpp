#include "tls/issuer.h"

#include "tls/crypto.h"

#include <arpa/inet.h>

namespace cox::tls {

namespace {

// Backdating absorbs small clock skew between the control plane and the nodes.
constexpr long kBackdateSeconds = 5 * 60;

Status addExtension(X509 *cert, X509 *issuer, int nid, const std::string &value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
        return Status(StatusCode::Internal, "add extension " + value + ": " + lastOpenSslError());
    return Status::ok();
}

std::string sanList(const std::vector<std::string> &sans) {
    std::string out;
    for (const auto &san : sans) {
        unsigned char buf[16];
        bool isIp =
            inet_pton(AF_INET, san.c_str(), buf) == 1 || inet_pton(AF_INET6, san.c_str(), buf) == 1;
        if (!out.empty())
            out += ",";
        out += (isIp ? "IP:" : "DNS:") + san;
    }
    return out;
}

// Builds an unsigned certificate with a random serial, subject and validity window.
Result<X509Ptr> newCertificate(const PrivateKey &subjectKey, const std::string &commonName,
                               const std::vector<std::string> &organizations,
                               std::chrono::seconds validity) {
    X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    std::string serial = randomBytes(16);
    serial[0] = static_cast<char>(serial[0] & 0x7f); // keep the serial positive
    BignumPtr bn(BN_bin2bn(reinterpret_cast<const unsigned char *>(serial.data()), 16, nullptr));
    BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kBackdateSeconds);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(validity.count()));
    X509_set_pubkey(cert.get(), subjectKey.native());
    X509_NAME *name = X509_get_subject_name(cert.get());
    for (const auto &org : organizations)
        X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(org.c_str()), -1, -1, 0);
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(commonName.c_str()), -1,
                                   -1, 0) != 1)
        return Status(StatusCode::Invalid, "bad common name: " + lastOpenSslError());
    return cert;
}

Status sign(X509 *cert, const PrivateKey &key) {
    if (X509_sign(cert, key.native(), EVP_sha256()) <= 0)
        return Status(StatusCode::Internal, "sign certificate: " + lastOpenSslError());
    return Status::ok();
}

} // namespace

Result<KeyedCertificate> createCa(const std::string &commonName, std::chrono::seconds validity) {
    auto key = PrivateKey::generateP256();
    if (!key)
        return key.status();
    auto cert = newCertificate(*key, commonName, {}, validity);
    if (!cert)
        return cert.status();
    X509 *x = cert->get();
    X509_set_issuer_name(x, X509_get_subject_name(x));
    for (auto [nid, value] :
         {std::pair{NID_basic_constraints, "critical,CA:TRUE"},
          std::pair{NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature"},
          std::pair{NID_subject_key_identifier, "hash"}}) {
        if (Status s = addExtension(x, x, nid, value); !s)
            return s;
    }
    if (Status s = sign(x, *key); !s)
        return s;
    return KeyedCertificate{Certificate(std::move(*cert)), std::move(*key)};
}

Result<KeyedCertificate> issueCertificate(const KeyedCertificate &ca, const std::string &commonName,
                                          const std::vector<std::string> &sans, Usage usage,
                                          std::chrono::seconds validity,
                                          const std::vector<std::string> &organizations) {
    auto key = PrivateKey::generateP256();
    if (!key)
        return key.status();
    auto cert = newCertificate(*key, commonName, organizations, validity);
    if (!cert)
        return cert.status();
    X509 *x = cert->get();
    X509_set_issuer_name(x, X509_get_subject_name(ca.cert.native()));
    const char *eku = usage == Usage::Server   ? "serverAuth"
                      : usage == Usage::Client ? "clientAuth"
                                               : "serverAuth,clientAuth";
    std::vector<std::pair<int, std::string>> exts = {
        {NID_basic_constraints, "critical,CA:FALSE"},
        {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
        {NID_ext_key_usage, eku},
        {NID_authority_key_identifier, "keyid:always"}};
    if (!sans.empty())
        exts.emplace_back(NID_subject_alt_name, sanList(sans));
    for (const auto &[nid, value] : exts) {
        if (Status s = addExtension(x, ca.cert.native(), nid, value); !s)
            return s;
    }
    if (Status s = sign(x, ca.key); !s)
        return s;
    return KeyedCertificate{Certificate(std::move(*cert)), std::move(*key)};
}

} // namespace cox::tls
