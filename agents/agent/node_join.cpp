#include "node_join.h"

#include "auth/join_token.h"
#include "common/log.h"
#include "tls/certificate.h"
#include "tls/crypto.h"
#include "tls/openssl_ptr.h"
#include "tls/private_key.h"

#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <filesystem>

namespace cox::agent {

namespace {

using SslCtxPtr = std::unique_ptr<SSL_CTX, tls::OpenSslDeleter<SSL_CTX_free>>;
using X509ReqPtr = std::unique_ptr<X509_REQ, tls::OpenSslDeleter<X509_REQ_free>>;

// The peer chain of a TLS handshake with host:port, unverified (DER of each certificate).
Result<std::vector<std::string>> presentedChain(const std::string &host, uint16_t port) {
    SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    if (!ctx)
        return Status(StatusCode::Internal, "TLS context: " + tls::lastOpenSslError());
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    const std::string address = host + ":" + std::to_string(port);
    tls::BioPtr bio(BIO_new_ssl_connect(ctx.get()));
    BIO_set_conn_hostname(bio.get(), address.c_str());
    if (BIO_do_connect(bio.get()) <= 0 || BIO_do_handshake(bio.get()) <= 0)
        return Status(StatusCode::Unavailable,
                      "cannot reach " + address + ": " + tls::lastOpenSslError());
    SSL *ssl = nullptr;
    BIO_get_ssl(bio.get(), &ssl);
    STACK_OF(X509) *chain = ssl ? SSL_get_peer_cert_chain(ssl) : nullptr;
    std::vector<std::string> out;
    for (int i = 0; chain && i < sk_X509_num(chain); ++i) {
        tls::X509Ptr copy(X509_dup(sk_X509_value(chain, i)));
        out.push_back(tls::Certificate(std::move(copy)).toDer());
    }
    return out;
}

std::string fileText(const std::string &path) {
    std::string text;
    return tls::readFile(path, text) ? text : std::string();
}

Status storeCredentials(const std::string &dataDir, const Credentials &c) {
    std::error_code ec;
    std::filesystem::create_directories(dataDir, ec);
    if (ec)
        return Status(StatusCode::Internal, "cannot create " + dataDir + ": " + ec.message());
    for (auto [name, text] : {std::pair{"/node.key", &c.keyPem}, std::pair{"/node.crt", &c.certPem},
                              std::pair{"/ca.crt", &c.caPem}}) {
        if (Status s = tls::writeFileAtomic(dataDir + name, *text, 0600); !s)
            return s;
    }
    return Status::ok();
}

} // namespace

Result<std::string> fetchPinnedCa(const std::string &host, uint16_t port,
                                  const std::string &expectedCaHash) {
    auto chain = presentedChain(host, port);
    if (!chain)
        return chain.status();
    for (const std::string &der : *chain) {
        auto cert = tls::Certificate::fromDer(der);
        if (cert && cert->isCa() && tls::constantTimeEquals(cert->sha256Hex(), expectedCaHash))
            return cert->toPem();
    }
    return Status(StatusCode::Forbidden,
                  "the server's CA does not match the join token's CA hash: refusing to join "
                  "(wrong cluster, or someone in between)");
}

Result<std::string> makeCsr(const std::string &keyPem, const std::string &commonName) {
    auto key = tls::PrivateKey::fromPem(keyPem);
    if (!key)
        return key.status();
    X509ReqPtr req(X509_REQ_new());
    X509_REQ_set_version(req.get(), 0);
    X509_NAME *name = X509_REQ_get_subject_name(req.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(commonName.c_str()), -1, -1,
                               0);
    if (X509_REQ_set_pubkey(req.get(), key->native()) != 1 ||
        X509_REQ_sign(req.get(), key->native(), EVP_sha256()) <= 0)
        return Status(StatusCode::Internal, "signing CSR: " + tls::lastOpenSslError());
    tls::BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509_REQ(bio.get(), req.get());
    char *data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(len));
}

Result<Credentials> joinCluster(const std::string &serverUrl, const std::string &joinToken,
                                const std::string &nodeName) {
    auto token = auth::parseJoinToken(joinToken);
    if (!token)
        return token.status();
    std::string host;
    uint16_t port = 0;
    if (Status s = http::Client::parseServerUrl(serverUrl, host, port); !s)
        return s;
    if (!host.empty() && host.front() == '[')
        host = host.substr(1, host.size() - 2);
    auto caPem = fetchPinnedCa(host.find(':') != std::string::npos ? "[" + host + "]" : host, port,
                               token->caHash);
    if (!caPem)
        return caPem.status();
    auto api = ApiClient::create(serverUrl, Credentials{*caPem, {}, {}, token->bearer()});
    if (!api)
        return api.status();
    auto issued = requestNodeCertificate(**api, nodeName, Json::object());
    if (!issued)
        return issued.status();
    COX_LOG(Info, "agent") << "joined the cluster at " << serverUrl << " as node " << nodeName;
    return Credentials{*caPem, issued->certPem, issued->keyPem, {}};
}

Result<IssuedCertificate> requestNodeCertificate(ApiClient &api, const std::string &nodeName,
                                                 const Json &extraSpec) {
    auto key = tls::PrivateKey::generateP256();
    if (!key)
        return key.status();
    auto csr = makeCsr(key->toPem(), "system:node:" + nodeName);
    if (!csr)
        return csr.status();
    Json spec = extraSpec;
    spec["nodeName"] = nodeName;
    spec["csr"] = *csr;
    Json request = {{"apiVersion", "coxswain.io/v1"},
                    {"kind", "NodeCredentialRequest"},
                    {"metadata", {{"name", nodeName}}},
                    {"spec", spec}};
    auto answer = api.post("/apis/coxswain.io/v1/nodecredentialrequests", request);
    if (!answer)
        return Status(answer.status().code(),
                      "node credential request refused: " + answer.status().message());
    std::string certPem = answer->value("/status/certificate"_json_pointer, "");
    if (certPem.empty())
        return Status(StatusCode::Internal, "node credential request: no certificate returned");
    return IssuedCertificate{certPem, key->toPem()};
}

Result<Credentials> loadOrJoin(const std::string &serverUrl, const std::string &joinToken,
                               const std::string &nodeName, const std::string &dataDir) {
    Credentials stored{fileText(dataDir + "/ca.crt"),
                       fileText(dataDir + "/node.crt"),
                       fileText(dataDir + "/node.key"),
                       {}};
    if (!stored.caPem.empty() && !stored.certPem.empty() && !stored.keyPem.empty()) {
        auto cert = tls::Certificate::fromPem(stored.certPem);
        if (cert && cert->commonName() == "system:node:" + nodeName &&
            cert->notAfter() > std::chrono::system_clock::now())
            return stored;
        COX_LOG(Warn, "agent") << "stored credential in " << dataDir << " is not valid for node "
                               << nodeName << ": joining again";
    }
    if (joinToken.empty())
        return Status(StatusCode::Unauthorized,
                      "no node credential in " + dataDir + " and no --token to join with");
    auto joined = joinCluster(serverUrl, joinToken, nodeName);
    if (!joined)
        return joined;
    if (Status s = storeCredentials(dataDir, *joined); !s)
        return s;
    return joined;
}

} // namespace cox::agent
