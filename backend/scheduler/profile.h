// Profile: a named, instantiated list of plugins. Each listed plugin joins every extension point
// it implements (PreFilter, Filter, Score); `weight` multiplies its 0..100 score.
#pragma once

#include "scheduler/registry.h"

namespace cox::scheduler {

struct PluginConfig {
    std::string name;
    int32_t weight = 1;
};

struct ProfileConfig {
    std::string schedulerName = "default-scheduler";
    std::vector<PluginConfig> plugins;
    // Stop filtering once this share of nodes is feasible (Kubernetes'
    // percentageOfNodesToScore); 0 = adaptive (50% - nodes/125, at least 5%, at least 100
    // nodes), 100 = always every node.
    int32_t percentageOfNodesToScore = 0;

    // Kubernetes' default plugin set and weights.
    static ProfileConfig defaults();
};

class Profile {
public:
    struct WeightedScore {
        const ScorePlugin *plugin;
        int32_t weight;
    };

    static Result<Profile> build(const ProfileConfig &config,
                                 const Registry &registry = Registry::builtIn());
    static const Profile &defaultProfile();

    const std::string &schedulerName() const { return m_schedulerName; }
    const std::vector<const PreFilterPlugin *> &preFilters() const { return m_preFilters; }
    const std::vector<const FilterPlugin *> &filters() const { return m_filters; }
    const std::vector<WeightedScore> &scores() const { return m_scores; }
    // How many feasible nodes a cycle looks for out of `total`.
    size_t feasibleNodesToFind(size_t total) const;

private:
    std::string m_schedulerName;
    int32_t m_percentage = 0;
    std::vector<std::shared_ptr<Plugin>> m_owned;
    std::vector<const PreFilterPlugin *> m_preFilters;
    std::vector<const FilterPlugin *> m_filters;
    std::vector<WeightedScore> m_scores;
};

} // namespace cox::scheduler
