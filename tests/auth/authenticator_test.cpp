#include "auth/authenticator.h"

#include <gtest/gtest.h>

using namespace cox;
using namespace cox::auth;
using namespace std::chrono_literals;

namespace {

class AuthenticatorTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_store = TokenStore::open("").value();
        m_admin = *m_store->create("admin", {"system:masters"}, std::nullopt, "");
        m_expiring = *m_store->create("temp", {"coxswain:viewers"}, m_clock.now() + 1h, "");
    }
    http::Request withAuthorization(const std::string &value) {
        http::Request r;
        r.headers["Authorization"] = value;
        return r;
    }
    FakeClock m_clock;
    std::unique_ptr<TokenStore> m_store;
    std::string m_admin, m_expiring;
};

} // namespace

TEST_F(AuthenticatorTest, ValidBearerToken) {
    Authenticator authn(*m_store, m_clock);
    auto user = authn.authenticate(withAuthorization("Bearer " + m_admin));
    ASSERT_TRUE(user) << user.status().message();
    EXPECT_EQ(user->name, "admin");
    EXPECT_TRUE(user->inGroup("system:masters"));
    EXPECT_TRUE(user->inGroup(kGroupAuthenticated));
    EXPECT_TRUE(authn.authenticate(withAuthorization("bearer " + m_admin)));
}

TEST_F(AuthenticatorTest, UnauthorizedCases) {
    Authenticator authn(*m_store, m_clock);
    EXPECT_EQ(authn.authenticate(http::Request{}).status().code(), StatusCode::Unauthorized);
    for (const std::string &header : {std::string("Bearer wrong-token-value-0123456789"),
                                      std::string("Bearer "), std::string("Basic YWRtaW46YWRtaW4="),
                                      "Bearer" + m_admin, m_admin, "Bearer " + m_admin + "x"}) {
        auto r = authn.authenticate(withAuthorization(header));
        ASSERT_FALSE(r) << header;
        EXPECT_EQ(r.status().code(), StatusCode::Unauthorized);
        // The raw token never appears in an error message.
        EXPECT_EQ(r.status().message().find(m_admin), std::string::npos);
    }
}

TEST_F(AuthenticatorTest, ExpiredTokenIsRejected) {
    Authenticator authn(*m_store, m_clock);
    EXPECT_TRUE(authn.authenticate(withAuthorization("Bearer " + m_expiring)));
    m_clock.advance(2h);
    auto r = authn.authenticate(withAuthorization("Bearer " + m_expiring));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.status().code(), StatusCode::Unauthorized);
}

TEST_F(AuthenticatorTest, VerifiedClientCertificate) {
    Authenticator authn(*m_store, m_clock);
    http::Request r;
    r.clientCertCommonName = "system:node:w1";
    r.clientCertOrganizations = {"system:nodes"};
    auto user = authn.authenticate(r);
    ASSERT_TRUE(user);
    EXPECT_EQ(user->name, "system:node:w1");
    EXPECT_EQ(user->nodeName(), "w1");
    EXPECT_TRUE(user->inGroup(kGroupAuthenticated));
}
