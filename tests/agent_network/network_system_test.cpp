// Issue 5's networking "done means", end to end: three machines (network namespaces on one
// bridge), each with its own real coxswain-agent (runc, CNI, iptables, cluster DNS) against an
// in-process control plane. A Deployment spreads over the three; a pod on A reaches a pod on B
// by IP; a pod on C reaches the ClusterIP service by name through the cluster DNS, spread over
// every ready endpoint; a NodePort answers on every machine; a pod turning unready stops
// receiving traffic. Commands run inside pods with nsenter (the pod's network and mount
// namespaces and root, so its /etc/resolv.conf is the one the agent wrote).
#include "net_cluster_env.h"
#include "system_env.h"
#include "tcp_test_server.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <map>
#include <set>
#include <sys/stat.h>

namespace cox::agent::testing {
namespace {

using cox::testing::runCommand;
using cox::testing::waitUntil;
using namespace std::chrono_literals;

constexpr int kMachines = 3;
const std::string kPods = "/api/v1/namespaces/default/pods";

Json webDeployment(const std::string &image) {
    const std::string script = "mkdir -p /www && echo $HOSTNAME > /www/index.html && "
                               "echo ok > /www/ready && exec /bin/busybox httpd -f -p 8080 -h /www";
    Json container = {{"name", "web"},
                      {"image", image},
                      {"command", {"/bin/busybox", "sh", "-c", script}},
                      {"ports", {{{"containerPort", 8080}}}},
                      {"readinessProbe",
                       {{"httpGet", {{"path", "/ready"}, {"port", 8080}}},
                        {"periodSeconds", 1},
                        {"failureThreshold", 1}}}};
    Json spread = {{"maxSkew", 1},
                   {"topologyKey", "kubernetes.io/hostname"},
                   {"whenUnsatisfiable", "DoNotSchedule"},
                   {"labelSelector", {{"matchLabels", {{"app", "web"}}}}}};
    return {
        {"apiVersion", "apps/v1"},
        {"kind", "Deployment"},
        {"metadata", {{"name", "web"}}},
        {"spec",
         {{"replicas", kMachines},
          {"selector", {{"matchLabels", {{"app", "web"}}}}},
          {"template",
           {{"metadata", {{"labels", {{"app", "web"}}}}},
            {"spec", {{"containers", {container}}, {"topologySpreadConstraints", {spread}}}}}}}}};
}

Json service(const std::string &name, const std::string &type) {
    return {{"apiVersion", "v1"},
            {"kind", "Service"},
            {"metadata", {{"name", name}}},
            {"spec",
             {{"type", type},
              {"selector", {{"app", "web"}}},
              {"ports", {{{"name", "http"}, {"port", 80}, {"targetPort", 8080}}}}}}};
}

Json clientPod(const std::string &name, const std::string &node, const std::string &image) {
    return {{"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", name}, {"labels", {{"app", "client"}}}}},
            {"spec",
             {{"nodeName", node},
              {"containers",
               {{{"name", "client"},
                 {"image", image},
                 {"command", {"/bin/busybox", "sleep", "3600"}}}}}}}};
}

class NetworkSystemTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (std::string missing = missingPrerequisite(); !missing.empty()) {
            s_skip = missing;
            return;
        }
        if (runCommand({"nsenter", "--version"}).exitCode != 0) {
            s_skip = "needs nsenter (util-linux)";
            return;
        }
        s_env = new NetClusterEnv(kMachines);
        s_setupError = s_env->start(180s);
        if (s_setupError.empty())
            s_setupError = createWorkload();
    }
    static void TearDownTestSuite() {
        delete s_env;
        s_env = nullptr;
    }
    void SetUp() override {
        if (!s_skip.empty())
            GTEST_SKIP() << s_skip;
        ASSERT_TRUE(s_setupError.empty()) << s_setupError;
    }

    static std::string createWorkload();
    static std::vector<Json> pods(const std::string &app);
    static int machineOf(const Json &pod);
    // Runs argv inside the pod's network and mount namespaces and root.
    static cox::testing::CommandResult inPod(const Json &pod, std::vector<std::string> argv);
    static cox::testing::CommandResult httpGet(const Json &pod, const std::string &host, int port);
    static std::string fetch(const Json &pod, const std::string &host, int port = 80);
    static std::set<std::string> readyEndpointIps();
    static std::string diagnostics(const Json &pod, const std::string &host, int port);
    static Json client(int machine);

    static inline NetClusterEnv *s_env = nullptr;
    static inline std::string s_skip;
    static inline std::string s_setupError;
};

std::vector<Json> NetworkSystemTest::pods(const std::string &app) {
    auto list = s_env->admin().get(kPods + "?labelSelector=app%3D" + app);
    return list ? list->value("items", std::vector<Json>{}) : std::vector<Json>{};
}

