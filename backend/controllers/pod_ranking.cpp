// Scale-down ranking; see pod_ranking.h.
#include "controllers/pod_ranking.h"

#include "controllers/object_util.h"

#include <cstdlib>

namespace cox::controllers {

namespace {
int phaseRank(const Json &pod) {
    std::string phase = podPhase(pod);
    if (phase == "Pending" || phase.empty())
        return 0;
    if (phase == "Unknown")
        return 1;
    return 2; // Running
}

int64_t deletionCost(const Json &pod) {
    std::string text = annotation(pod, kPodDeletionCost);
    return text.empty() ? 0 : std::strtoll(text.c_str(), nullptr, 10);
}

int64_t restarts(const Json &pod) {
    int64_t total = 0;
    const Json &statuses = at(pod, {"status", "containerStatuses"});
    if (statuses.is_array())
        for (const auto &s : statuses)
            total += intAt(s, {"restartCount"}, 0);
    return total;
}
} // namespace

bool deleteBefore(const Json &a, const Json &b) {
    bool aScheduled = !stringAt(a, {"spec", "nodeName"}).empty();
    bool bScheduled = !stringAt(b, {"spec", "nodeName"}).empty();
    if (aScheduled != bScheduled)
        return !aScheduled;
    if (phaseRank(a) != phaseRank(b))
        return phaseRank(a) < phaseRank(b);
    if (isPodReady(a) != isPodReady(b))
        return !isPodReady(a);
    if (deletionCost(a) != deletionCost(b))
        return deletionCost(a) < deletionCost(b);
    auto aSince = podReadySince(a), bSince = podReadySince(b);
    if (aSince && bSince && *aSince != *bSince)
        return *aSince > *bSince;
    if (restarts(a) != restarts(b))
        return restarts(a) > restarts(b);
    auto aCreated = timeField(a, "creationTimestamp"), bCreated = timeField(b, "creationTimestamp");
    if (aCreated != bCreated)
        return !aCreated || (bCreated && *aCreated > *bCreated);
    // Same second: the name decides, so the choice is deterministic.
    return metaString(a, "name") > metaString(b, "name");
}

} // namespace cox::controllers
