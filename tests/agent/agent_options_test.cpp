// coxswain-agent's command line: the join token from a file.
#include "agent/agent_options.h"
#include "process.h"

#include <gtest/gtest.h>

namespace cox::agent {
namespace {

TEST(AgentOptionsTest, TokenFileIsReadAndTrimmed) {
    const std::string dir = cox::testing::makeTempDir("cox-opts");
    cox::testing::writeFile(dir + "/join-token", "K10abc::id.secret\n");
    auto o = parseAgentOptions({"--server", "https://h:6443", "--token-file", dir + "/join-token"});
    ASSERT_TRUE(o) << o.status().message();
    EXPECT_EQ(o->token, "K10abc::id.secret");

    cox::testing::writeFile(dir + "/empty", "\n");
    auto empty = parseAgentOptions({"--server", "s", "--token-file", dir + "/empty"});
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.status().message().find("is empty"), std::string::npos);
    auto missing = parseAgentOptions({"--server", "s", "--token-file", dir + "/nope"});
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.status().message().find("cannot read " + dir + "/nope"), std::string::npos);
    cox::testing::removeTree(dir);
}

} // namespace
} // namespace cox::agent