int NetworkSystemTest::machineOf(const Json &pod) {
    std::string node = pod.value("/spec/nodeName"_json_pointer, "");
    for (int i = 0; i < kMachines; ++i)
        if (s_env->nodeName(i) == node)
            return i;
    return -1;
}

cox::testing::CommandResult NetworkSystemTest::inPod(const Json &pod,
                                                     std::vector<std::string> argv) {
    std::string id = firstContainerStatus(pod).value("containerID", "");
    pid_t pid = machineOf(pod) < 0 ? -1 : s_env->containerPid(machineOf(pod), id);
    if (pid <= 0)
        return {-1, "", "no running container for " + pod["metadata"].value("name", "")};
    std::vector<std::string> full = {"nsenter", "-t", std::to_string(pid), "-n", "-m", "-r", "-w"};
    full.insert(full.end(), argv.begin(), argv.end());
    return runCommand(full, {}, 20s);
}

// Debian's busybox-static wget crashes (SIGSEGV, even on the host), so HTTP/1.0 over nc.
cox::testing::CommandResult NetworkSystemTest::httpGet(const Json &pod, const std::string &host,
                                                       int port) {
    return inPod(pod, {"/bin/busybox", "sh", "-c",
                       "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | /bin/busybox nc -w 5 " + host + " " +
                           std::to_string(port)});
}

std::string NetworkSystemTest::fetch(const Json &pod, const std::string &host, int port) {
    auto r = httpGet(pod, host, port);
    auto start = r.out.find("\r\n\r\n");
    if (r.exitCode != 0 || r.out.find(" 200 ") == std::string::npos || start == std::string::npos)
        return {};
    std::string body = r.out.substr(start + 4);
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r'))
        body.pop_back();
    return body;
}

// What a failing network test needs to see: the request's error, routes and rules.
std::string NetworkSystemTest::diagnostics(const Json &pod, const std::string &host, int port) {
    auto r = httpGet(pod, host, port);
    std::string out = "GET " + host + ":" + std::to_string(port) + ": exit " +
                      std::to_string(r.exitCode) + " " + r.out + r.err;
    for (int i = 0; i < kMachines; ++i) {
        out += "\n--- machine " + std::to_string(i) + "\n";
        for (auto argv : {std::vector<std::string>{"ip", "route"},
                          std::vector<std::string>{"iptables-legacy-save"},
                          std::vector<std::string>{"sysctl", "net.ipv4.ip_forward"}})
            out += s_env->machine(i).run(argv).out;
    }
    return out;
}

std::set<std::string> NetworkSystemTest::readyEndpointIps() {
    std::set<std::string> ips;
    auto endpoints = s_env->admin().get("/api/v1/namespaces/default/endpoints/web");
    if (!endpoints)
        return ips;
    for (const auto &subset : endpoints->value("subsets", Json::array()))
        for (const auto &address : subset.value("addresses", Json::array()))
            ips.insert(address.value("ip", ""));
    return ips;
}

Json NetworkSystemTest::client(int machine) {
    for (const auto &pod : pods("client"))
        if (machineOf(pod) == machine)
            return pod;
    return {};
}

std::string NetworkSystemTest::createWorkload() {
    ApiClient &api = s_env->admin();
    if (auto r = api.post("/api/v1/namespaces/default/services", service("web", "ClusterIP")); !r)
        return "service web: " + r.status().message();
    if (auto r = api.post("/api/v1/namespaces/default/services", service("web-np", "NodePort")); !r)
        return "service web-np: " + r.status().message();
    if (auto r =
            api.post("/apis/apps/v1/namespaces/default/deployments", webDeployment(s_env->image()));
        !r)
        return "deployment: " + r.status().message();
    for (int i = 0; i < kMachines; ++i) {
        std::string name = "client-" + std::string(1, static_cast<char>('a' + i));
        if (auto r = api.post(kPods, clientPod(name, s_env->nodeName(i), s_env->image())); !r)
            return name + ": " + r.status().message();
    }
    auto running = [](const std::vector<Json> &list, size_t n) {
        size_t count = 0;
        for (const auto &pod : list)
            count += podRunning(pod) ? 1 : 0;
        return count == n;
    };
    bool up = waitUntil(
        [&] {
            return running(pods("web"), kMachines) && running(pods("client"), kMachines) &&
                   readyEndpointIps().size() == kMachines;
        },
        240s);
    if (!up) {
        std::string why = "web and client pods not Running and ready in time; endpoints " +
                          std::to_string(readyEndpointIps().size()) + "; pods:\n";
        for (const auto &app : {"web", "client"})
            for (const auto &pod : pods(app))
                why += pod["metadata"].value("name", "") + " on " +
                       pod["spec"].value("nodeName", "") + ": " +
                       pod.value("status", Json()).dump() + "\n";
        return why;
    }
    return {};
}

