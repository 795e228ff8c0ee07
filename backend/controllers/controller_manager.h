// ControllerManager: builds the shared informers and every controller of the control plane and
// runs them on threads (kube-controller-manager in-process). The control plane owns one and
// calls start() after the API is ready and stop() before tearing the API down.
#pragma once

#include "controllers/deployment_controller.h"
#include "controllers/endpoints_controller.h"
#include "controllers/event_recorder.h"
#include "controllers/garbage_collector.h"
#include "controllers/hpa_controller.h"
#include "controllers/node_lifecycle_controller.h"
#include "controllers/pod_move_controller.h"
#include "controllers/replica_set_controller.h"
#include "controllers/shared_informers.h"

#include <memory>
#include <vector>

namespace cox::controllers {

struct ControllerManagerOptions {
    NodeLifecycleOptions nodeLifecycle;
    ReplicaSetOptions replicaSet;
    HpaOptions hpa;
    PodMoveOptions podMove;
    PodMetricsSource *podMetrics = nullptr; // no metrics: HPAs report FailedGetResourceMetric
    int replicaSetWorkers = 2;
    int deploymentWorkers = 2;
    int garbageCollectorWorkers = 2;
    int endpointsWorkers = 2;
    int nodeLifecycleWorkers = 1;
    int hpaWorkers = 1;
    int podMoveWorkers = 1;
};

class ControllerManager {
public:
    ControllerManager(apiserver::ResourceService &api, ControllerManagerOptions options = {});
    ~ControllerManager();
    ControllerManager(const ControllerManager &) = delete;
    ControllerManager &operator=(const ControllerManager &) = delete;

    void start();
    void stop();
    // True once every informer has listed (controllers act on a complete cache).
    bool hasSynced() const { return m_informers.hasSynced(); }

    SharedInformers &informers() { return m_informers; }
    EventRecorder &events() { return m_events; }
    // Single-threaded drive for tests and tools: pump informers and run due keys until idle.
    // Returns false if still busy after `maxRounds`.
    bool runUntilIdle(int maxRounds = 100);

private:
    ControllerManagerOptions m_options;
    SharedInformers m_informers;
    EventRecorder m_events;
    std::vector<std::pair<std::unique_ptr<Controller>, int>> m_controllers; // with worker count
    bool m_running = false;
};

} // namespace cox::controllers
