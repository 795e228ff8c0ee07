// autoscaling/v2 metric specs the HPA conversion and v1 HTTP tests build their objects from.
#pragma once

#include "model/json.h"

namespace cox::testing {

// A cpu utilization target: what autoscaling/v1's targetCPUUtilizationPercentage becomes.
inline model::Json cpuMetric(int percent) {
    return {{"type", "Resource"},
            {"resource",
             {{"name", "cpu"},
              {"target", {{"type", "Utilization"}, {"averageUtilization", percent}}}}}};
}

// A memory target, which autoscaling/v1 cannot express (it round-trips through an annotation).
inline model::Json memoryMetric() {
    return {
        {"type", "Resource"},
        {"resource",
         {{"name", "memory"}, {"target", {{"type", "AverageValue"}, {"averageValue", "500Mi"}}}}}};
}

} // namespace cox::testing
