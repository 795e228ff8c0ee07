// NodeIpamController; see node_ipam_controller.h.
#include "controllers/node_ipam_controller.h"

#include "common/log.h"
#include "controllers/object_util.h"

#include <arpa/inet.h>

namespace cox::controllers {

namespace {

bool parseCidr(const std::string &cidr, uint32_t &base, int &bits) {
    size_t slash = cidr.find('/');
    in_addr addr{};
    if (slash == std::string::npos || inet_pton(AF_INET, cidr.substr(0, slash).c_str(), &addr) != 1)
        return false;
    bits = std::atoi(cidr.c_str() + slash + 1);
    if (bits < 1 || bits > 32)
        return false;
    base = ntohl(addr.s_addr) & (bits == 0 ? 0 : ~0u << (32 - bits));
    return true;
}

} // namespace

NodeIpamController::NodeIpamController(apiserver::ResourceService &api, SharedInformers &informers,
                                       NodeIpamOptions options)
    : Controller("node-ipam-controller", api.clock())
    , m_api(api)
    , m_nodes(informers.forResource("", "nodes"))
    , m_nodeMask(options.nodeMaskSize) {
    int clusterBits = 16;
    if (!parseCidr(options.clusterCidr, m_base, clusterBits) || clusterBits > m_nodeMask)
        COX_LOG(Error, "node-ipam") << "bad cluster CIDR " << options.clusterCidr;
    else
        m_count = 1u << (m_nodeMask - clusterBits);
    auto enqueue = [this](const Json &node) {
        observe(node);
        queue().add(objectKey(node));
    };
    m_nodes.addEventHandler({enqueue, [enqueue](const Json &, const Json &n) { enqueue(n); },
                             [this](const Json &node) {
                                 release(node);
                             }});
}

NodeIpamController::~NodeIpamController() {
    stop();
}

std::string NodeIpamController::cidrAt(uint32_t index) const {
    in_addr a{htonl(m_base + (index << (32 - m_nodeMask)))};
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &a, buf, sizeof buf);
    return std::string(buf) + "/" + std::to_string(m_nodeMask);
}

std::optional<uint32_t> NodeIpamController::indexOf(const std::string &cidr) const {
    uint32_t base = 0;
    int bits = 0;
    if (!parseCidr(cidr, base, bits) || bits != m_nodeMask || base < m_base)
        return std::nullopt;
    uint32_t index = (base - m_base) >> (32 - m_nodeMask);
    return index < m_count ? std::optional(index) : std::nullopt;
}

void NodeIpamController::observe(const Json &node) {
    auto index = indexOf(stringAt(node, {"spec", "podCIDR"}));
    if (!index)
        return;
    std::lock_guard lock(m_mutex);
    m_used[*index] = metaString(node, "name");
}

void NodeIpamController::release(const Json &node) {
    auto index = indexOf(stringAt(node, {"spec", "podCIDR"}));
    std::lock_guard lock(m_mutex);
    if (index && m_used.count(*index) && m_used[*index] == metaString(node, "name"))
        m_used.erase(*index);
}

void NodeIpamController::rebuildLocked() {
    for (const auto &node : m_nodes.list()) {
        if (auto index = indexOf(stringAt(*node, {"spec", "podCIDR"})))
            m_used[*index] = metaString(*node, "name");
    }
    m_rebuilt = true;
}

size_t NodeIpamController::allocatedCount() const {
    std::lock_guard lock(m_mutex);
    return m_used.size();
}

Status NodeIpamController::reconcile(const std::string &nodeName) {
    auto node = m_nodes.get(nodeName);
    if (!node || isTerminating(*node) || !stringAt(*node, {"spec", "podCIDR"}).empty())
        return Status::ok();
    std::optional<uint32_t> index;
    {
        std::lock_guard lock(m_mutex);
        if (!m_nodes.hasSynced())
            return Status(StatusCode::Unavailable, "node cache not synced yet");
        if (!m_rebuilt)
            rebuildLocked();
        for (uint32_t i = 0; i < m_count && !index; ++i)
            if (!m_used.count(i))
                index = i;
        if (!index)
            return Status(StatusCode::Unavailable,
                          "cluster CIDR exhausted: no pod CIDR for node " + nodeName);
        m_used[*index] = nodeName; // reserved before the write, so no other node gets it
    }
    const std::string cidr = cidrAt(*index);
    Json patch = {{"spec", {{"podCIDR", cidr}, {"podCIDRs", Json::array({cidr})}}}};
    auto patched = m_api.patch(resourceType("", "nodes"), "", nodeName, apiserver::PatchType::Merge,
                               patch.dump(), controllerContext());
    if (!patched) {
        std::lock_guard lock(m_mutex);
        m_used.erase(*index);
        if (patched.status().code() == StatusCode::NotFound)
            return Status::ok();
        return patched.status();
    }
    COX_LOG(Info, "node-ipam") << "node " << nodeName << " gets pod CIDR " << cidr;
    return Status::ok();
}

} // namespace cox::controllers
