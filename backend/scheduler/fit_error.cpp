#include "scheduler/fit_error.h"

#include <algorithm>
#include <map>

namespace cox::scheduler {

std::string failedSchedulingMessage(size_t totalNodes, const std::vector<NodeRejection> &rejected) {
    std::map<std::string, size_t> histogram;
    for (const auto &rejection : rejected)
        for (const auto &reason : rejection.verdict.reasons)
            ++histogram[reason.message];
    std::vector<std::string> parts;
    for (const auto &[message, count] : histogram)
        parts.push_back(std::to_string(count) + " " + message);
    std::sort(parts.begin(), parts.end());
    std::string out = "0/" + std::to_string(totalNodes) + " nodes are available:";
    for (size_t i = 0; i < parts.size(); ++i)
        out += (i == 0 ? " " : ", ") + parts[i];
    if (!parts.empty())
        out += ".";
    return out;
}

} // namespace cox::scheduler
