// PodWorker state machine with a FakeClock and the hollow runtime: restarts and CrashLoopBackOff
// timing, probe thresholds, init containers, restartPolicy Never, termination.
#include "agent/pod_worker.h"
#include "hollow/hollow_runtime.h"

#include <gtest/gtest.h>

#include <deque>

using namespace cox;
using namespace cox::agent;
using namespace std::chrono_literals;

namespace {

class ScriptedProber final : public Prober {
public:
    std::deque<bool> answers; // empty: success
    int calls = 0;
    bool probe(const model::Probe &, const std::string &, const std::string &) override {
        ++calls;
        if (answers.empty())
            return true;
        bool a = answers.front();
        answers.pop_front();
        return a;
    }
};

model::Pod makePod(const Json &spec) {
    Json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", "p"}, {"namespace", "default"}, {"uid", "uid-1"}}},
                {"spec", spec}};
    pod["spec"]["nodeName"] = "n1";
    auto parsed = model::Pod::fromJson(pod);
    EXPECT_TRUE(parsed) << parsed.status().message();
    return *parsed;
}

Json oneContainer(Json extra = Json::object()) {
    Json c = {{"name", "app"}, {"image", "busybox"}};
    c.update(extra);
    return {{"containers", Json::array({c})}};
}

struct Fixture : ::testing::Test {
    FakeClock clock;
    HollowRuntime runtime{clock};
    ScriptedProber prober;
    PodWorker worker{PodWorkerContext{runtime, prober, clock, "n1", "192.0.2.1", {}}};

    void SetUp() override { runtime.setPodCidr("10.42.7.0/24"); }
    const Json &appStatus(const SyncResult &r) { return r.status["containerStatuses"][0]; }
    std::string runningId() {
        auto all = runtime.listContainers({});
        for (const auto &c : *all)
            if (c.state == ContainerState::Running)
                return c.id;
        return {};
    }
};

} // namespace

TEST_F(Fixture, RunsSandboxAndContainerAndReportsRunningReady) {
    auto r = worker.sync(makePod(oneContainer()));
    EXPECT_EQ(r.status["phase"], "Running");
    EXPECT_EQ(r.status["podIP"], "10.42.7.2");
    EXPECT_EQ(r.status["hostIP"], "192.0.2.1");
    EXPECT_TRUE(appStatus(r)["ready"].get<bool>());
    EXPECT_TRUE(appStatus(r)["state"].contains("running"));
    EXPECT_EQ(appStatus(r)["containerID"].get<std::string>().rfind("hollow://", 0), 0u);
    bool ready = false;
    for (const auto &c : r.status["conditions"])
        if (c["type"] == "Ready")
            ready = c["status"] == "True";
    EXPECT_TRUE(ready);
}

TEST_F(Fixture, CrashLoopBackOffDoublesFromTenSeconds) {
    const model::Pod pod = makePod(oneContainer());
    worker.sync(pod);
    // First crash: restarted at once.
    ASSERT_TRUE(runtime.simulateExit(runningId(), 1));
    auto r = worker.sync(pod);
    EXPECT_EQ(appStatus(r)["restartCount"], 1);
    EXPECT_TRUE(appStatus(r)["state"].contains("running"));
    // Second crash: waits 10 s.
    ASSERT_TRUE(runtime.simulateExit(runningId(), 1));
    r = worker.sync(pod);
    EXPECT_EQ(appStatus(r)["state"]["waiting"]["reason"], "CrashLoopBackOff");
    EXPECT_EQ(appStatus(r)["lastState"]["terminated"]["exitCode"], 1);
    EXPECT_EQ(r.nextSync, clock.now() + 10s);
    clock.advance(9s);
    r = worker.sync(pod);
    EXPECT_TRUE(appStatus(r)["state"].contains("waiting"));
    clock.advance(1s);
    r = worker.sync(pod);
    EXPECT_TRUE(appStatus(r)["state"].contains("running"));
    EXPECT_EQ(appStatus(r)["restartCount"], 2);
    // Third crash: 20 s.
    ASSERT_TRUE(runtime.simulateExit(runningId(), 2));
    r = worker.sync(pod);
    EXPECT_EQ(r.nextSync, clock.now() + 20s);
    EXPECT_EQ(r.status["phase"], "Running"); // a pod in back-off is still Running
}

