#include "tls/crypto.h"
#include "tls/pki.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sys/stat.h>

using namespace cox;
using namespace cox::tls;

namespace {

class PkiTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = (std::filesystem::temp_directory_path() / ("cox-pki-" + hexEncode(randomBytes(4))))
                    .string();
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::string m_dir;
};

bool contains(const std::vector<std::string> &v, const std::string &s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

mode_t modeOf(const std::string &path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
}

} // namespace

TEST_F(PkiTest, CreatesOnFirstUseAndReloads) {
    auto first = Pki::loadOrCreate(m_dir, {"127.0.0.1"});
    ASSERT_TRUE(first) << first.status().message();
    EXPECT_TRUE(first->serverReissued());
    EXPECT_EQ(modeOf(m_dir + "/ca.key"), 0600u);
    EXPECT_EQ(modeOf(m_dir + "/server.key"), 0600u);
    EXPECT_TRUE(contains(first->server().cert.ipAddresses(), "127.0.0.1"));
    EXPECT_TRUE(contains(first->server().cert.dnsNames(), "localhost"));

    auto second = Pki::loadOrCreate(m_dir, {"127.0.0.1"});
    ASSERT_TRUE(second);
    EXPECT_FALSE(second->serverReissued());
    EXPECT_EQ(second->caHash(), first->caHash());
    EXPECT_EQ(second->server().cert.toDer(), first->server().cert.toDer());
}

TEST_F(PkiTest, ReissuesServingCertForNewAddressKeepingCa) {
    auto first = Pki::loadOrCreate(m_dir, {"127.0.0.1"});
    ASSERT_TRUE(first);
    auto second = Pki::loadOrCreate(m_dir, {"127.0.0.1"}, {"api.example.test", "10.43.0.1"});
    ASSERT_TRUE(second) << second.status().message();
    EXPECT_TRUE(second->serverReissued());
    EXPECT_EQ(second->caHash(), first->caHash());
    EXPECT_TRUE(contains(second->server().cert.dnsNames(), "api.example.test"));
    EXPECT_TRUE(contains(second->server().cert.ipAddresses(), "10.43.0.1"));
    EXPECT_TRUE(contains(second->server().cert.ipAddresses(), "127.0.0.1"));
    EXPECT_TRUE(verifyCertificate(second->server().cert, second->ca().cert, X509_PURPOSE_SSL_SERVER)
                    .isOk());
}

TEST_F(PkiTest, WildcardAddressCoversLoopbackNames) {
    auto sans = Pki::wantedSans({"0.0.0.0"});
    EXPECT_TRUE(contains(sans, "127.0.0.1"));
    EXPECT_TRUE(contains(sans, "::1"));
    EXPECT_TRUE(contains(sans, "localhost"));
    auto specific = Pki::wantedSans({"192.0.2.7"});
    EXPECT_TRUE(contains(specific, "192.0.2.7"));
}

TEST_F(PkiTest, DamagedCaIsAnErrorNotAReplacement) {
    ASSERT_TRUE(Pki::loadOrCreate(m_dir, {"127.0.0.1"}));
    ASSERT_TRUE(writeFileAtomic(m_dir + "/ca.crt", "garbage", 0644).isOk());
    EXPECT_FALSE(Pki::loadOrCreate(m_dir, {"127.0.0.1"}));
}

TEST_F(PkiTest, IssuesClientCertificates) {
    auto pki = Pki::loadOrCreate(m_dir, {"127.0.0.1"});
    ASSERT_TRUE(pki);
    auto client = pki->issueClientCertificate("admin", {"system:masters"}, std::chrono::hours(1));
    ASSERT_TRUE(client);
    EXPECT_EQ(client->cert.organizations(), std::vector<std::string>{"system:masters"});
    EXPECT_TRUE(verifyCertificate(client->cert, pki->ca().cert, X509_PURPOSE_SSL_CLIENT).isOk());
}
