// coxswain-agent's command line: the join token from a file, the config file's pod-start threads.
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

TEST(AgentOptionsTest, SyncThreadsComeFromTheConfigFileWithinBounds) {
    const std::string dir = cox::testing::makeTempDir("cox-opts");
    auto parse = [&](const std::string &config) {
        cox::testing::writeFile(dir + "/config.json", config);
        return parseAgentOptions({"--server", "s", "--config", dir + "/config.json"});
    };
    auto byRuntime = parse("{}");
    ASSERT_TRUE(byRuntime) << byRuntime.status().message();
    EXPECT_EQ(byRuntime->syncThreads, 0);
    auto twelve = parse(R"({"syncThreads": 12})");
    ASSERT_TRUE(twelve) << twelve.status().message();
    EXPECT_EQ(twelve->syncThreads, 12);
    auto tooMany = parse(R"({"syncThreads": 500})");
    ASSERT_FALSE(tooMany);
    EXPECT_NE(tooMany.status().message().find("syncThreads"), std::string::npos);
    cox::testing::removeTree(dir);
}

} // namespace
} // namespace cox::agent
