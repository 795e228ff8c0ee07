// NodeUsage: a node's actual CPU and memory use as metrics.k8s.io last sampled it - what the
// board's cards draw over their requested-vs-allocatable bars.
#pragma once

#include <QDateTime>

namespace cox::console {

struct NodeUsage {
    double cpuCores = 0;
    double memoryBytes = 0;
    QDateTime time; // the sample's timestamp (the scrape), not when the console read it
};

} // namespace cox::console
