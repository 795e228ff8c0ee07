#include "scheduler/framework.h"

#include <algorithm>

namespace cox::scheduler {

void CycleState::put(std::string_view key, std::unique_ptr<StateData> data) {
    for (auto &[k, v] : m_entries) {
        if (k == key) {
            v = std::move(data);
            return;
        }
    }
    m_entries.emplace_back(key, std::move(data));
}

void normalizeByMax(std::span<int64_t> scores, bool reverse) {
    int64_t max = 0;
    for (int64_t s : scores)
        max = std::max(max, s);
    for (int64_t &s : scores) {
        if (max == 0) {
            s = reverse ? kMaxNodeScore : 0;
            continue;
        }
        int64_t scaled = kMaxNodeScore * s / max;
        s = reverse ? kMaxNodeScore - scaled : scaled;
    }
}

} // namespace cox::scheduler
