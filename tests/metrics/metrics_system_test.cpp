// The real agent (runc) with a CPU burner pod beside an idle pod: `kubectl top pods` and
// `kubectl top nodes` go through the control plane's scraper and metrics.k8s.io to the agent's
// cgroup and /proc readings. Usage comparisons with generous bounds, no timing asserts.
#include "real_node_test.h"

#include "apiserver/pod_log_proxy.h"
#include "http/client.h"
#include "tls/pki.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <sstream>

namespace cox::agent::testing {
namespace {

using cox::testing::CommandResult;
using cox::testing::makeTempDir;
using cox::testing::removeTree;
using cox::testing::runCommand;
using cox::testing::waitUntil;
using namespace std::chrono_literals;

Json podJson(const std::string &name, const std::string &image, const std::string &script) {
    return {{"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", name}, {"namespace", "default"}, {"labels", {{"app", name}}}}},
            {"spec",
             {{"terminationGracePeriodSeconds", 1},
              {"containers",
               {{{"name", "main"},
                 {"image", image},
                 {"command", {"sh", "-c", script}},
                 // Half a core at most: the burner must not starve a shared machine.
                 {"resources",
                  {{"requests", {{"cpu", "10m"}, {"memory", "16Mi"}}},
                   {"limits", {{"cpu", "500m"}}}}}}}}}}};
}

// "NAME CPU(cores) ..." rows -> name -> millicores ("998m", "1" = 1000m).
std::map<std::string, int64_t> cpuColumn(const std::string &table) {
    std::map<std::string, int64_t> out;
    std::istringstream lines(table);
    std::string line;
    std::getline(lines, line); // header
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string name, cpu;
        if (!(fields >> name >> cpu) || cpu.empty())
            continue;
        try {
            out[name] = cpu.back() == 'm' ? std::stoll(cpu.substr(0, cpu.size() - 1))
                                          : std::stoll(cpu) * 1000;
        } catch (const std::exception &) {
        }
    }
    return out;
}

class MetricsSystemTest : public RealNodeTest {
protected:
    void SetUp() override {
        RealNodeTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        if (runCommand({"kubectl", "version", "--client"}, {}, 20s).exitCode != 0)
            GTEST_SKIP() << "needs kubectl";
        m_home = makeTempDir("cox-metrics-kubectl-");
    }
    void TearDown() override {
        if (!m_home.empty())
            removeTree(m_home);
        RealNodeTest::TearDown();
    }
    CommandResult kubectl(std::vector<std::string> args) {
        args.insert(args.begin(), {"kubectl", "--kubeconfig", m_env->kubeconfig()});
        return runCommand(args, {{"HOME", m_home}}, 60s);
    }
    // GET on the node agent's endpoint with a client certificate in `groups` from the CA.
    Result<http::Response> agentGet(const std::string &path,
                                    const std::vector<std::string> &groups) {
        std::string pkiDir =
            std::filesystem::path(m_env->kubeconfig()).parent_path().string() + "/pki";
        auto pki = tls::Pki::loadOrCreate(pkiDir, {"127.0.0.1"});
        if (!pki)
            return pki.status();
        auto cert = pki->issueClientCertificate("metrics-test", groups, std::chrono::hours(1));
        if (!cert)
            return cert.status();
        auto node = m_env->admin().get("/api/v1/nodes/" + m_env->nodeName());
        if (!node)
            return node.status();
        http::ClientConfig config;
        if (Status s = apiserver::PodLogProxy::nodeEndpoint(*node, config.host, config.port); !s)
            return s;
        config.caPem = pki->caPem();
        config.clientCertPem = cert->cert.toPem();
        config.clientKeyPem = cert->key.toPem();
        auto client = http::Client::create(config);
        if (!client)
            return client.status();
        return client->request("GET", path);
    }

    std::string m_home;
};

TEST_F(MetricsSystemTest, KubectlTopShowsABurnerAboveAnIdlePod) {
    ASSERT_TRUE(m_env->createPod(podJson("idle", m_env->image(), "exec sleep 3600")));
    ASSERT_TRUE(m_env->createPod(podJson("burner", m_env->image(), "while :; do :; done")));
    for (const char *name : {"idle", "burner"})
        ASSERT_TRUE(waitUntil(
            [&] {
                auto pod = m_env->pod(name);
                return pod && podRunning(*pod);
            },
            120s))
            << name << "\n"
            << m_env->agentLog();

    // Rates need two agent samples and a scrape: poll kubectl top until the burner is busy.
    std::map<std::string, int64_t> cpu;
    std::string lastOutput;
    bool busy = waitUntil(
        [&] {
            auto top = kubectl({"top", "pods"});
            lastOutput = top.out + top.err;
            if (top.exitCode != 0)
                return false;
            cpu = cpuColumn(top.out);
            return cpu.count("idle") && cpu.count("burner") && cpu["burner"] >= 150;
        },
        120s);
    ASSERT_TRUE(busy) << lastOutput << "\n" << m_env->agentLog();
    std::cout << "kubectl top pods:\n" << lastOutput; // the figures, for the log
    EXPECT_LT(cpu["idle"], 100) << lastOutput;
    EXPECT_GT(cpu["burner"], cpu["idle"] + 100) << lastOutput;
    EXPECT_LE(cpu["burner"], 1000) << "the 500m limit holds (with slack): " << lastOutput;

    auto nodes = kubectl({"top", "nodes"});
    ASSERT_EQ(nodes.exitCode, 0) << nodes.out << nodes.err;
    std::cout << "kubectl top nodes:\n" << nodes.out;
    auto nodeCpu = cpuColumn(nodes.out);
    ASSERT_TRUE(nodeCpu.count(m_env->nodeName())) << nodes.out;
    EXPECT_GE(nodeCpu[m_env->nodeName()], 150) << "the node's busy time includes the burner";

    auto containers = kubectl({"top", "pod", "burner", "--containers"});
    ASSERT_EQ(containers.exitCode, 0) << containers.out << containers.err;
    EXPECT_NE(containers.out.find("main"), std::string::npos) << containers.out;

    // Prometheus on the agent itself: a system:masters certificate reads it, others may not.
    auto metrics = agentGet("/metrics", {"system:masters"});
    ASSERT_TRUE(metrics) << metrics.status().message();
    ASSERT_EQ(metrics->status, 200) << metrics->body;
    const std::string series = "container_cpu_usage_seconds_total{container=\"main\",namespace="
                               "\"default\",pod=\"burner\"} ";
    size_t at = metrics->body.find(series);
    ASSERT_NE(at, std::string::npos) << metrics->body;
    EXPECT_GT(std::stod(metrics->body.substr(at + series.size())), 1.0)
        << "the burner has used more than a core-second by now";
    EXPECT_NE(metrics->body.find("node_memory_working_set_bytes "), std::string::npos);
    const std::string memory = "container_memory_working_set_bytes{container=\"main\","
                               "namespace=\"default\",pod=\"burner\"} ";
    at = metrics->body.find(memory);
    ASSERT_NE(at, std::string::npos) << metrics->body;
    // A shell loop's working set is small (tens of KiB, shown as 0Mi by kubectl) but not zero.
    EXPECT_GT(std::stod(metrics->body.substr(at + memory.size())), 0.0) << metrics->body;
    auto other = agentGet("/metrics", {"system:nodes"});
    ASSERT_TRUE(other) << other.status().message();
    EXPECT_EQ(other->status, 403);
}

} // namespace
} // namespace cox::agent::testing
