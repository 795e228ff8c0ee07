#include "tls/certificate.h"
#include "tls/crypto.h"
#include "tls/issuer.h"
#include "tls/ssl_context.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sys/stat.h>

using namespace cox;
using namespace cox::tls;
using namespace std::chrono_literals;

namespace {

bool contains(const std::vector<std::string> &v, const std::string &s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

} // namespace

TEST(Certificate, CaIsSelfSignedCa) {
    auto ca = createCa("test-ca", 24h);
    ASSERT_TRUE(ca) << ca.status().message();
    EXPECT_TRUE(ca->cert.isCa());
    EXPECT_EQ(ca->cert.commonName(), "test-ca");
    EXPECT_TRUE(verifyCertificate(ca->cert, ca->cert, X509_PURPOSE_ANY).isOk());
    EXPECT_GT(ca->cert.notAfter(), std::chrono::system_clock::now() + 23h);
}

TEST(Certificate, ServerCertCarriesSansAndChainsToCa) {
    auto ca = createCa("test-ca", 24h);
    ASSERT_TRUE(ca);
    auto leaf = issueCertificate(*ca, "apiserver", {"localhost", "127.0.0.1", "::1", "a.example"},
                                 Usage::Server, 1h);
    ASSERT_TRUE(leaf) << leaf.status().message();
    EXPECT_FALSE(leaf->cert.isCa());
    EXPECT_TRUE(contains(leaf->cert.dnsNames(), "localhost"));
    EXPECT_TRUE(contains(leaf->cert.dnsNames(), "a.example"));
    EXPECT_TRUE(contains(leaf->cert.ipAddresses(), "127.0.0.1"));
    EXPECT_TRUE(contains(leaf->cert.ipAddresses(), "::1"));
    EXPECT_FALSE(contains(leaf->cert.dnsNames(), "127.0.0.1"));
    EXPECT_TRUE(verifyCertificate(leaf->cert, ca->cert, X509_PURPOSE_SSL_SERVER).isOk());
    // A server certificate is not valid for client authentication.
    EXPECT_FALSE(verifyCertificate(leaf->cert, ca->cert, X509_PURPOSE_SSL_CLIENT).isOk());

    auto otherCa = createCa("other-ca", 24h);
    ASSERT_TRUE(otherCa);
    auto s = verifyCertificate(leaf->cert, otherCa->cert, X509_PURPOSE_SSL_SERVER);
    EXPECT_EQ(s.code(), StatusCode::Unauthorized);
}

TEST(Certificate, ClientCertCarriesGroups) {
    auto ca = createCa("test-ca", 24h);
    ASSERT_TRUE(ca);
    auto leaf =
        issueCertificate(*ca, "system:node:w1", {}, Usage::Client, 1h, {"system:nodes", "extra"});
    ASSERT_TRUE(leaf);
    EXPECT_EQ(leaf->cert.commonName(), "system:node:w1");
    EXPECT_EQ(leaf->cert.organizations(), (std::vector<std::string>{"system:nodes", "extra"}));
    EXPECT_TRUE(verifyCertificate(leaf->cert, ca->cert, X509_PURPOSE_SSL_CLIENT).isOk());
}

TEST(Certificate, PemRoundTripAndFingerprint) {
    auto ca = createCa("test-ca", 24h);
    ASSERT_TRUE(ca);
    std::string pem = ca->cert.toPem();
    auto parsed = Certificate::fromPem(pem);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->toDer(), ca->cert.toDer());
    std::string hash = sha256Hex(pem);
    EXPECT_EQ(hash.size(), 64u);
    EXPECT_EQ(hash, sha256Hex(ca->cert.toDer()));
    EXPECT_EQ(hash, ca->cert.sha256Hex());
    auto other = createCa("test-ca", 24h);
    ASSERT_TRUE(other);
    EXPECT_NE(hash, other->cert.sha256Hex());

    auto key = PrivateKey::fromPem(ca->key.toPem());
    ASSERT_TRUE(key);
    EXPECT_EQ(key->toPem(), ca->key.toPem());
    EXPECT_FALSE(Certificate::fromPem("not a certificate"));
    EXPECT_FALSE(
        PrivateKey::fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
}

TEST(Crypto, AtomicSecretFileIsPrivate) {
    auto dir = std::filesystem::temp_directory_path() / ("cox-tls-" + hexEncode(randomBytes(4)));
    std::string path = (dir / "sub" / "secret.key").string();
    ASSERT_TRUE(writeFileAtomic(path, "one", 0600).isOk());
    ASSERT_TRUE(writeFileAtomic(path, "two", 0600).isOk());
    std::string content;
    ASSERT_TRUE(readFile(path, content).isOk());
    EXPECT_EQ(content, "two");
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    // No temporary files are left behind.
    int files = 0;
    for ([[maybe_unused]] auto &e : std::filesystem::directory_iterator(dir / "sub"))
        ++files;
    EXPECT_EQ(files, 1);
    EXPECT_EQ(readFile((dir / "missing").string(), content).code(), StatusCode::NotFound);
    std::filesystem::remove_all(dir);
}

TEST(Crypto, HelpersBehave) {
    EXPECT_EQ(sha256HexOfData("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(base64Encode("hello"), "aGVsbG8=");
    EXPECT_EQ(base64UrlEncode("\xfb\xff"), "-_8");
    EXPECT_EQ(randomBytes(32).size(), 32u);
    EXPECT_NE(randomBytes(16), randomBytes(16));
    EXPECT_TRUE(constantTimeEquals("abc", "abc"));
    EXPECT_FALSE(constantTimeEquals("abc", "abd"));
    EXPECT_FALSE(constantTimeEquals("abc", "abcd"));
}

TEST(SslContext, RejectsMismatchedKey) {
    auto ca = createCa("test-ca", 24h);
    auto leaf = issueCertificate(*ca, "srv", {"127.0.0.1"}, Usage::Server, 1h);
    ASSERT_TRUE(ca && leaf);
    EXPECT_TRUE(makeServerContext(leaf->cert.toPem(), leaf->key.toPem()));
    EXPECT_FALSE(makeServerContext(leaf->cert.toPem(), ca->key.toPem()));
    EXPECT_TRUE(makeClientContext(ca->cert.toPem()));
    EXPECT_FALSE(makeClientContext("garbage"));
}
