// Scheduler: the loop that turns pending pods into bindings. Each cycle pops a pod, takes a
// snapshot, runs schedule(), assumes the pod on the chosen node in the cache (so the next cycle
// counts it), calls the injected Binder and reports through the injected EventRecorder:
//   Normal  Scheduled        "Successfully assigned default/web-1 to node-2"
//   Warning FailedScheduling "0/5 nodes are available: 3 Insufficient cpu, ..."
// Unschedulable pods go to the queue's unschedulableQ; bind failures are forgotten in the cache
// and retried with backoff.
//
// Wiring expected from the control plane: pending pods of this scheduler (no spec.nodeName) ->
// queue.add/update/remove; bound pods and nodes -> cache.upsert*/remove*; node add/update and
// pod delete -> queue.moveAllToActiveOrBackoff().
#pragma once

#include "scheduler/cluster_cache.h"
#include "scheduler/profile.h"
#include "scheduler/scheduling_queue.h"

#include <atomic>
#include <thread>

namespace cox::scheduler {

class Binder {
public:
    virtual ~Binder() = default;
    // Creates the pods/binding; a non-OK Status means the pod is not bound.
    virtual Status bind(const PodInfo &pod, const std::string &nodeName) = 0;
};

class EventRecorder {
public:
    virtual ~EventRecorder() = default;
    // type is "Normal" or "Warning"; reason e.g. "Scheduled", "FailedScheduling".
    virtual void event(const PodInfo &pod, std::string_view type, std::string_view reason,
                       std::string_view message) = 0;
};

struct SchedulerStats {
    uint64_t scheduled = 0;
    uint64_t unschedulable = 0;
    uint64_t bindErrors = 0;
};

class Scheduler {
public:
    Scheduler(ClusterCache &cache, SchedulingQueue &queue, const Profile &profile, Binder &binder,
              EventRecorder &events, uint64_t seed = 0);
    ~Scheduler();
    Scheduler(const Scheduler &) = delete;
    Scheduler &operator=(const Scheduler &) = delete;

    // One cycle; false when no pod arrived within `timeout`.
    bool scheduleOne(std::chrono::milliseconds timeout);

    // Runs scheduleOne on a thread of its own until stop(); stop() closes nothing but the loop.
    void start();
    void stop();

    SchedulerStats stats() const;

private:
    void handleUnschedulable(QueuedPod queued, const std::string &message);
    void bindPod(QueuedPod queued, const std::string &nodeName);

    ClusterCache &m_cache;
    SchedulingQueue &m_queue;
    const Profile &m_profile;
    Binder &m_binder;
    EventRecorder &m_events;
    const uint64_t m_seed;
    std::atomic<uint64_t> m_scheduled{0};
    std::atomic<uint64_t> m_unschedulable{0};
    std::atomic<uint64_t> m_bindErrors{0};
    std::atomic<bool> m_running{false};
    std::thread m_thread;
};

} // namespace cox::scheduler
