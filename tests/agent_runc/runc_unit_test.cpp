// Unprivileged unit tests: CRI log lines, OCI spec generation, and CNI plugin invocation
// (env, stdin config, prevResult chaining, DEL order) against fake plugins that record calls.
#include "runc/cni_network.h"
#include "runc/cri_log_stream.h"
#include "runc/oci_spec.h"

#include "process.h"

#include <algorithm>
#include <fcntl.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

using namespace cox::agent;
using namespace cox::agent::runc;
using cox::testing::readFile;

namespace {

TEST(CriLogStream, TimestampsMatchStrftimeAcrossLeapYears) {
    for (time_t seconds : {time_t{0}, time_t{951782400} /* 2000-02-29 */, time_t{1709251199},
                           time_t{4102444800} /* 2100-01-01 */, time_t{1795885000}}) {
        char formatted[CriLogStream::kTimestampSize];
        size_t n = CriLogStream::formatTimestamp(formatted, timespec{seconds, 5});
        tm utc{};
        gmtime_r(&seconds, &utc);
        char expected[64];
        strftime(expected, sizeof expected, "%Y-%m-%dT%H:%M:%S.000000005Z", &utc);
        EXPECT_EQ(std::string(formatted, n), expected);
    }
}

std::vector<std::string> lines(const std::string &text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line.substr(line.find(' ') + 1)); // drop the timestamp
    return out;
}

TEST(CriLogStream, SplitsLinesMarksPartialsAndFlushesTheRestAtEof) {
    std::string dir = cox::testing::makeTempDir("cri-log-");
    std::string logPath = dir + "/0.log";
    int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    CriLogStream stream("stdout", fds[0]);
    std::string longLine(CriLogStream::kBufferSize + 10, 'x');
    std::string input = "one\n\ntwo\n" + longLine + "\nlast-without-newline";
    size_t written = 0;
    while (written < input.size()) {
        ssize_t n =
            ::write(fds[1], input.data() + written, std::min<size_t>(4096, input.size() - written));
        ASSERT_GT(n, 0);
        written += static_cast<size_t>(n);
        ASSERT_TRUE(stream.pump(log));
    }
    ::close(fds[1]);
    int rounds = 0;
    while (stream.pump(log) && ++rounds < 100) {
    }
    ::close(fds[0]);
    ::close(log);
    auto got = lines(readFile(logPath));
    std::vector<std::string> expected = {
        "stdout F one",        "stdout F ",
        "stdout F two",        "stdout P " + std::string(CriLogStream::kBufferSize, 'x'),
        "stdout F xxxxxxxxxx", "stdout F last-without-newline"};
    EXPECT_EQ(got, expected);
    cox::testing::removeTree(dir);
}

PreparedRootfs imageRootfs() {
    PreparedRootfs rootfs;
    rootfs.rootfsPath = "/var/lib/x/rootfs";
    rootfs.entrypoint = {"/entry"};
    rootfs.cmd = {"--serve"};
    rootfs.env = {{"PATH", "/image/bin"}, {"A", "image"}};
    rootfs.workingDir = "/srv";
    return rootfs;
}

TEST(OciSpec, CommandAndArgsOverrideTheImageTheKubernetesWay) {
    ContainerConfig c;
    EXPECT_EQ(*OciSpec::processArgs(c, imageRootfs()),
              (std::vector<std::string>{"/entry", "--serve"}));
    c.args = {"--debug"};
    EXPECT_EQ(*OciSpec::processArgs(c, imageRootfs()),
              (std::vector<std::string>{"/entry", "--debug"}));
    c.command = {"/bin/sh"};
    c.args = {};
    EXPECT_EQ(*OciSpec::processArgs(c, imageRootfs()), (std::vector<std::string>{"/bin/sh"}));
    EXPECT_EQ(OciSpec::processArgs(ContainerConfig{}, PreparedRootfs{}).status().code(),
              cox::StatusCode::Invalid);
}

