#include "auth/authenticator.h"
#include "auth/join_token.h"

#include <gtest/gtest.h>

using namespace cox;
using namespace cox::auth;

namespace {
const std::string kHash(64, 'a');
}

TEST(JoinToken, FormatParseRoundTrip) {
    JoinToken t{kHash, "abc123", "0123456789abcdef"};
    std::string text = formatJoinToken(t);
    EXPECT_EQ(text, "K10" + kHash + "::abc123.0123456789abcdef");
    auto parsed = parseJoinToken(text);
    ASSERT_TRUE(parsed) << parsed.status().message();
    EXPECT_EQ(parsed->caHash, kHash);
    EXPECT_EQ(parsed->id, "abc123");
    EXPECT_EQ(parsed->secret, "0123456789abcdef");
    EXPECT_EQ(parsed->bearer(), "abc123.0123456789abcdef");
}

TEST(JoinToken, RejectsMalformed) {
    const std::string good = "K10" + kHash + "::abc123.0123456789abcdef";
    for (const std::string &bad :
         {std::string(""), "K11" + kHash + "::abc123.0123456789abcdef",
          "K10" + kHash + ":abc123.0123456789abcdef",
          "K10" + kHash.substr(1) + "::abc123.0123456789abcdef",
          "K10" + std::string(64, 'A') + "::abc123.0123456789abcdef",
          "K10" + kHash + "::abc12.0123456789abcdef", "K10" + kHash + "::ABC123.0123456789abcdef",
          "K10" + kHash + "::abc1230123456789abcdef", "K10" + kHash + "::abc123.0123456789abcde",
          "K10" + kHash + "::abc123.0123456789abcdef0", good + " "}) {
        auto r = parseJoinToken(bad);
        EXPECT_FALSE(r) << bad;
        if (!r) {
            EXPECT_EQ(r.status().code(), StatusCode::Invalid);
        }
    }
    EXPECT_TRUE(parseJoinToken(good));
}

TEST(JoinToken, GeneratedTokensParseAndAuthenticateAsBootstrappers) {
    JoinToken t = generateJoinToken(kHash);
    auto parsed = parseJoinToken(formatJoinToken(t));
    ASSERT_TRUE(parsed) << formatJoinToken(t);
    EXPECT_NE(generateJoinToken(kHash).secret, t.secret);

    auto store = TokenStore::open("");
    ASSERT_TRUE(store);
    ASSERT_TRUE(registerBootstrapToken(**store, t, std::nullopt).isOk());
    FakeClock clock;
    Authenticator authn(**store, clock);
    http::Request r;
    r.headers["Authorization"] = "Bearer " + t.bearer();
    auto user = authn.authenticate(r);
    ASSERT_TRUE(user);
    EXPECT_EQ(user->name, "system:bootstrap:" + t.id);
    EXPECT_TRUE(user->inGroup("system:bootstrappers"));
}
