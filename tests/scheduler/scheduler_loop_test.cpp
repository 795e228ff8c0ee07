// Scheduler loop with an in-memory Binder and EventRecorder: events, assume, bind failure.
#include "builders.h"

#include "scheduler/scheduler.h"

namespace cox::scheduler::testing {
namespace {

using namespace std::chrono_literals;

struct FakeBinder : Binder {
    std::vector<std::pair<std::string, std::string>> bound;
    int failuresLeft = 0;
    Status bind(const PodInfo &pod, const std::string &node) override {
        if (failuresLeft > 0) {
            --failuresLeft;
            return Status(StatusCode::Conflict, "pod is being deleted");
        }
        bound.emplace_back(pod.key(), node);
        return Status::ok();
    }
};

struct FakeEvents : EventRecorder {
    std::vector<std::string> lines;
    void event(const PodInfo &pod, std::string_view type, std::string_view reason,
               std::string_view message) override {
        lines.push_back(pod.name + " " + std::string(type) + " " + std::string(reason) + " " +
                        std::string(message));
    }
};

struct Fixture : ::testing::Test {
    FakeClock clock;
    ClusterCache cache{clock};
    SchedulingQueue queue{clock};
    FakeBinder binder;
    FakeEvents events;
    Scheduler scheduler{cache, queue, Profile::defaultProfile(), binder, events, 42};
};

TEST_F(Fixture, SchedulesAndRecordsEvent) {
    cache.upsertNode(makeNode("node-1").cpu("1"));
    cache.upsertNode(makeNode("node-2").cpu("4"));
    queue.add(makePod("web-1").cpu("2"));
    EXPECT_TRUE(scheduler.scheduleOne(0ms));
    ASSERT_EQ(binder.bound.size(), 1u);
    EXPECT_EQ(binder.bound[0].second, "node-2");
    ASSERT_EQ(events.lines.size(), 1u);
    EXPECT_EQ(events.lines[0],
              "web-1 Normal Scheduled Successfully assigned default/web-1 to node-2");
    EXPECT_TRUE(cache.isAssumed("default/web-1"));
    EXPECT_FALSE(scheduler.scheduleOne(0ms)) << "queue is empty";
}

TEST_F(Fixture, AssumedPodsCountForTheNextPod) {
    cache.upsertNode(makeNode("a").cpu("1"));
    cache.upsertNode(makeNode("b").cpu("1"));
    for (const char *name : {"p1", "p2", "p3"})
        queue.add(makePod(name).cpu("800m"));
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(scheduler.scheduleOne(0ms));
    ASSERT_EQ(binder.bound.size(), 2u);
    EXPECT_NE(binder.bound[0].second, binder.bound[1].second);
    EXPECT_EQ(events.lines.back(),
              "p3 Warning FailedScheduling 0/2 nodes are available: 2 Insufficient cpu.");
    EXPECT_EQ(queue.unschedulableSize(), 1u);
    EXPECT_EQ(scheduler.stats().scheduled, 2u);
    EXPECT_EQ(scheduler.stats().unschedulable, 1u);

    // Freeing room and signalling the event lets p3 through.
    cache.removePod("default", binder.bound[0].first.substr(8));
    queue.moveAllToActiveOrBackoff();
    clock.advance(1s);
    EXPECT_TRUE(scheduler.scheduleOne(0ms));
    EXPECT_EQ(binder.bound.size(), 3u);
}

TEST_F(Fixture, BindFailureForgetsAndBacksOff) {
    cache.upsertNode(makeNode("a").cpu("1"));
    binder.failuresLeft = 1;
    queue.add(makePod("p").cpu("800m"));
    EXPECT_TRUE(scheduler.scheduleOne(0ms));
    EXPECT_EQ(scheduler.stats().bindErrors, 1u);
    EXPECT_FALSE(cache.isAssumed("default/p"));
    EXPECT_EQ(events.lines.back(),
              "p Warning FailedScheduling Binding rejected: pod is being deleted");
    EXPECT_EQ(queue.backoffSize(), 1u);
    EXPECT_FALSE(scheduler.scheduleOne(0ms)) << "backing off";
    clock.advance(1s);
    EXPECT_TRUE(scheduler.scheduleOne(0ms));
    ASSERT_EQ(binder.bound.size(), 1u);
    EXPECT_EQ(binder.bound[0].second, "a");
}

TEST_F(Fixture, IgnoresOtherSchedulersPods) {
    cache.upsertNode(makeNode("a"));
    Json pod = makePod("other").json();
    pod["spec"]["schedulerName"] = "my-scheduler";
    queue.add(*PodInfo::fromJson(pod));
    EXPECT_TRUE(scheduler.scheduleOne(0ms));
    EXPECT_TRUE(binder.bound.empty());
    EXPECT_EQ(queue.activeSize(), 0u);
}

TEST_F(Fixture, BackgroundLoopDrainsTheQueue) {
    cache.upsertNode(makeNode("a"));
    for (int i = 0; i < 20; ++i)
        queue.add(makePod("p" + std::to_string(i)).cpu("100m"));
    scheduler.start();
    for (int i = 0; i < 200 && scheduler.stats().scheduled < 20; ++i)
        std::this_thread::sleep_for(10ms);
    scheduler.stop();
    EXPECT_EQ(scheduler.stats().scheduled, 20u);
}

} // namespace
} // namespace cox::scheduler::testing
