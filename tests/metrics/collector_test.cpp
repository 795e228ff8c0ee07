// The agent's collector against fake cgroup trees (v1, hybrid, v2) and a fake /proc: usage
// values, the working set, rates from two samples, container lookup by id, and the JSON and
// Prometheus forms.
#include "metrics/node_metrics_service.h"
#include "metrics/stats_collector.h"
#include "metrics/summary_format.h"
#include "process.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace cox::agent::metrics {
namespace {

using cox::testing::makeTempDir;
using cox::testing::removeTree;
using cox::testing::writeFile;
using namespace std::chrono_literals;

class FakeTree {
public:
    FakeTree()
        : m_dir(makeTempDir("cox-metrics-")) {}
    ~FakeTree() { removeTree(m_dir); }
    const std::string &dir() const { return m_dir; }
    void write(const std::string &rel, const std::string &content) const {
        std::filesystem::create_directories(std::filesystem::path(m_dir + rel).parent_path());
        writeFile(m_dir + rel, content);
    }
    // /proc with `busyTicks` spread over user/system and idle ticks that must not count.
    void proc(uint64_t user, uint64_t system, uint64_t idle, uint64_t totalKb,
              uint64_t availableKb) const {
        write("/proc/stat", "cpu  " + std::to_string(user) + " 0 " + std::to_string(system) + " " +
                                std::to_string(idle) + " 50 0 0 0 0 0\ncpu0 1 2 3 4\n");
        write("/proc/meminfo", "MemTotal:       " + std::to_string(totalKb) +
                                   " kB\nMemFree:          1000 kB\nMemAvailable:   " +
                                   std::to_string(availableKb) + " kB\n");
    }
    // A v1 container cgroup (cpuacct ns, memory usage and total_inactive_file).
    void v1Container(const std::string &cg, uint64_t cpuNs, uint64_t mem, uint64_t inactive,
                     const std::string &cpuDir = "/cgroup/cpuacct") const {
        write(cpuDir + cg + "/cpuacct.usage", std::to_string(cpuNs) + "\n");
        write("/cgroup/memory" + cg + "/memory.usage_in_bytes", std::to_string(mem) + "\n");
        write("/cgroup/memory" + cg + "/memory.stat",
              "cache 5\ninactive_file 1\ntotal_inactive_file " + std::to_string(inactive) + "\n");
    }
    void v2Container(const std::string &cg, uint64_t cpuUs, uint64_t mem, uint64_t inactive) const {
        write("/cgroup" + cg + "/cpu.stat",
              "usage_usec " + std::to_string(cpuUs) + "\nuser_usec 1\nsystem_usec 2\n");
        write("/cgroup" + cg + "/memory.current", std::to_string(mem) + "\n");
        write("/cgroup" + cg + "/memory.stat",
              "anon 10\nfile 20\ninactive_file " + std::to_string(inactive) + "\n");
    }

private:
    std::string m_dir;
};

WallTime at(int seconds) {
    return WallTime(std::chrono::seconds(1'700'000'000 + seconds));
}

TEST(CgroupReaderTest, V1ReadsCpuacctAndWorkingSet) {
    FakeTree tree;
    tree.write("/cgroup/cpuacct/cpuacct.usage", "1\n");
    tree.v1Container("/coxswain/sb1/c1", 5'000'000'000, 300 << 20, 100 << 20);
    CgroupReader reader(tree.dir() + "/cgroup");
    ASSERT_EQ(reader.version(), CgroupVersion::V1);
    auto sample = reader.read("/coxswain/sb1/c1");
    ASSERT_TRUE(sample) << sample.status().message();
    EXPECT_EQ(sample->cpuUsageNanos, 5'000'000'000u);
    EXPECT_EQ(sample->memoryUsageBytes, uint64_t(300) << 20);
    EXPECT_EQ(sample->memoryWorkingSetBytes, uint64_t(200) << 20);
    EXPECT_EQ(reader.read("/coxswain/sb1/gone").status().code(), StatusCode::NotFound);
}

TEST(CgroupReaderTest, HybridHostUsesV1ControllersNotTheEmptyUnifiedTree) {
    FakeTree tree;
    tree.write("/cgroup/unified/cgroup.controllers", "\n");
    tree.write("/cgroup/cpu,cpuacct/cpuacct.usage", "1\n");
    tree.v1Container("/x/c1", 42, 10, 20, "/cgroup/cpu,cpuacct");
    CgroupReader reader(tree.dir() + "/cgroup");
    ASSERT_EQ(reader.version(), CgroupVersion::V1);
    auto sample = reader.read("/x/c1");
    ASSERT_TRUE(sample) << sample.status().message();
    EXPECT_EQ(sample->cpuUsageNanos, 42u);
    EXPECT_EQ(sample->memoryWorkingSetBytes, 0u) << "inactive above usage clamps to zero";
}

TEST(CgroupReaderTest, V2ReadsCpuStatAndMemoryCurrent) {
    FakeTree tree;
    tree.write("/cgroup/cgroup.controllers", "cpu memory pids\n");
    tree.v2Container("/kubepods/pod1/ctr", 1'500'000, 64 << 20, 16 << 20);
    CgroupReader reader(tree.dir() + "/cgroup");
    ASSERT_EQ(reader.version(), CgroupVersion::V2);
    auto sample = reader.read("/kubepods/pod1/ctr");
    ASSERT_TRUE(sample) << sample.status().message();
    EXPECT_EQ(sample->cpuUsageNanos, 1'500'000'000u);
    EXPECT_EQ(sample->memoryWorkingSetBytes, uint64_t(48) << 20);
}

TEST(CgroupReaderTest, NoHierarchyIsAnError) {
    FakeTree tree;
    tree.write("/cgroup/something", "x");
    CgroupReader reader(tree.dir() + "/cgroup");
    EXPECT_EQ(reader.version(), CgroupVersion::None);
    EXPECT_FALSE(reader.read("/a"));
}

TEST(CgroupReaderTest, FindsContainersByIdForRuncAndSystemdDocker) {
    FakeTree tree;
    tree.write("/cgroup/cgroup.controllers", "cpu memory\n");
    tree.v2Container("/coxswain/sb1/abc123", 1, 1, 0);
    tree.v2Container("/system.slice/docker-def456.scope", 1, 1, 0);
    tree.v2Container("/coxswain/sb1/xabc123", 1, 1, 0);
    CgroupReader reader(tree.dir() + "/cgroup");
    EXPECT_EQ(reader.findById("abc123").value_or(""), "/coxswain/sb1/abc123");
    EXPECT_EQ(reader.findById("def456").value_or(""), "/system.slice/docker-def456.scope");
    EXPECT_FALSE(reader.findById("nothere"));
    EXPECT_FALSE(reader.findById("abc123", 2)) << "beyond the depth limit";
}

TEST(ProcReaderTest, BusyTicksAndMemoryInUse) {
    FakeTree tree;
    tree.proc(300, 100, 5000, 8'000'000, 6'000'000);
    ProcReader proc(tree.dir() + "/proc", 100);
    auto sample = proc.read();
    ASSERT_TRUE(sample) << sample.status().message();
    EXPECT_EQ(sample->cpuUsageNanos, 4'000'000'000u) << "400 busy ticks at 100 Hz";
    EXPECT_EQ(sample->memoryTotalBytes, 8'000'000ull * 1024);
    EXPECT_EQ(sample->memoryWorkingSetBytes, 2'000'000ull * 1024);
}

TEST(ProcReaderTest, MissingFilesAreErrors) {
    FakeTree tree;
    tree.write("/proc/stat", "intr 1\n");
    EXPECT_FALSE(ProcReader(tree.dir() + "/proc", 100).read());
}

class CollectorTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_tree.write("/cgroup/cgroup.controllers", "cpu memory\n");
        m_tree.proc(1000, 0, 0, 4'000'000, 3'000'000);
        m_tree.v2Container("/coxswain/sb1/c1", 1'000'000, 10 << 20, 0);
        m_tree.v2Container("/coxswain/sb1/c2", 2'000'000, 20 << 20, 0);
        m_collector =
            std::make_unique<StatsCollector>("node-a", CgroupReader(m_tree.dir() + "/cgroup"),
                                             ProcReader(m_tree.dir() + "/proc", 100));
    }
    std::vector<PodRef> pods() const {
        return {{"default", "web", "uid-1", {{"app", "c1"}, {"sidecar", "c2"}, {"late", "c3"}}}};
    }

    FakeTree m_tree;
    std::unique_ptr<StatsCollector> m_collector;
};

TEST_F(CollectorTest, FirstSampleHasNoRatesSecondHasThem) {
    auto first = m_collector->collect(pods(), at(0));
    ASSERT_TRUE(first) << first.status().message();
    EXPECT_FALSE(first->node.cpuNanoCores);
    ASSERT_EQ(first->pods.size(), 1u);
    EXPECT_EQ(first->pods[0].containers.size(), 2u) << "c3 has no cgroup yet";
    EXPECT_FALSE(first->pods[0].usage.cpuNanoCores);
    EXPECT_EQ(first->pods[0].usage.memoryWorkingSetBytes, uint64_t(30) << 20);

    // 10 s later: c1 used 5 s of CPU (0.5 cores), c2 1 s (0.1), the node 20 s (2 cores).
    m_tree.v2Container("/coxswain/sb1/c1", 6'000'000, 10 << 20, 0);
    m_tree.v2Container("/coxswain/sb1/c2", 3'000'000, 20 << 20, 0);
    m_tree.proc(3000, 0, 0, 4'000'000, 3'000'000);
    auto second = m_collector->collect(pods(), at(10));
    ASSERT_TRUE(second) << second.status().message();
    EXPECT_EQ(second->node.cpuNanoCores.value_or(0), 2'000'000'000u);
    EXPECT_EQ(second->node.window, 10s);
    const PodStats &pod = second->pods.at(0);
    EXPECT_EQ(pod.containers.at(0).usage.cpuNanoCores.value_or(0), 500'000'000u);
    EXPECT_EQ(pod.containers.at(1).usage.cpuNanoCores.value_or(0), 100'000'000u);
    EXPECT_EQ(pod.usage.cpuNanoCores.value_or(0), 600'000'000u);
}

TEST_F(CollectorTest, CounterGoingBackStartsOver) {
    ASSERT_TRUE(m_collector->collect(pods(), at(0)));
    m_tree.v2Container("/coxswain/sb1/c1", 10, 1, 0);
    auto next = m_collector->collect(pods(), at(5));
    ASSERT_TRUE(next);
    EXPECT_FALSE(next->pods.at(0).containers.at(0).usage.cpuNanoCores);
    EXPECT_TRUE(next->pods.at(0).containers.at(1).usage.cpuNanoCores);
}

TEST_F(CollectorTest, SummaryJsonAndPrometheusText) {
    ASSERT_TRUE(m_collector->collect(pods(), at(0)));
    m_tree.v2Container("/coxswain/sb1/c1", 2'000'000, 10 << 20, 0);
    auto summary = m_collector->collect(pods(), at(2));
    ASSERT_TRUE(summary);
    auto json = summaryJson(*summary);
    EXPECT_EQ(json["node"]["nodeName"], "node-a");
    EXPECT_EQ(json["node"]["memory"]["availableBytes"], 3'000'000ull * 1024);
    const auto &pod = json["pods"][0];
    EXPECT_EQ(pod["podRef"]["name"], "web");
    EXPECT_EQ(pod["podRef"]["uid"], "uid-1");
    EXPECT_EQ(pod["containers"][0]["name"], "app");
    EXPECT_EQ(pod["containers"][0]["cpu"]["usageNanoCores"], 500'000'000u);
    EXPECT_EQ(pod["containers"][0]["cpu"]["usageCoreNanoSeconds"], 2'000'000'000u);
    EXPECT_EQ(pod["containers"][0]["memory"]["workingSetBytes"], 10u << 20);
    EXPECT_DOUBLE_EQ(pod["containers"][0]["cpu"]["windowSeconds"].get<double>(), 2.0);
    std::string text = prometheusText(*summary);
    EXPECT_NE(text.find("# TYPE container_cpu_usage_seconds_total counter"), std::string::npos);
    EXPECT_NE(text.find("container_cpu_usage_seconds_total{container=\"app\",namespace=\"default\","
                        "pod=\"web\"} 2\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("pod_memory_working_set_bytes{namespace=\"default\",pod=\"web\"} 31457280"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("node_memory_working_set_bytes 1024000000"), std::string::npos) << text;
}

TEST(PodRefsTest, RunningContainersWithIdsOnly) {
    nlohmann::json list = {
        {"items",
         {{{"metadata", {{"name", "a"}, {"namespace", "ns"}, {"uid", "u1"}}},
           {"status",
            {{"containerStatuses",
              {{{"name", "run"}, {"containerID", "runc://id1"}, {"state", {{"running", {}}}}},
               {{"name", "done"}, {"containerID", "runc://id2"}, {"state", {{"terminated", {}}}}},
               {{"name", "wait"}, {"state", {{"waiting", {}}}}}}}}}},
          {{"metadata", {{"name", "pending"}, {"namespace", "ns"}}}}}}};
    auto refs = podRefsFromPods(list);
    ASSERT_EQ(refs.size(), 1u);
    EXPECT_EQ(refs[0].name, "a");
    ASSERT_EQ(refs[0].containers.size(), 1u);
    EXPECT_EQ(refs[0].containers[0].name, "run");
    EXPECT_EQ(refs[0].containers[0].id, "id1");
}

// Records what a handler sent.
class RecordingSink final : public http::ResponseSink {
public:
    void send(http::Response response) override { m_response = std::move(response); }
    bool beginStream(int, const http::Headers &) override { return false; }
    bool writeChunk(std::string_view) override { return false; }
    void endStream() override {}
    bool clientGone() override { return false; }
    http::Response m_response{0, {}, ""};
};

http::Response askService(const NodeMetricsService &service, const std::string &path,
                          const std::string &cn, std::vector<std::string> groups = {}) {
    http::Request request;
    request.method = "GET";
    request.path = path;
    request.clientCertCommonName = cn;
    request.clientCertOrganizations = std::move(groups);
    RecordingSink sink;
    service.handle(request, sink);
    return sink.m_response;
}

TEST_F(CollectorTest, EndpointServesOnlyTheApiServerAndMasters) {
    FakeClock clock(at(0));
    NodeMetricsService service(
        std::move(m_collector), [this] { return pods(); }, clock, 1h);
    EXPECT_EQ(askService(service, "/stats/summary", "system:kube-apiserver").status, 503)
        << "no sample yet";
    ASSERT_TRUE(service.sampleOnce());
    auto ok = askService(service, "/stats/summary", "system:kube-apiserver");
    ASSERT_EQ(ok.status, 200);
    EXPECT_EQ(nlohmann::json::parse(ok.body)["node"]["nodeName"], "node-a");
    auto prom = askService(service, "/metrics", "admin", {"system:masters"});
    ASSERT_EQ(prom.status, 200);
    EXPECT_NE(prom.body.find("container_memory_working_set_bytes"), std::string::npos);
    EXPECT_EQ(askService(service, "/metrics", "").status, 401);
    EXPECT_EQ(askService(service, "/stats/summary", "system:node:other", {"system:nodes"}).status,
              403);
    EXPECT_TRUE(NodeMetricsService::handles("/metrics/resource"));
    EXPECT_FALSE(NodeMetricsService::handles("/containerLogs/a/b/c"));
}

TEST_F(CollectorTest, ALostApiKeepsTheLastPodList) {
    FakeClock clock(at(0));
    bool apiUp = true;
    NodeMetricsService service(
        std::move(m_collector),
        [&]() -> Result<std::vector<PodRef>> {
            if (!apiUp)
                return Status(StatusCode::Unavailable, "API down");
            return pods();
        },
        clock, 1h);
    ASSERT_TRUE(service.sampleOnce());
    apiUp = false;
    clock.advance(10s);
    m_tree.v2Container("/coxswain/sb1/c1", 3'000'000, 10 << 20, 0);
    EXPECT_EQ(service.sampleOnce().code(), StatusCode::Unavailable);
    auto latest = service.latest();
    ASSERT_TRUE(latest);
    ASSERT_EQ(latest->pods.size(), 1u);
    EXPECT_EQ(latest->pods[0].containers[0].usage.cpuNanoCores.value_or(0), 200'000'000u);
}

TEST_F(CollectorTest, SamplingLoopRunsAndStops) {
    FakeClock clock(at(0));
    NodeMetricsService service(
        std::move(m_collector), [this] { return pods(); }, clock, 10ms);
    service.start();
    EXPECT_TRUE(cox::testing::waitUntil([&] { return service.latest().has_value(); }, 10s));
    service.stop();
}

} // namespace
} // namespace cox::agent::metrics