TEST_F(Fixture, BackOffCapsAtFiveMinutesAndResetsAfterTenMinutesRunning) {
    const model::Pod pod = makePod(oneContainer());
    worker.sync(pod);
    std::chrono::seconds expected[] = {0s, 10s, 20s, 40s, 80s, 160s, 300s, 300s};
    for (auto delay : expected) {
        ASSERT_TRUE(runtime.simulateExit(runningId(), 1));
        auto r = worker.sync(pod);
        if (delay > 0s) {
            // Woken at the back-off's end, or earlier by the 30 s periodic resync.
            EXPECT_EQ(r.nextSync, clock.now() + std::min<std::chrono::seconds>(delay, 30s));
            clock.advance(delay - 1s);
            EXPECT_TRUE(appStatus(worker.sync(pod))["state"].contains("waiting")) << delay.count();
            clock.advance(1s);
            worker.sync(pod);
        }
        ASSERT_FALSE(runningId().empty());
    }
    clock.advance(601s); // ran over ten minutes: the next crash restarts at once
    ASSERT_TRUE(runtime.simulateExit(runningId(), 1));
    auto r = worker.sync(pod);
    EXPECT_TRUE(appStatus(r)["state"].contains("running"));
}

TEST_F(Fixture, ReadinessNeedsSuccessThresholdAndDropsAfterFailureThreshold) {
    const model::Pod pod = makePod(oneContainer({{"readinessProbe",
                                                  {{"exec", {{"command", {"true"}}}},
                                                   {"periodSeconds", 5},
                                                   {"successThreshold", 2},
                                                   {"failureThreshold", 3}}}}));
    auto r = worker.sync(pod); // probe 1: success
    EXPECT_FALSE(appStatus(r)["ready"].get<bool>());
    clock.advance(5s);
    r = worker.sync(pod); // probe 2: success -> ready
    EXPECT_TRUE(appStatus(r)["ready"].get<bool>());
    prober.answers = {false, false, false};
    for (int i = 0; i < 2; ++i) {
        clock.advance(5s);
        r = worker.sync(pod);
        EXPECT_TRUE(appStatus(r)["ready"].get<bool>()) << "after failure " << i + 1;
    }
    clock.advance(5s);
    r = worker.sync(pod);
    EXPECT_FALSE(appStatus(r)["ready"].get<bool>());
    EXPECT_EQ(r.status["phase"], "Running");
}

TEST_F(Fixture, ProbesWaitForInitialDelayAndPeriod) {
    const model::Pod pod = makePod(oneContainer(
        {{"readinessProbe", {{"tcpSocket", {{"port", 80}}}, {"initialDelaySeconds", 15}}}}));
    worker.sync(pod);
    EXPECT_EQ(prober.calls, 0);
    clock.advance(14s);
    worker.sync(pod);
    EXPECT_EQ(prober.calls, 0);
    clock.advance(1s);
    worker.sync(pod);
    EXPECT_EQ(prober.calls, 1);
    worker.sync(pod); // same instant: not due again (default period 10 s)
    EXPECT_EQ(prober.calls, 1);
}

TEST_F(Fixture, LivenessFailuresRestartTheContainer) {
    const model::Pod pod = makePod(
        oneContainer({{"livenessProbe", {{"httpGet", {{"port", 8080}}}, {"periodSeconds", 1}}}}));
    worker.sync(pod);
    const std::string first = runningId();
    prober.answers = {false, false, false};
    for (int i = 0; i < 3; ++i) {
        clock.advance(1s);
        worker.sync(pod);
    }
    auto r = worker.sync(pod);
    EXPECT_NE(runningId(), first);
    EXPECT_EQ(appStatus(r)["restartCount"], 1);
}

