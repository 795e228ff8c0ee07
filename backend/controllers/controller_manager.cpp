// ControllerManager; see controller_manager.h.
#include "controllers/controller_manager.h"

#include "common/log.h"
#include "controllers/node_ipam_controller.h"

namespace cox::controllers {

ControllerManager::ControllerManager(apiserver::ResourceService &api,
                                     ControllerManagerOptions options)
    : m_options(options)
    , m_informers(api)
    , m_events(api, "controller-manager") {
    auto add = [this](std::unique_ptr<Controller> c, int workers) {
        m_controllers.emplace_back(std::move(c), std::max(1, workers));
    };
    add(std::make_unique<ReplicaSetController>(api, m_informers, m_events, options.replicaSet),
        options.replicaSetWorkers);
    add(std::make_unique<DeploymentController>(api, m_informers, m_events),
        options.deploymentWorkers);
    add(std::make_unique<GarbageCollector>(api, m_informers), options.garbageCollectorWorkers);
    add(std::make_unique<EndpointsController>(api, m_informers), options.endpointsWorkers);
    add(std::make_unique<NodeLifecycleController>(api, m_informers, m_events,
                                                  options.nodeLifecycle),
        options.nodeLifecycleWorkers);
    add(std::make_unique<NodeIpamController>(api, m_informers), 1);
    add(std::make_unique<HorizontalPodAutoscalerController>(api, m_informers, m_events,
                                                            options.podMetrics, options.hpa),
        options.hpaWorkers);
    add(std::make_unique<PodMoveController>(api, m_informers, m_events, options.podMove),
        options.podMoveWorkers);
}

ControllerManager::~ControllerManager() {
    stop();
}

void ControllerManager::start() {
    if (m_running)
        return;
    m_running = true;
    m_informers.start();
    for (auto &[controller, workers] : m_controllers)
        controller->run(workers);
    COX_LOG(Info, "controller-manager") << "started " << m_controllers.size() << " controllers";
}

void ControllerManager::stop() {
    // Controllers first: their workers read the informers' caches.
    for (auto &[controller, workers] : m_controllers)
        controller->stop();
    m_informers.stop();
    m_running = false;
}

bool ControllerManager::runUntilIdle(int maxRounds) {
    for (int round = 0; round < maxRounds; ++round) {
        int work = m_informers.pumpAll();
        for (auto &[controller, workers] : m_controllers)
            for (int i = 0; i < 10000 && controller->processNext(); ++i)
                ++work;
        if (work == 0)
            return true;
    }
    return false;
}

} // namespace cox::controllers
