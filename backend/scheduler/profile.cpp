#include "scheduler/profile.h"

#include <algorithm>

namespace cox::scheduler {

ProfileConfig ProfileConfig::defaults() {
    ProfileConfig config;
    // Filters run in this order; cheap and decisive checks first, as Kubernetes orders them.
    config.plugins = {
        {"NodeUnschedulable", 1},
        {"NodeName", 1},
        {"TaintToleration", 3},
        {"NodeAffinity", 2},
        {"NodePorts", 1},
        {"NodeResourcesFit", 1},
        {"PodTopologySpread", 2},
        {"InterPodAffinity", 2},
        {"NodeResourcesLeastAllocated", 1},
        {"NodeResourcesBalancedAllocation", 1},
        {"SelectorSpread", 1},
    };
    return config;
}

Result<Profile> Profile::build(const ProfileConfig &config, const Registry &registry) {
    Profile profile;
    profile.m_schedulerName = config.schedulerName;
    profile.m_percentage = std::clamp(config.percentageOfNodesToScore, 0, 100);
    for (const auto &entry : config.plugins) {
        auto plugin = registry.create(entry.name);
        if (!plugin)
            return plugin.status();
        if (entry.weight < 0)
            return Status(StatusCode::Invalid, "plugin " + entry.name + ": negative weight");
        const Plugin *raw = plugin->get();
        if (auto p = dynamic_cast<const PreFilterPlugin *>(raw))
            profile.m_preFilters.push_back(p);
        if (auto p = dynamic_cast<const FilterPlugin *>(raw))
            profile.m_filters.push_back(p);
        if (auto p = dynamic_cast<const ScorePlugin *>(raw); p && entry.weight > 0)
            profile.m_scores.push_back({p, entry.weight});
        profile.m_owned.push_back(std::move(*plugin));
    }
    return profile;
}

const Profile &Profile::defaultProfile() {
    static const Profile profile = *build(ProfileConfig::defaults());
    return profile;
}

size_t Profile::feasibleNodesToFind(size_t total) const {
    constexpr size_t kMinFeasible = 100;
    if (total < kMinFeasible || m_percentage >= 100)
        return total;
    int64_t percentage = m_percentage;
    if (percentage == 0)
        percentage = std::max<int64_t>(5, 50 - static_cast<int64_t>(total) / 125);
    size_t count = total * static_cast<size_t>(percentage) / 100;
    return std::max(count, kMinFeasible);
}

} // namespace cox::scheduler
