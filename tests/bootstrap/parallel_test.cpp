// Several machines at once, removal, and the non-root path (password login + sudo password).
#include "bootstrap/parallel_runner.h"
#include "bootstrap/pipeline.h"
#include "cluster_env.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace cox::bootstrap {
namespace {
using testenv::ClusterEnv;
namespace fs = std::filesystem;

TEST(ParallelBootstrap, ThreeMachinesJoinTogetherAndOneIsRemovedCleanly) {
    ClusterEnv env(3, 5);
    if (!env.problem().empty())
        GTEST_SKIP() << env.problem();
    const BootstrapOptions options = env.options();
    std::vector<MachineSpec> machines = {env.machine(0), env.machine(1), env.machine(2)};
    const auto results = ParallelRunner::run(ParallelRunner::Operation::Add, machines, options, 3);
    ASSERT_EQ(results.size(), 3u);
    for (const auto &r : results)
        ASSERT_TRUE(r.ok) << r.status().message();
    for (const auto *node : {"node-0", "node-1", "node-2"})
        EXPECT_TRUE(env.nodeReady(node)) << node;
    EXPECT_EQ(env.prompts().size(), 3u); // each machine's key confirmed once

    const InstallLayout &l = machines[1].layout;
    const int agentPid = testenv::pidFromFile(l.agentPidFile());
    const int supervisorPid = testenv::pidFromFile(l.supervisorPidFile());
    const auto removed =
        ParallelRunner::run(ParallelRunner::Operation::Remove, {machines[1]}, options, 1);
    ASSERT_TRUE(removed[0].ok) << removed[0].status().message();
    EXPECT_FALSE(env.nodeExists("node-1"));
    EXPECT_TRUE(cox::testing::waitUntil(
        [&] { return !testenv::processAlive(agentPid) && !testenv::processAlive(supervisorPid); },
        std::chrono::seconds(10)));
    EXPECT_FALSE(fs::exists(l.binaryPath()));
    EXPECT_FALSE(fs::exists(l.tokenFile()));
    EXPECT_TRUE(fs::exists(l.dataDir + "/node.crt")); // data kept unless asked
    EXPECT_TRUE(env.nodeReady("node-0"));
    EXPECT_TRUE(env.nodeReady("node-2"));

    // Removing again is a no-op that still succeeds (idempotent steps).
    EXPECT_TRUE(Pipeline::remove(machines[1], options).ok);
}

TEST(ParallelBootstrap, CancelStopsEveryMachine) {
    ClusterEnv env(2, 6);
    if (!env.problem().empty())
        GTEST_SKIP() << env.problem();
    CancelToken cancel;
    cancel.cancel();
    const auto results = ParallelRunner::run(
        ParallelRunner::Operation::Add, {env.machine(0), env.machine(1)}, env.options(), 2, cancel);
    for (const auto &r : results) {
        EXPECT_FALSE(r.ok);
        EXPECT_TRUE(r.cancelled);
        EXPECT_EQ(r.failedStep, "connect");
    }
}

TEST(SudoBootstrap, PasswordLoginWithASudoPasswordOnStdin) {
    ClusterEnv env(1, 7);
    if (!env.problem().empty())
        GTEST_SKIP() << env.problem();
    if (::access("/usr/bin/sudo", X_OK) != 0)
        GTEST_SKIP() << "needs sudo (apt-get install sudo)";
    testenv::TestUser user("coxbs" + std::to_string(getpid() % 100000), "Login-Pa55", "PASSWD");
    ASSERT_TRUE(user.ok());
    MachineSpec spec = env.machine(0);
    spec.credentials = Credentials();
    spec.credentials.user = user.name();
    spec.credentials.password = user.password();
    const BootstrapOptions options = env.options();

    MachineResult noSudoPassword = Pipeline::add(spec, options);
    ASSERT_FALSE(noSudoPassword.ok);
    EXPECT_EQ(noSudoPassword.failedStep, "privileges");
    EXPECT_NE(noSudoPassword.cause.find("sudo asks " + user.name() + " for a password"),
              std::string::npos)
        << noSudoPassword.cause;
    EXPECT_NE(noSudoPassword.cause.find("NOPASSWD"), std::string::npos);

    spec.credentials.sudoPassword = "wrong";
    MachineResult wrong = Pipeline::add(spec, options);
    ASSERT_FALSE(wrong.ok);
    EXPECT_NE(wrong.cause.find("wrong sudo password"), std::string::npos) << wrong.cause;

    spec.credentials.sudoPassword = user.password();
    MachineResult joined = Pipeline::add(spec, options);
    ASSERT_TRUE(joined.ok) << joined.status().message();
    EXPECT_TRUE(env.nodeReady("node-0"));
    EXPECT_EQ(fs::status(spec.layout.binaryPath()).permissions() & fs::perms::owner_exec,
              fs::perms::owner_exec);
    // The password went to sudo's stdin only: not into the token file or any script.
    for (const auto &file :
         {spec.layout.tokenFile(), spec.layout.launcherScript(), spec.layout.configFile()})
        EXPECT_EQ(cox::testing::readFile(file).find(user.password()), std::string::npos) << file;
    EXPECT_EQ(cox::testing::readFile(spec.layout.tokenFile()), options.cluster.joinToken + "\n");
}

} // namespace
} // namespace cox::bootstrap
