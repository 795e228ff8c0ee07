// PodMetricsSource: where the autoscaler reads pod CPU usage. The metrics API arrives with the
// node agent; until then tests and embedders provide an implementation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cox::controllers {

class PodMetricsSource {
public:
    virtual ~PodMetricsSource() = default;
    // Current CPU usage of the pod in millicores, or nullopt when no sample exists.
    virtual std::optional<int64_t> cpuUsageMillicores(const std::string &ns,
                                                      const std::string &pod) = 0;
};

} // namespace cox::controllers