TEST(OciSpec, ContainerEnvOverridesImageEnvByName) {
    ContainerConfig c;
    c.env = {{"A", "pod"}, {"B", "pod"}};
    auto env = OciSpec::processEnv(c, imageRootfs(), "web-0");
    EXPECT_EQ(env,
              (std::vector<std::string>{"PATH=/image/bin", "HOSTNAME=web-0", "A=pod", "B=pod"}));
}

TEST(OciSpec, SpecJoinsPodNamespacesAndCarriesLimitsAndHardening) {
    OciSpecInputs in;
    in.container.name = "web";
    in.container.mounts = {{"/data", "/host/data", true}};
    in.container.resources.memoryLimitBytes = 128 << 20;
    in.container.resources.cpuShares = 256;
    in.container.resources.cpuQuotaMicros = 20'000;
    in.rootfs = imageRootfs();
    in.hostname = "web-0";
    in.netnsPath = "/state/ns/p/net";
    in.utsPath = "/state/ns/p/uts";
    in.ipcPath = "/state/ns/p/ipc";
    in.cgroupsPath = "/coxswain/p/c";
    in.resolvConfPath = "/state/sandboxes/p/resolv.conf";
    auto spec = OciSpec::build(in);
    ASSERT_TRUE(spec);
    const auto &s = *spec;
    EXPECT_EQ(s["process"]["cwd"], "/srv");
    EXPECT_TRUE(s["process"]["noNewPrivileges"].get<bool>());
    auto caps = s["process"]["capabilities"]["bounding"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(caps.begin(), caps.end(), "CAP_NET_RAW"), caps.end());
    EXPECT_EQ(std::find(caps.begin(), caps.end(), "CAP_SYS_ADMIN"), caps.end());
    std::map<std::string, std::string> namespaces;
    for (const auto &ns : s["linux"]["namespaces"])
        namespaces[ns["type"]] = ns.value("path", "");
    EXPECT_EQ(namespaces, (std::map<std::string, std::string>{{"pid", ""},
                                                              {"mount", ""},
                                                              {"network", in.netnsPath},
                                                              {"uts", in.utsPath},
                                                              {"ipc", in.ipcPath}}));
    EXPECT_FALSE(s.contains("hostname")) << "the shared UTS namespace already has it";
    EXPECT_EQ(s["linux"]["cgroupsPath"], "/coxswain/p/c");
    EXPECT_EQ(s["linux"]["resources"]["memory"]["limit"], 128 << 20);
    EXPECT_EQ(s["linux"]["resources"]["cpu"]["shares"], 256);
    EXPECT_EQ(s["linux"]["resources"]["cpu"]["quota"], 20'000);
    EXPECT_EQ(s["linux"]["resources"]["cpu"]["period"], 100'000);
    auto masked = s["linux"]["maskedPaths"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(masked.begin(), masked.end(), "/proc/kcore"), masked.end());
    std::map<std::string, nlohmann::json> mounts;
    for (const auto &m : s["mounts"])
        mounts[m["destination"]] = m;
    EXPECT_EQ(mounts["/data"]["source"], "/host/data");
    EXPECT_NE(std::find(mounts["/data"]["options"].begin(), mounts["/data"]["options"].end(), "ro"),
              mounts["/data"]["options"].end());
    EXPECT_EQ(mounts["/etc/resolv.conf"]["source"], in.resolvConfPath);
    EXPECT_EQ(mounts["/sys"]["type"], "sysfs");
    EXPECT_EQ(mounts["/proc"]["type"], "proc");
}

TEST(OciSpec, HostNetworkPodHasNoNetworkNamespace) {
    OciSpecInputs in;
    in.container.command = {"true"};
    in.hostname = "node-1";
    auto spec = OciSpec::build(in);
    ASSERT_TRUE(spec);
    for (const auto &ns : (*spec)["linux"]["namespaces"])
        EXPECT_NE(ns["type"], "network");
    EXPECT_EQ((*spec)["hostname"], "node-1");
}

// Fake CNI plugins: each records its command, interface, netns and stdin, then prints a result
// (or fails, for the plugin named in FAIL_PLUGIN).
class FakeCniTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = cox::testing::makeTempDir("fake-cni-");
        std::filesystem::create_directories(m_dir + "/bin");
        for (const char *type : {"loopback", "bridge", "portmap"}) {
            std::string result =
                std::string(type) == "bridge"
                    ? R"({"cniVersion":"1.0.0","ips":[{"address":"10.9.0.7/24","gateway":"10.9.0.1"}]})"
                    : R"({"cniVersion":"1.0.0","ips":[{"address":"10.9.0.7/24"}],"by":")" +
                          std::string(type) + R"("})";
            std::string script = "#!/bin/sh\n{ echo \"== " + std::string(type) +
                                 " $CNI_COMMAND $CNI_IFNAME $CNI_CONTAINERID $CNI_NETNS "
                                 "$CNI_PATH\"; cat; echo; } >> " +
                                 m_dir +
                                 "/calls\n"
                                 "if [ -e " +
                                 m_dir + "/fail-" + type +
                                 " ]; then echo '{\"code\":7,\"msg\":\"boom from " + type +
                                 "\"}'; exit 1; fi\n"
                                 "[ \"$CNI_COMMAND\" = ADD ] && echo '" +
                                 result + "'\nexit 0\n";
            std::string path = m_dir + "/bin/" + type;
            cox::testing::writeFile(path, script);
            std::filesystem::permissions(path, std::filesystem::perms::owner_all);
        }
        m_options.binDir = m_dir + "/bin";
        m_options.confDir = m_dir + "/conf";
        m_options.ipamDataDir = m_dir + "/ipam";
        m_options.podCidr = "10.9.0.0/24";
        m_options.bridge = "fakebr0";
    }
    void TearDown() override { cox::testing::removeTree(m_dir); }

    // (header, stdin config) per call, in order.
    std::vector<std::pair<std::string, nlohmann::json>> calls() {
        std::vector<std::pair<std::string, nlohmann::json>> out;
        std::istringstream in(readFile(m_dir + "/calls"));
        std::string header, body;
        while (std::getline(in, header) && std::getline(in, body)) {
            out.emplace_back(header.substr(3), nlohmann::json::parse(body));
        }
        return out;
    }

    std::string m_dir;
    CniOptions m_options;
};

