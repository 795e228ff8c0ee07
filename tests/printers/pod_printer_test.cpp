// Pod rows: the Status reason precedence of printPod, Ready counts, Restarts with "(5m ago)" and
// the wide cells.
#include "printer_test_util.h"

#include <gtest/gtest.h>

namespace cox::printers {
namespace {

using model::Json;
using namespace std::chrono;
using testing::ago;
using testing::cellsOf;

// Builds pods the way the kubelet reports them.
class PodBuilder {
public:
    explicit PodBuilder(const char *name = "web-1") {
        m_pod = {{"metadata", {{"name", name}, {"creationTimestamp", ago(minutes(10))}}},
                 {"spec", {{"containers", Json::array()}}},
                 {"status", {{"phase", "Pending"}}}};
    }
    PodBuilder &phase(const char *p) { return set("/status/phase", p); }
    PodBuilder &set(const char *pointer, Json value) {
        m_pod[Json::json_pointer(pointer)] = std::move(value);
        return *this;
    }
    PodBuilder &container(const char *name, Json state, bool ready = false, int restarts = 0) {
        m_pod["spec"]["containers"].push_back({{"name", name}, {"image", "busybox"}});
        m_pod["status"]["containerStatuses"].push_back({{"name", name},
                                                        {"state", std::move(state)},
                                                        {"ready", ready},
                                                        {"restartCount", restarts}});
        return *this;
    }
    PodBuilder &initContainer(const char *name, Json state, const char *restartPolicy = nullptr) {
        Json spec = {{"name", name}, {"image", "busybox"}};
        if (restartPolicy)
            spec["restartPolicy"] = restartPolicy;
        m_pod["spec"]["initContainers"].push_back(std::move(spec));
        m_pod["status"]["initContainerStatuses"].push_back({{"name", name},
                                                            {"state", std::move(state)},
                                                            {"ready", true},
                                                            {"started", true},
                                                            {"restartCount", 0}});
        return *this;
    }
    PodBuilder &condition(const char *type, const char *status, const char *reason = "") {
        m_pod["status"]["conditions"].push_back(
            {{"type", type}, {"status", status}, {"reason", reason}});
        return *this;
    }
    Json build() const { return m_pod; }

private:
    Json m_pod;
};

Json running() {
    return {{"running", {{"startedAt", ago(minutes(9))}}}};
}
Json waiting(const char *reason) {
    return {{"waiting", {{"reason", reason}}}};
}
Json terminated(const char *reason, int exitCode, int signal = 0) {
    Json t = {{"exitCode", exitCode}, {"finishedAt", ago(minutes(1))}};
    if (*reason)
        t["reason"] = reason;
    if (signal)
        t["signal"] = signal;
    return {{"terminated", t}};
}

struct StatusCase {
    const char *name;
    Json pod;
    const char *ready;
    const char *status;
};

class PodStatusTest : public ::testing::TestWithParam<StatusCase> {};

TEST_P(PodStatusTest, ReadyAndStatusCells) {
    Json cells = cellsOf("", "pods", GetParam().pod);
    EXPECT_EQ(cells[1], GetParam().ready) << GetParam().name;
    EXPECT_EQ(cells[2], GetParam().status) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Reasons, PodStatusTest,
    ::testing::Values(
        StatusCase{"running", PodBuilder().phase("Running").container("a", running(), true).build(),
                   "1/1", "Running"},
        StatusCase{"pending unscheduled",
                   PodBuilder()
                       .set("/spec/containers", Json::array({{{"name", "a"}}, {{"name", "b"}}}))
                       .build(),
                   "0/2", "Pending"},
        StatusCase{"creating", PodBuilder().container("a", waiting("ContainerCreating")).build(),
                   "0/1", "ContainerCreating"},
        StatusCase{
            "crashloop",
            PodBuilder().phase("Running").container("a", waiting("CrashLoopBackOff")).build(),
            "0/1", "CrashLoopBackOff"},
        StatusCase{
            "completed",
            PodBuilder().phase("Succeeded").container("a", terminated("Completed", 0)).build(),
            "0/1", "Completed"},
        StatusCase{"error",
                   PodBuilder().phase("Failed").container("a", terminated("Error", 1)).build(),
                   "0/1", "Error"},
        StatusCase{"exit code",
                   PodBuilder().phase("Failed").container("a", terminated("", 137)).build(), "0/1",
                   "ExitCode:137"},
        StatusCase{"signal",
                   PodBuilder().phase("Failed").container("a", terminated("", 0, 9)).build(), "0/1",
                   "Signal:9"},
        StatusCase{"first container's reason wins",
                   PodBuilder()
                       .phase("Running")
                       .container("a", waiting("ImagePullBackOff"))
                       .container("b", waiting("CrashLoopBackOff"))
                       .build(),
                   "0/2", "ImagePullBackOff"},
        StatusCase{"init running",
                   PodBuilder()
                       .initContainer("init", running())
                       .container("a", waiting("PodInitializing"))
                       .build(),
                   "0/1", "Init:0/1"},
        StatusCase{"init second of two",
                   PodBuilder()
                       .initContainer("i1", terminated("Completed", 0))
                       .initContainer("i2", waiting("PodInitializing"))
                       .container("a", waiting("PodInitializing"))
                       .build(),
                   "0/1", "Init:1/2"},
        StatusCase{"init crashloop",
                   PodBuilder()
                       .initContainer("init", waiting("CrashLoopBackOff"))
                       .container("a", waiting("PodInitializing"))
                       .build(),
                   "0/1", "Init:CrashLoopBackOff"},
        StatusCase{"init error",
                   PodBuilder()
                       .initContainer("init", terminated("Error", 2))
                       .container("a", waiting("PodInitializing"))
                       .build(),
                   "0/1", "Init:Error"},
        StatusCase{"init exit code",
                   PodBuilder()
                       .initContainer("init", terminated("", 3))
                       .container("a", waiting("PodInitializing"))
                       .build(),
                   "0/1", "Init:ExitCode:3"},
        StatusCase{"sidecar counts as a container",
                   PodBuilder()
                       .phase("Running")
                       .initContainer("proxy", running(), "Always")
                       .container("a", running(), true)
                       .condition("Initialized", "True")
                       .build(),
                   "2/2", "Running"},
        StatusCase{"terminating",
                   PodBuilder()
                       .phase("Running")
                       .container("a", running(), true)
                       .set("/metadata/deletionTimestamp", ago(seconds(3)))
                       .build(),
                   "1/1", "Terminating"},
        StatusCase{"deleted but finished",
                   PodBuilder()
                       .phase("Succeeded")
                       .container("a", terminated("Completed", 0))
                       .set("/metadata/deletionTimestamp", ago(seconds(3)))
                       .build(),
                   "0/1", "Completed"},
        StatusCase{"node lost",
                   PodBuilder()
                       .phase("Running")
                       .container("a", running(), true)
                       .set("/status/reason", "NodeLost")
                       .set("/metadata/deletionTimestamp", ago(seconds(3)))
                       .build(),
                   "1/1", "Unknown"},
        StatusCase{"evicted", PodBuilder().phase("Failed").set("/status/reason", "Evicted").build(),
                   "0/0", "Evicted"},
        StatusCase{"scheduling gated",
                   PodBuilder().condition("PodScheduled", "False", "SchedulingGated").build(),
                   "0/0", "SchedulingGated"},
        StatusCase{"completed sidecar-ish container, other running, not ready",
                   PodBuilder()
                       .phase("Running")
                       .container("a", running(), true)
                       .container("b", terminated("Completed", 0))
                       .build(),
                   "1/2", "NotReady"},
        StatusCase{"completed container, other running, ready",
                   PodBuilder()
                       .phase("Running")
                       .container("a", running(), true)
                       .container("b", terminated("Completed", 0))
                       .condition("Ready", "True")
                       .build(),
                   "1/2", "Running"}));

TEST(PodPrinterTest, RestartsShowWhenTheLastOneHappened) {
    Json pod = PodBuilder().phase("Running").container("a", running(), true, 5).build();
    pod["status"]["containerStatuses"][0]["lastState"] = {
        {"terminated", {{"exitCode", 1}, {"finishedAt", ago(minutes(5))}}}};
    Json cells = cellsOf("", "pods", pod);
    EXPECT_EQ(cells[3], "5 (5m ago)");
    EXPECT_EQ(cells[4], "10m");
}

TEST(PodPrinterTest, RestartsWithoutTerminationTimeArePlain) {
    Json pod = PodBuilder().phase("Running").container("a", running(), true, 2).build();
    EXPECT_EQ(cellsOf("", "pods", pod)[3], "2");
}

TEST(PodPrinterTest, WideCells) {
    Json pod = PodBuilder()
                   .phase("Running")
                   .container("a", running(), true)
                   .set("/spec/nodeName", "node-1")
                   .set("/status/podIPs", Json::array({{{"ip", "10.42.0.5"}}}))
                   .set("/spec/readinessGates",
                        Json::array({{{"conditionType", "x/a"}}, {{"conditionType", "x/b"}}}))
                   .condition("x/a", "True")
                   .condition("x/b", "False")
                   .build();
    Json cells = cellsOf("", "pods", pod);
    ASSERT_EQ(cells.size(), 9u);
    EXPECT_EQ(cells[5], "10.42.0.5");
    EXPECT_EQ(cells[6], "node-1");
    EXPECT_EQ(cells[7], "<none>");
    EXPECT_EQ(cells[8], "1/2");
    Json pending = PodBuilder().build();
    Json none = cellsOf("", "pods", pending);
    EXPECT_EQ(none[5], "<none>");
    EXPECT_EQ(none[6], "<none>");
    EXPECT_EQ(none[8], "<none>");
}

TEST(PodPrinterTest, FinishedPodsCarryTheCompletedRowCondition) {
    Json pod = PodBuilder().phase("Succeeded").container("a", terminated("Completed", 0)).build();
    Json table = toTable(testing::typeFor("", "pods"), {&pod}, {testing::testNow(), true});
    ASSERT_TRUE(table["rows"][0].contains("conditions"));
    EXPECT_EQ(table["rows"][0]["conditions"][0]["type"], "Completed");
    EXPECT_EQ(table["rows"][0]["conditions"][0]["reason"], "Succeeded");
    Json runningPod = PodBuilder().phase("Running").build();
    table = toTable(testing::typeFor("", "pods"), {&runningPod}, {testing::testNow(), true});
    EXPECT_FALSE(table["rows"][0].contains("conditions"));
}

} // namespace
} // namespace cox::printers