TEST_F(Fixture, InitContainersRunInOrderBeforeContainers) {
    Json spec = oneContainer();
    spec["initContainers"] = {{{"name", "init-a"}, {"image", "busybox"}},
                              {{"name", "init-b"}, {"image", "busybox"}}};
    const model::Pod pod = makePod(spec);
    auto r = worker.sync(pod);
    EXPECT_EQ(r.status["phase"], "Pending");
    ASSERT_EQ(runtime.listContainers({})->size(), 1u); // only init-a
    ASSERT_TRUE(runtime.simulateExit(runningId(), 0));
    r = worker.sync(pod);
    EXPECT_EQ(runtime.listContainers({})->size(), 2u); // init-b started, app not yet
    EXPECT_EQ(r.status["initContainerStatuses"][1]["state"].contains("running"), true);
    ASSERT_TRUE(runtime.simulateExit(runningId(), 0));
    r = worker.sync(pod);
    EXPECT_EQ(r.status["phase"], "Running");
    EXPECT_TRUE(appStatus(r)["state"].contains("running"));
}

TEST_F(Fixture, NeverRestartPolicyFailsThePod) {
    Json spec = oneContainer();
    spec["restartPolicy"] = "Never";
    const model::Pod pod = makePod(spec);
    worker.sync(pod);
    ASSERT_TRUE(runtime.simulateExit(runningId(), 3));
    auto r = worker.sync(pod);
    EXPECT_EQ(r.status["phase"], "Failed");
    EXPECT_EQ(appStatus(r)["state"]["terminated"]["exitCode"], 3);
    EXPECT_EQ(appStatus(r)["restartCount"], 0);
}

TEST_F(Fixture, EnvironmentResolvesFieldRefs) {
    Json spec = oneContainer(
        {{"env",
          {{{"name", "A"}, {"value", "1"}},
           {{"name", "POD"}, {"valueFrom", {{"fieldRef", {{"fieldPath", "metadata.name"}}}}}},
           {{"name", "IP"}, {"valueFrom", {{"fieldRef", {{"fieldPath", "status.podIP"}}}}}}}}});
    auto r = worker.sync(makePod(spec));
    EXPECT_TRUE(appStatus(r)["state"].contains("running"));
    // The hollow runtime does not keep env; what matters is that resolution did not fail.
    Json missing =
        oneContainer({{"env",
                       {{{"name", "X"},
                         {"valueFrom", {{"configMapKeyRef", {{"name", "cm"}, {"key", "k"}}}}}}}}});
    PodWorker other{PodWorkerContext{runtime, prober, clock, "n1", "192.0.2.1", {}}};
    r = other.sync(makePod(missing));
    EXPECT_EQ(appStatus(r)["state"]["waiting"]["reason"], "CreateContainerConfigError");
}

TEST_F(Fixture, DeletionStopsEverythingAndReportsTerminated) {
    model::Pod pod = makePod(oneContainer());
    worker.sync(pod);
    pod.metadata.deletionTimestamp = formatRfc3339(clock.now());
    pod.metadata.deletionGracePeriodSeconds = 5;
    auto r = worker.sync(pod);
    EXPECT_TRUE(r.terminated);
    EXPECT_TRUE(runtime.listSandboxes()->empty());
}

TEST_F(Fixture, AdoptionReusesTheRunningSandbox) {
    const model::Pod pod = makePod(oneContainer());
    worker.sync(pod);
    ASSERT_EQ(runtime.sandboxesCreated(), 1);
    PodWorker restarted{PodWorkerContext{runtime, prober, clock, "n1", "192.0.2.1", {}}};
    auto sandboxes = *runtime.listSandboxes();
    restarted.adopt(sandboxes[0], *runtime.listContainers(sandboxes[0].id));
    auto r = restarted.sync(pod);
    EXPECT_EQ(runtime.sandboxesCreated(), 1);
    EXPECT_EQ(runtime.listContainers({})->size(), 1u);
    EXPECT_TRUE(appStatus(r)["state"].contains("running"));
    EXPECT_EQ(r.status["podIP"], "10.42.7.2");
}
