// Bearer-token auth against a real docker-registry configured with `auth: token`: a small
// token service (loopback, in this test) signs ES256 JWTs with a self-signed certificate the
// registry trusts, granting pull only to alice. Proves the agent follows the WWW-Authenticate
// challenge (realm, service, scope) with basic credentials and retries with the token.
#include "image/image_service.h"
#include "image/registry_auth.h"

#include "loopback_server.h"
#include "process.h"
#include "test_image.h"

#include <boost/beast/http.hpp>
#include <ctime>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace bhttp = boost::beast::http;
using namespace cox::image;
using nlohmann::json;

namespace {

std::string base64Url(std::string_view data) {
    std::string s = base64Encode(data);
    for (auto &c : s) {
        c = c == '+' ? '-' : c == '/' ? '_' : c;
    }
    while (!s.empty() && s.back() == '=') {
        s.pop_back();
    }
    return s;
}

// Signs JWTs the way docker/distribution's token auth verifies them (ES256, x5c chain).
class TokenSigner {
public:
    bool load(const std::string &keyPem, const std::string &certPem) {
        BIO *kb = BIO_new_mem_buf(keyPem.data(), static_cast<int>(keyPem.size()));
        m_key = PEM_read_bio_PrivateKey(kb, nullptr, nullptr, nullptr);
        BIO_free(kb);
        BIO *cb = BIO_new_mem_buf(certPem.data(), static_cast<int>(certPem.size()));
        X509 *cert = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr);
        BIO_free(cb);
        if (!m_key || !cert) {
            return false;
        }
        unsigned char *der = nullptr;
        int len = i2d_X509(cert, &der);
        m_certDer.assign(reinterpret_cast<char *>(der), static_cast<size_t>(len));
        OPENSSL_free(der);
        X509_free(cert);
        return true;
    }
    ~TokenSigner() { EVP_PKEY_free(m_key); }

    std::string sign(const json &claims) const {
        json header = {{"typ", "JWT"}, {"alg", "ES256"}, {"x5c", {base64Encode(m_certDer)}}};
        std::string input = base64Url(header.dump()) + "." + base64Url(claims.dump());
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        size_t len = 0;
        EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, m_key);
        EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char *>(input.data()),
                       input.size());
        std::string der(len, '\0');
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(der.data()), &len,
                       reinterpret_cast<const unsigned char *>(input.data()), input.size());
        EVP_MD_CTX_free(ctx);
        // JWS wants r||s, OpenSSL gives DER.
        const auto *p = reinterpret_cast<const unsigned char *>(der.data());
        ECDSA_SIG *sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len));
        std::string raw(64, '\0');
        BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char *>(raw.data()), 32);
        BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char *>(raw.data()) + 32, 32);
        ECDSA_SIG_free(sig);
        return input + "." + base64Url(raw);
    }

private:
    EVP_PKEY *m_key = nullptr;
    std::string m_certDer;
};

// A token endpoint: alice:pw gets pull on private/app, anyone else an empty grant (the
// registry then refuses, as Docker Hub does for private repositories).
cox::testing::LoopbackHttpServer::Response
issueToken(const TokenSigner &signer, const cox::testing::LoopbackHttpServer::Request &req) {
    std::string authz(req[bhttp::field::authorization]);
    bool alice = authz == "Basic " + base64Encode("alice:pw");
    json access = json::array();
    if (alice) {
        access.push_back({{"type", "repository"}, {"name", "private/app"}, {"actions", {"pull"}}});
    }
    auto now = static_cast<int64_t>(std::time(nullptr));
    json claims = {{"iss", "cox-test-issuer"},
                   {"sub", alice ? "alice" : ""},
                   {"aud", "cox-registry"},
                   {"exp", now + 300},
                   {"nbf", now - 10},
                   {"iat", now},
                   {"jti", std::to_string(now) + "-" + std::to_string(req.target().size())},
                   {"access", access}};
    cox::testing::LoopbackHttpServer::Response res{bhttp::status::ok, 11};
    res.set(bhttp::field::content_type, "application/json");
    res.body() = json{{"token", signer.sign(claims)}}.dump();
    return res;
}

TEST(BearerAuth, FollowsTheChallengeToTheTokenServiceAndRetries) {
    if (!cox::testing::TestRegistry::available() || ::access("/usr/bin/openssl", X_OK) != 0) {
        GTEST_SKIP() << "needs docker-registry and openssl";
    }
    std::string dir = cox::testing::makeTempDir("cox-bearer");
    auto made = cox::testing::runCommand({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                          "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                                          dir + "/key.pem", "-out", dir + "/cert.pem", "-days", "1",
                                          "-subj", "/CN=cox-token-issuer"});
    ASSERT_EQ(made.exitCode, 0) << made.err;
    TokenSigner signer;
    ASSERT_TRUE(signer.load(cox::testing::readFile(dir + "/key.pem"),
                            cox::testing::readFile(dir + "/cert.pem")));
    cox::testing::LoopbackHttpServer tokens(
        [&signer](const auto &req) { return issueToken(signer, req); });

    cox::testing::TestRegistry registry;
    ASSERT_EQ(registry.start(), "");
    auto image = cox::testing::TestImageBuilder()
                     .layer(cox::testing::TarWriter().file("secret.txt", "bearer").finish())
                     .build();
    ASSERT_EQ(cox::testing::pushImage(registry.url(), "private/app", "1", image), "");
    std::string realm = "http://127.0.0.1:" + std::to_string(tokens.port()) + "/token";
    ASSERT_EQ(
        registry.restartWithTokenAuth(realm, "cox-registry", "cox-test-issuer", dir + "/cert.pem"),
        "");

    ImageServiceConfig config;
    config.root = dir + "/store";
    auto service = ImageService::create(config);
    ASSERT_TRUE(service) << service.status().message();
    std::string ref = registry.hostPort() + "/private/app:1";

    auto anonymous = (*service)->pull(ref, std::nullopt);
    ASSERT_FALSE(anonymous);
    EXPECT_EQ(anonymous.status().code(), cox::StatusCode::Unauthorized);
    EXPECT_TRUE(anonymous.status().message().starts_with("unauthorized: "))
        << anonymous.status().message();

    auto pulled = (*service)->pull(ref, RegistryAuth{"alice", "pw", ""});
    ASSERT_TRUE(pulled) << pulled.status().message();
    EXPECT_EQ(pulled->imageId, image.config.digest);
    auto asked = tokens.requests();
    ASSERT_FALSE(asked.empty());
    std::string target(asked.back().target());
    EXPECT_NE(target.find("service=cox-registry"), std::string::npos) << target;
    EXPECT_NE(target.find("scope=repository%3Aprivate%2Fapp%3Apull"), std::string::npos) << target;
    service->reset();
    cox::testing::removeTree(dir);
}

} // namespace
