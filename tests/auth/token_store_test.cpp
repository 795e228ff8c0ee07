#include "auth/token_store.h"
#include "tls/crypto.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>

using namespace cox;
using namespace cox::auth;
using namespace std::chrono_literals;

namespace {

class TokenStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("cox-auth-" + tls::hexEncode(tls::randomBytes(4)));
        m_path = (m_dir / "auth" / "tokens.json").string();
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::filesystem::path m_dir;
    std::string m_path;
};

} // namespace

TEST(Token, GeneratedTokensAreLongAndDistinct) {
    std::string a = generateToken(), b = generateToken();
    EXPECT_EQ(a.size(), 43u);
    EXPECT_NE(a, b);
    EXPECT_EQ(
        a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    EXPECT_EQ(hashToken("abc"), tls::sha256HexOfData("abc"));
}

TEST_F(TokenStoreTest, PersistsHashesNeverRawTokens) {
    std::string token;
    {
        auto store = TokenStore::open(m_path);
        ASSERT_TRUE(store) << store.status().message();
        auto created = (*store)->create("admin", {"system:masters"}, std::nullopt, "first admin");
        ASSERT_TRUE(created);
        token = *created;
    }
    std::string file;
    ASSERT_TRUE(tls::readFile(m_path, file).isOk());
    EXPECT_EQ(file.find(token), std::string::npos);
    EXPECT_NE(file.find(hashToken(token)), std::string::npos);
    struct stat st {};
    ASSERT_EQ(::stat(m_path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);

    auto reopened = TokenStore::open(m_path);
    ASSERT_TRUE(reopened);
    auto entry = (*reopened)->lookup(token);
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->user, "admin");
    EXPECT_EQ(entry->groups, std::vector<std::string>{"system:masters"});
    EXPECT_EQ(entry->description, "first admin");
    EXPECT_FALSE((*reopened)->lookup(token + "x"));
    EXPECT_FALSE((*reopened)->lookup(""));
}

TEST_F(TokenStoreTest, ExpiryAndRemovalPersist) {
    auto store = TokenStore::open(m_path);
    ASSERT_TRUE(store);
    auto expiry = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
    ASSERT_TRUE((*store)->add("bootstrap.0123456789abcdef", {{}, "b", {"g"}, expiry, ""}).isOk());
    EXPECT_EQ((*store)->add("bootstrap.0123456789abcdef", {{}, "b", {}, {}, ""}).code(),
              StatusCode::AlreadyExists);
    EXPECT_EQ((*store)->add("short", {{}, "b", {}, {}, ""}).code(), StatusCode::Invalid);
    auto other = (*store)->create("viewer", {"coxswain:viewers"}, std::nullopt, "");
    ASSERT_TRUE(other);

    auto reopened = TokenStore::open(m_path);
    ASSERT_TRUE(reopened);
    auto entry = (*reopened)->lookup("bootstrap.0123456789abcdef");
    ASSERT_TRUE(entry && entry->expiry);
    EXPECT_EQ(*entry->expiry, expiry);
    ASSERT_TRUE((*reopened)->remove(hashToken(*other)).isOk());
    EXPECT_EQ((*reopened)->remove(hashToken(*other)).code(), StatusCode::NotFound);
    auto again = TokenStore::open(m_path);
    ASSERT_TRUE(again);
    EXPECT_FALSE((*again)->lookup(*other));
    EXPECT_EQ((*again)->list().size(), 1u);
}

TEST_F(TokenStoreTest, CorruptFileIsAnError) {
    ASSERT_TRUE(tls::writeFileAtomic(m_path, "{not json", 0600).isOk());
    EXPECT_FALSE(TokenStore::open(m_path));
}

TEST(TokenStoreMemory, EmptyPathKeepsTokensInMemory) {
    auto store = TokenStore::open("");
    ASSERT_TRUE(store);
    auto token = (*store)->create("u", {}, std::nullopt, "");
    ASSERT_TRUE(token);
    EXPECT_TRUE((*store)->lookup(*token));
}