TEST_F(FakeCniTest, AddRunsLoopbackThenChainsPrevResultThroughTheConflist) {
    CniNetwork cni(m_options);
    ASSERT_TRUE(cni.writeConfig());
    EXPECT_TRUE(std::filesystem::exists(m_options.confDir + "/10-coxswain.conflist"));
    auto result = cni.add("sb1", "/ns/sb1", {{"TCP", 80, 8080, ""}});
    ASSERT_TRUE(result) << result.status().message();
    EXPECT_EQ(CniNetwork::podIp(*result), "10.9.0.7");
    EXPECT_EQ((*result)["by"], "portmap");
    auto seen = calls();
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0].first, "loopback ADD lo sb1 /ns/sb1 " + m_options.binDir);
    EXPECT_EQ(seen[1].first, "bridge ADD eth0 sb1 /ns/sb1 " + m_options.binDir);
    EXPECT_EQ(seen[2].first, "portmap ADD eth0 sb1 /ns/sb1 " + m_options.binDir);
    const auto &bridge = seen[1].second;
    EXPECT_EQ(bridge["cniVersion"], "1.0.0");
    EXPECT_EQ(bridge["name"], "coxswain");
    EXPECT_EQ(bridge["bridge"], "fakebr0");
    EXPECT_EQ(bridge["ipam"]["ranges"][0][0]["subnet"], "10.9.0.0/24");
    EXPECT_FALSE(bridge.contains("prevResult"));
    const auto &portmap = seen[2].second;
    EXPECT_EQ(portmap["prevResult"]["ips"][0]["gateway"], "10.9.0.1");
    EXPECT_EQ(portmap["runtimeConfig"]["portMappings"][0]["hostPort"], 8080);
    EXPECT_EQ(portmap["runtimeConfig"]["portMappings"][0]["protocol"], "tcp");
}

