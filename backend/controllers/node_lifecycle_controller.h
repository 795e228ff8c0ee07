// NodeLifecycleController: turns missing heartbeats into taints, and taints into evictions.
//  - A node whose Lease (kube-node-lease/<node>) has not been renewed within the grace period
//    gets Ready=Unknown (NodeStatusUnknown) and the node.kubernetes.io/unreachable:NoExecute taint;
//    a node reporting Ready=False gets node.kubernetes.io/not-ready:NoExecute; a healthy node
//    loses both.
//  - Pods on a node with NoExecute taints are deleted once their toleration's tolerationSeconds
//    (or the default for pods without a matching toleration) has passed since the taint was
//    added; pods tolerating forever stay. Evictions are rate limited and each gets an Event.
// Renewals are timed by this controller's clock when it sees them, never by the lease's own
// timestamp, and every lease counts as renewed when the controller starts: a control plane that
// was down must not evict the whole cluster on its way back.
#pragma once

#include "controllers/controller.h"
#include "controllers/event_recorder.h"
#include "controllers/shared_informers.h"

#include <map>
#include <mutex>

namespace cox::controllers {

inline constexpr const char *kTaintUnreachable = "node.kubernetes.io/unreachable";
inline constexpr const char *kTaintNotReady = "node.kubernetes.io/not-ready";

struct NodeLifecycleOptions {
    std::chrono::milliseconds gracePeriod{10'000};
    std::chrono::seconds defaultTolerationSeconds{30};
    double evictionsPerSecond = 10;
};

class NodeLifecycleController final : public Controller {
public:
    NodeLifecycleController(apiserver::ResourceService &api, SharedInformers &informers,
                            EventRecorder &events, NodeLifecycleOptions options = {});
    ~NodeLifecycleController() override;

protected:
    Status reconcile(const std::string &nodeName) override;

private:
    void observeLease(const Json &lease);
    WallTime lastRenewal(const std::string &node);
    Status markUnknown(const Json &node);
    Status setTaints(const Json &node, const std::vector<std::string> &keys, Json &updated);
    Status evictPods(const Json &node);
    // When `pod` must go given the node's NoExecute taints; nullopt = tolerates them forever.
    std::optional<WallTime> evictionTime(const Json &pod, const Json &taints) const;
    bool takeEvictionToken(std::chrono::milliseconds &wait);

    apiserver::ResourceService &m_api;
    Informer &m_nodes;
    Informer &m_leases;
    Informer &m_pods;
    EventRecorder &m_events;
    NodeLifecycleOptions m_options;
    const WallTime m_started;
    std::mutex m_mutex;
    std::map<std::string, std::pair<std::string, WallTime>> m_renewals; // node -> (renewTime, seen)
    double m_tokens;
    WallTime m_tokensAt;
};

} // namespace cox::controllers