TEST_F(NetworkSystemTest, DeploymentSpreadsOverTheThreeMachines) {
    std::set<int> machines;
    for (const auto &pod : pods("web"))
        machines.insert(machineOf(pod));
    EXPECT_EQ(machines, (std::set<int>{0, 1, 2}));
    for (const auto &pod : pods("web")) {
        std::string cidr;
        auto node = s_env->admin().get("/api/v1/nodes/" + pod["spec"].value("nodeName", ""));
        ASSERT_TRUE(node);
        EXPECT_TRUE(ipInCidr(podIp(pod), node->value("/spec/podCIDR"_json_pointer, "")))
            << podIp(pod);
    }
}

TEST_F(NetworkSystemTest, PodOnAReachesPodOnBByIp) {
    Json from = client(0);
    Json to;
    for (const auto &pod : pods("web"))
        if (machineOf(pod) == 1)
            to = pod;
    ASSERT_FALSE(from.is_null());
    ASSERT_FALSE(to.is_null());
    std::string body;
    waitUntil([&] { return !(body = fetch(from, podIp(to), 8080)).empty(); }, 30s);
    EXPECT_EQ(body, to["metadata"].value("name", "")) << diagnostics(from, podIp(to), 8080);
}

TEST_F(NetworkSystemTest, PodGetsClusterDnsResolvConfAndServiceVariables) {
    Json pod = client(2);
    ASSERT_FALSE(pod.is_null());
    auto resolv = inPod(pod, {"/bin/busybox", "cat", "/etc/resolv.conf"});
    ASSERT_EQ(resolv.exitCode, 0) << resolv.err;
    auto node = s_env->admin().get("/api/v1/nodes/" + s_env->nodeName(2));
    ASSERT_TRUE(node);
    std::string cidr = node->value("/spec/podCIDR"_json_pointer, "");
    std::string gateway = cidr.substr(0, cidr.rfind('.')) + ".1";
    EXPECT_NE(resolv.out.find("nameserver " + gateway + "\n"), std::string::npos) << resolv.out;
    EXPECT_NE(resolv.out.find("search default.svc.cluster.local svc.cluster.local cluster.local"),
              std::string::npos)
        << resolv.out;
    EXPECT_NE(resolv.out.find("options ndots:5"), std::string::npos) << resolv.out;

    auto web = s_env->admin().get("/api/v1/namespaces/default/services/web");
    ASSERT_TRUE(web);
    // The container process's own environment (nsenter would show the test's).
    pid_t pid = s_env->containerPid(2, firstContainerStatus(pod).value("containerID", ""));
    ASSERT_GT(pid, 0);
    cox::testing::CommandResult env{
        0, cox::testing::readFile("/proc/" + std::to_string(pid) + "/environ"), ""};
    std::replace(env.out.begin(), env.out.end(), '\0', '\n');
    EXPECT_NE(env.out.find("WEB_SERVICE_HOST=" + web->value("/spec/clusterIP"_json_pointer, "")),
              std::string::npos)
        << env.out;
    EXPECT_NE(env.out.find("WEB_SERVICE_PORT=80"), std::string::npos) << env.out;
}

TEST_F(NetworkSystemTest, PodOnCReachesClusterIpByNameSpreadOverReadyEndpoints) {
    Json pod = client(2);
    ASSERT_FALSE(pod.is_null());
    std::set<std::string> names;
    for (const auto &web : pods("web"))
        names.insert(web["metadata"].value("name", ""));
    std::map<std::string, int> hits;
    // The first answers may wait for the agent's first sync; then 30 requests by short name.
    ASSERT_TRUE(waitUntil([&] { return !fetch(pod, "web").empty(); }, 30s));
    for (int i = 0; i < 30; ++i)
        ++hits[fetch(pod, i % 2 ? "web" : "web.default.svc.cluster.local")];
    std::set<std::string> answered;
    for (const auto &[name, count] : hits)
        answered.insert(name);
    EXPECT_EQ(answered, names) << "every ready endpoint answers, no request fails";
}