TEST_F(FakeCniTest, WithoutHostPortsOrLoopbackOnlyTheBridgeRuns) {
    m_options.loopback = false; // the runc runtime sets lo up itself
    CniNetwork cni(m_options);
    auto result = cni.add("sb1", "/ns/sb1", {{"TCP", 80, 0, ""}}); // a port, but no host port
    ASSERT_TRUE(result) << result.status().message();
    EXPECT_EQ((*result)["ips"][0]["gateway"], "10.9.0.1") << "the bridge's result, unchained";
    ASSERT_TRUE(cni.del("sb1", "/proc/self/ns/net", *result, {}));
    auto seen = calls();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].first, "bridge ADD eth0 sb1 /ns/sb1 " + m_options.binDir);
    EXPECT_EQ(seen[1].first.substr(0, 15), "bridge DEL eth0");
}

TEST_F(FakeCniTest, DelRunsInReverseWithTheAddResultAsPrevResult) {
    CniNetwork cni(m_options);
    nlohmann::json prev = {{"cniVersion", "1.0.0"}, {"ips", {{{"address", "10.9.0.7/24"}}}}};
    // Any live network namespace will do for plugins that only record what they were given.
    ASSERT_TRUE(cni.del("sb1", "/proc/self/ns/net", prev, {{"TCP", 80, 8080, ""}}));
    auto seen = calls();
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0].first, "portmap DEL eth0 sb1 /proc/self/ns/net " + m_options.binDir);
    EXPECT_EQ(seen[0].first.substr(0, 16), "portmap DEL eth0");
    EXPECT_EQ(seen[1].first.substr(0, 15), "bridge DEL eth0");
    EXPECT_EQ(seen[2].first.substr(0, 15), "loopback DEL lo");
    EXPECT_EQ(seen[0].second["prevResult"], prev);
    EXPECT_EQ(seen[1].second["prevResult"], prev);
}

TEST_F(FakeCniTest, DelAfterTheNamespaceIsGonePassesAnEmptyNetns) {
    CniNetwork cni(m_options);
    std::string leftover = m_dir + "/netns-mount-point"; // a file, no namespace mounted on it
    cox::testing::writeFile(leftover, "");
    ASSERT_TRUE(cni.del("sb1", leftover, nullptr, {{"TCP", 80, 8080, ""}}));
    auto seen = calls();
    ASSERT_EQ(seen.size(), 2u) << "no loopback DEL without a namespace";
    EXPECT_EQ(seen[0].first, "portmap DEL eth0 sb1  " + m_options.binDir);
    EXPECT_EQ(seen[1].first, "bridge DEL eth0 sb1  " + m_options.binDir);
}

TEST_F(FakeCniTest, FailedAddReportsThePluginErrorAndCleansUp) {
    cox::testing::writeFile(m_dir + "/fail-portmap", "");
    CniNetwork cni(m_options);
    auto result = cni.add("sb2", "/ns/sb2", {{"UDP", 53, 5353, ""}});
    ASSERT_FALSE(result);
    EXPECT_NE(result.status().message().find("boom from portmap"), std::string::npos);
    auto seen = calls();
    ASSERT_GE(seen.size(), 5u);
    EXPECT_EQ(seen[3].first.substr(0, 11), "portmap DEL");
    EXPECT_EQ(seen[4].first.substr(0, 10), "bridge DEL");
}

} // namespace
