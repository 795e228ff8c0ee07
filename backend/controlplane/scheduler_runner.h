// SchedulerRunner: connects the pure scheduler (backend/scheduler) to the API. Pod and node
// informers (shared with the controllers) feed the scheduler's cache and queue; bindings go
// through ResourceService::bind (pods/binding) and Scheduled / FailedScheduling events through the
// controllers' EventRecorder, so they read exactly like kube-scheduler's.
#pragma once

#include "apiserver/resource_service.h"
#include "controllers/event_recorder.h"
#include "controllers/shared_informers.h"
#include "scheduler/cluster_cache.h"
#include "scheduler/explanation.h"
#include "scheduler/scheduler.h"
#include "scheduler/scheduling_queue.h"

#include <memory>

namespace cox::controlplane {

class SchedulerRunner {
public:
    // Registers informer handlers; call before the informers start.
    SchedulerRunner(apiserver::ResourceService &api, controllers::SharedInformers &informers,
                    controllers::EventRecorder &events, const Clock &clock);
    ~SchedulerRunner();
    SchedulerRunner(const SchedulerRunner &) = delete;
    SchedulerRunner &operator=(const SchedulerRunner &) = delete;

    void start();
    void stop();

    // Every node's verdict for `pod` as if it were not placed yet: a bound pod is taken off its
    // node first, so it neither competes with itself nor is held to its current node.
    Result<scheduler::Explanation> explain(const model::Json &pod);

private:
    class ApiBinder;
    class ApiEvents;

    void onPod(const model::Json &pod);
    void onPodDeleted(const model::Json &pod);
    void onNode(const model::Json &node);
    void onNodeDeleted(const model::Json &node);

    scheduler::ClusterCache m_cache;
    scheduler::SchedulingQueue m_queue;
    std::unique_ptr<ApiBinder> m_binder;
    std::unique_ptr<ApiEvents> m_events;
    std::unique_ptr<scheduler::Scheduler> m_scheduler;
};

} // namespace cox::controlplane
