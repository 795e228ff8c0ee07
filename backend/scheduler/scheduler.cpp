#include "scheduler/scheduler.h"

#include "common/log.h"
#include "scheduler/schedule.h"

namespace cox::scheduler {

Scheduler::Scheduler(ClusterCache &cache, SchedulingQueue &queue, const Profile &profile,
                     Binder &binder, EventRecorder &events, uint64_t seed)
    : m_cache(cache)
    , m_queue(queue)
    , m_profile(profile)
    , m_binder(binder)
    , m_events(events)
    , m_seed(seed) {}

Scheduler::~Scheduler() {
    stop();
}

bool Scheduler::scheduleOne(std::chrono::milliseconds timeout) {
    std::optional<QueuedPod> queued = m_queue.pop(timeout);
    if (!queued)
        return false;
    const PodInfo &pod = *queued->pod;
    if (pod.schedulerName != m_profile.schedulerName()) {
        m_queue.done(pod.key()); // another scheduler's pod
        return true;
    }
    ScheduleResult result;
    {
        // The snapshot must be gone before assume() so the cache can edit its node list in
        // place instead of copying it.
        Snapshot snapshot = m_cache.snapshot();
        result =
            schedule(pod, snapshot, m_profile, m_seed ^ (queued->cycle * 0x9e3779b97f4a7c15ULL));
    }
    if (!result.scheduled()) {
        handleUnschedulable(std::move(*queued), result.message);
        return true;
    }
    bindPod(std::move(*queued), result.nodeName);
    return true;
}

void Scheduler::handleUnschedulable(QueuedPod queued, const std::string &message) {
    ++m_unschedulable;
    m_events.event(*queued.pod, "Warning", "FailedScheduling", message);
    m_queue.requeueUnschedulable(std::move(queued));
}

void Scheduler::bindPod(QueuedPod queued, const std::string &nodeName) {
    auto assumed = std::make_shared<PodInfo>(*queued.pod);
    assumed->nodeName = nodeName;
    const std::string key = assumed->key();
    if (Status s = m_cache.assume(assumed, nodeName); !s) {
        // Already bound according to the cache (a watch event overtook the queue): done.
        m_queue.done(key);
        return;
    }
    if (Status s = m_binder.bind(*queued.pod, nodeName); !s) {
        ++m_bindErrors;
        m_cache.forget(key);
        m_events.event(*queued.pod, "Warning", "FailedScheduling",
                       "Binding rejected: " + s.message());
        m_queue.requeueBackoff(std::move(queued));
        return;
    }
    m_cache.finishBinding(key);
    m_queue.done(key);
    ++m_scheduled;
    m_events.event(*queued.pod, "Normal", "Scheduled",
                   "Successfully assigned " + key + " to " + nodeName);
}

void Scheduler::start() {
    if (m_running.exchange(true))
        return;
    m_thread = std::thread([this] {
        COX_LOG(Info, "scheduler") << "scheduler loop started";
        while (m_running.load()) {
            scheduleOne(std::chrono::milliseconds(100));
            m_cache.expireAssumed();
        }
    });
}

void Scheduler::stop() {
    if (!m_running.exchange(false))
        return;
    if (m_thread.joinable())
        m_thread.join();
}

SchedulerStats Scheduler::stats() const {
    return {m_scheduled.load(), m_unschedulable.load(), m_bindErrors.load()};
}

} // namespace cox::scheduler
