// NodeIpamController: gives every Node a pod CIDR - a /24 out of the cluster CIDR 10.42.0.0/16
// (spec.podCIDR and spec.podCIDRs), the range its pods' IPs come from. The allocation map is
// rebuilt from the Nodes' own specs when the controller starts (so CIDRs are stable across
// control-plane restarts) and a CIDR is released when its Node is deleted. 256 nodes fit; the
// 257th stays without a CIDR (and its reconcile error says so) until one is released.
#pragma once

#include "controllers/controller.h"
#include "controllers/shared_informers.h"

#include <map>
#include <mutex>

namespace cox::controllers {

struct NodeIpamOptions {
    std::string clusterCidr = "10.42.0.0/16";
    int nodeMaskSize = 24;
};

class NodeIpamController final : public Controller {
public:
    NodeIpamController(apiserver::ResourceService &api, SharedInformers &informers,
                       NodeIpamOptions options = {});
    ~NodeIpamController() override;

    // Number of CIDRs currently allocated (tests).
    size_t allocatedCount() const;

protected:
    Status reconcile(const std::string &nodeName) override;

private:
    void observe(const Json &node);
    void release(const Json &node);
    void rebuildLocked();
    std::string cidrAt(uint32_t index) const;
    std::optional<uint32_t> indexOf(const std::string &cidr) const;

    apiserver::ResourceService &m_api;
    Informer &m_nodes;
    uint32_t m_base = 0;  // network address of the cluster CIDR, host order
    uint32_t m_count = 0; // number of node CIDRs in it
    int m_nodeMask = 24;
    mutable std::mutex m_mutex;
    std::map<uint32_t, std::string> m_used; // index -> node name
    bool m_rebuilt = false;
};

} // namespace cox::controllers