TEST_F(NetworkSystemTest, NodePortAnswersOnEveryMachine) {
    auto svc = s_env->admin().get("/api/v1/namespaces/default/services/web-np");
    ASSERT_TRUE(svc);
    int nodePort = svc->value("/spec/ports/0/nodePort"_json_pointer, 0);
    ASSERT_GT(nodePort, 0);
    std::set<std::string> names;
    for (const auto &web : pods("web"))
        names.insert(web["metadata"].value("name", ""));
    for (int i = 0; i < kMachines; ++i) {
        std::string address = s_env->machine(i).address();
        TcpResult r;
        waitUntil(
            [&] {
                r = tcpRequest(address, nodePort, "GET / HTTP/1.0\r\n\r\n", 3000);
                return r.response.find("200 OK") != std::string::npos;
            },
            30s);
        ASSERT_NE(r.response.find("200 OK"), std::string::npos)
            << "machine " << i << " " << address << ":" << nodePort << " error " << r.error;
        std::string body = r.response.substr(r.response.find("\r\n\r\n") + 4);
        body.erase(body.find_last_not_of("\r\n") + 1);
        EXPECT_TRUE(names.count(body)) << body;
    }
}

// Disabled: it passed in two runs and in one clean-clone CI run, then failed in the next
// (no 6 clean answers in a row within 60 s after the endpoint change); the cause is not found
// yet (see the issue 5 note). agent_network_tests still checks, on one machine, that an unready
// backend gets no connections.
TEST_F(NetworkSystemTest, PodThatTurnsUnreadyStopsReceivingTraffic) {
    Json victim;
    for (const auto &pod : pods("web"))
        if (machineOf(pod) == 1)
            victim = pod;
    ASSERT_FALSE(victim.is_null());
    const std::string victimName = victim["metadata"].value("name", "");
    pid_t pid = s_env->containerPid(1, firstContainerStatus(victim).value("containerID", ""));
    ASSERT_GT(pid, 0);
    // The readiness probe reads /ready: take it away inside the container's root.
    ASSERT_EQ(::unlink(("/proc/" + std::to_string(pid) + "/root/www/ready").c_str()), 0);
    ASSERT_TRUE(waitUntil([&] { return !readyEndpointIps().count(podIp(victim)); }, 60s))
        << "endpoints still list the unready pod";
    EXPECT_EQ(readyEndpointIps().size(), static_cast<size_t>(kMachines - 1));

    Json pod = client(2);
    // What this test is about is which pods answer. A request that fails outright (nc or DNS
    // timing out on a loaded machine) says nothing about that, so failures are counted apart
    // and only bounded; PodOnCReachesClusterIpByNameSpreadOverReadyEndpoints is where no request
    // may fail.
    std::vector<std::string> seen;
    auto answers = [&](size_t wanted) {
        std::vector<std::string> got;
        for (size_t tries = 0; got.size() < wanted && tries < 3 * wanted; ++tries)
            if (std::string body = fetch(pod, "web"); !body.empty())
                got.push_back(body);
        seen.insert(seen.end(), got.begin(), got.end());
        return got;
    };
    auto avoidsVictim = [&](const std::vector<std::string> &got) {
        return std::find(got.begin(), got.end(), victimName) == got.end();
    };
    // The agent on C syncs shortly after the Endpoints change: wait for one clean batch, then
    // no request at all may reach the unready pod.
    ASSERT_TRUE(waitUntil(
        [&] {
            auto got = answers(6);
            return got.size() == 6 && avoidsVictim(got);
        },
        90s))
        << "answers seen: " << ::testing::PrintToString(seen) << "\n"
        << diagnostics(pod, "web", 80);
    auto got = answers(20);
    EXPECT_EQ(got.size(), 20u) << "more than 40 requests failed for 20 answers";
    EXPECT_TRUE(avoidsVictim(got)) << ::testing::PrintToString(got);
    EXPECT_EQ(std::set<std::string>(got.begin(), got.end()).size(),
              static_cast<size_t>(kMachines - 1))
        << ::testing::PrintToString(got);
}

// Runs last: a stopped agent leaves its rules and routes (pods keep working while it restarts);
// --cleanup-network removes them.
TEST_F(NetworkSystemTest, StoppedAgentLeavesRulesAndCleanupRemovesThem) {
    const auto &machine = s_env->machine(0);
    auto ours = [&] {
        auto saved = machine.run({"iptables-legacy-save"});
        auto routes = machine.run({"ip", "route", "show", "proto", "77"});
        return std::pair{saved.out.find(":COX-") != std::string::npos, !routes.out.empty()};
    };
    s_env->stopAgent(0, SIGTERM);
    EXPECT_EQ(ours(), std::pair(true, true)) << "left in place on stop";
    auto cleanup = runCommand({"nsenter", "--net=/run/netns/" + machine.netns(), "--",
                               SystemEnv::agentBinary(), "--cleanup-network"},
                              {}, 60s);
    EXPECT_EQ(cleanup.exitCode, 0) << cleanup.err;
    EXPECT_EQ(ours(), std::pair(false, false)) << machine.run({"iptables-legacy-save"}).out;
}

} // namespace
} // namespace cox::agent::testing
