#include "scheduler/registry.h"

#include "scheduler/plugins/balanced_allocation.h"
#include "scheduler/plugins/inter_pod_affinity.h"
#include "scheduler/plugins/least_allocated.h"
#include "scheduler/plugins/node_affinity.h"
#include "scheduler/plugins/node_name.h"
#include "scheduler/plugins/node_ports.h"
#include "scheduler/plugins/node_resources_fit.h"
#include "scheduler/plugins/node_unschedulable.h"
#include "scheduler/plugins/pod_topology_spread.h"
#include "scheduler/plugins/selector_spread.h"
#include "scheduler/plugins/taint_toleration.h"

namespace cox::scheduler {
namespace {

template<typename T>
void addBuiltIn(Registry &registry) {
    Status s = registry.add(std::string(T::kName), [] { return std::make_shared<T>(); });
    (void)s; // names are distinct constants
}

} // namespace

const Registry &Registry::builtIn() {
    static const Registry registry = [] {
        Registry r;
        using namespace plugins;
        addBuiltIn<NodeUnschedulable>(r);
        addBuiltIn<NodeName>(r);
        addBuiltIn<NodeAffinity>(r);
        addBuiltIn<TaintToleration>(r);
        addBuiltIn<NodeResourcesFit>(r);
        addBuiltIn<LeastAllocated>(r);
        addBuiltIn<BalancedAllocation>(r);
        addBuiltIn<NodePorts>(r);
        addBuiltIn<InterPodAffinity>(r);
        addBuiltIn<PodTopologySpread>(r);
        addBuiltIn<SelectorSpread>(r);
        return r;
    }();
    return registry;
}

Status Registry::add(std::string name, PluginFactory factory) {
    if (m_factories.count(name))
        return Status(StatusCode::AlreadyExists, "plugin " + name + " is already registered");
    m_factories.emplace(std::move(name), std::move(factory));
    return Status::ok();
}

Result<std::shared_ptr<Plugin>> Registry::create(const std::string &name) const {
    auto it = m_factories.find(name);
    if (it == m_factories.end())
        return Status(StatusCode::NotFound, "no scheduler plugin named " + name);
    return it->second();
}

std::vector<std::string> Registry::names() const {
    std::vector<std::string> out;
    for (const auto &[name, factory] : m_factories)
        out.push_back(name);
    return out;
}

} // namespace cox::scheduler
