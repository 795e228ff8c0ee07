// The runtime factory and ImageRootfsProvider on their own: docker without a daemon and a
// missing CIDR refused with clear messages, the config file's bridge key, and a rootfs built
// from a pulled registry image carrying the image config (entrypoint, cmd, env split, working
// dir).
#include "agent/image_rootfs_provider.h"
#include "agent/runtime_factory.h"
#include "process.h"
#include "test_image.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace cox::agent::testing {
namespace {

// No daemon on the socket: refused naming the socket and what to do (DOCKER_HOST points at a
// socket that cannot exist, so a dockerd on this machine does not change the outcome).
TEST(RuntimeFactory, DockerWithoutADaemonIsRefusedNamingTheSocket) {
    ::setenv("DOCKER_HOST", "unix:///nonexistent/cox-docker.sock", 1);
    AgentOptions options;
    options.runtime = "docker";
    auto runtime = makeRuntime(options, "10.42.0.0/24");
    ::unsetenv("DOCKER_HOST");
    ASSERT_FALSE(runtime);
    EXPECT_NE(runtime.status().message().find("/nonexistent/cox-docker.sock"), std::string::npos)
        << runtime.status().message();
    EXPECT_NE(runtime.status().message().find("start dockerd"), std::string::npos);
    EXPECT_NE(runtime.status().message().find("--runtime runc"), std::string::npos);
}

TEST(RuntimeFactory, RuncNeedsThePodCidr) {
    AgentOptions options;
    options.dataDir = "/nonexistent";
    auto runtime = makeRuntime(options, "");
    ASSERT_FALSE(runtime);
    EXPECT_NE(runtime.status().message().find("pod CIDR"), std::string::npos);
}

TEST(RuntimeFactory, ConfigFileNamesTheBridge) {
    AgentOptions options;
    EXPECT_EQ(options.bridge, "cox0");
    ASSERT_TRUE(applyConfigFile(R"({"bridge": "cxq7", "cniBinDir": "/opt/cni"})", options));
    EXPECT_EQ(options.bridge, "cxq7");
    EXPECT_EQ(options.cniBinDir, "/opt/cni");
}

TEST(RuntimeFactory, AgentBinaryWithoutDockerSaysSoAtStart) {
    auto result = cox::testing::runCommand(
        {COX_AGENT_BIN, "--server", "https://127.0.0.1:9", "--runtime", "docker"},
        {{"DOCKER_HOST", "unix:///nonexistent/cox-docker.sock"}}, std::chrono::seconds(20));
    EXPECT_NE(result.exitCode, 0);
    EXPECT_NE(result.err.find("needs a Docker daemon on /nonexistent/cox-docker.sock"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("start dockerd"), std::string::npos) << result.err;
}

TEST(ImageRootfsProvider, PreparesARootfsWithTheImageConfig) {
    if (!cox::testing::TestRegistry::available())
        GTEST_SKIP() << "needs docker-registry";
    if (::access("/bin/busybox", X_OK) != 0)
        GTEST_SKIP() << "needs busybox-static";
    cox::testing::TestRegistry registry;
    ASSERT_EQ(registry.start(), "");
    auto image = cox::testing::TestImageBuilder()
                     .layer(cox::testing::TestImageBuilder::busyboxLayerTar())
                     .entrypoint({"/bin/sh", "-c"})
                     .cmd({"echo hi"})
                     .env("GREETING=a=b")
                     .workingDir("/etc")
                     .build();
    ASSERT_EQ(cox::testing::pushImage(registry.url(), "tools/box", "v2", image), "");
    std::string dir = cox::testing::makeTempDir("cox-rootfs-provider");
    image::ImageServiceConfig config;
    config.root = dir + "/images";
    auto service = image::ImageService::create(config);
    ASSERT_TRUE(service) << service.status().message();
    ImageRootfsProvider provider(std::shared_ptr<image::ImageService>(std::move(*service)));
    const std::string ref = registry.hostPort() + "/tools/box:v2";

    EXPECT_FALSE(*provider.imagePresent(ref));
    EXPECT_FALSE(provider.prepare(ref, dir + "/c0")); // prepare never pulls
    ASSERT_TRUE(provider.pullImage(ref, std::nullopt));
    EXPECT_TRUE(*provider.imagePresent(ref));

    std::filesystem::create_directories(dir + "/c1");
    auto prepared = provider.prepare(ref, dir + "/c1");
    ASSERT_TRUE(prepared) << prepared.status().message();
    EXPECT_TRUE(std::filesystem::exists(prepared->rootfsPath + "/bin/busybox"));
    EXPECT_EQ(prepared->entrypoint, (std::vector<std::string>{"/bin/sh", "-c"}));
    EXPECT_EQ(prepared->cmd, (std::vector<std::string>{"echo hi"}));
    EXPECT_EQ(prepared->workingDir, "/etc");
    using Env = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(prepared->env, (Env{{"PATH", "/bin"}, {"GREETING", "a=b"}}));
    EXPECT_EQ(prepared->resolvedImage, ref);
    EXPECT_EQ(prepared->imageId.rfind("sha256:", 0), 0u);
    EXPECT_TRUE(provider.release(dir + "/c1"));
    cox::testing::removeTree(dir);
}

} // namespace
} // namespace cox::agent::testing
