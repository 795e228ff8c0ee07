// Resources: the scheduler's flat view of a resource list (cpu, memory, pod count and any other
// scalar such as nvidia.com/gpu), held as integers so Filter and Score never parse quantities.
#pragma once

#include "common/result.h"
#include "model/json.h"

#include <cstdint>
#include <map>
#include <string>

namespace cox::scheduler {

inline constexpr const char *kCpu = "cpu";
inline constexpr const char *kMemory = "memory";
inline constexpr const char *kPods = "pods";

class Resources {
public:
    // Parses a Kubernetes resource list ({"cpu":"500m","memory":"128Mi"}); BadRequest on a
    // malformed quantity.
    static Result<Resources> fromJson(const model::Json &list);

    int64_t milliCpu = 0;
    int64_t memory = 0; // bytes
    int64_t pods = 0;
    // Everything else (ephemeral-storage, extended resources), in milli-units.
    std::map<std::string, int64_t, std::less<>> scalars;

    void add(const Resources &other);
    void subtract(const Resources &other);
    // Element-wise maximum, as Kubernetes combines init containers with the regular ones.
    void setMax(const Resources &other);
    int64_t scalar(std::string_view name) const;
};

} // namespace cox::scheduler
