// The two wire forms of a Summary:
//  - summaryJson: kubelet's /stats/summary shape (node, pods[].podRef, containers[], cpu
//    usageNanoCores/usageCoreNanoSeconds, memory workingSetBytes/usageBytes), which the control
//    plane's scraper reads; a "windowSeconds" beside usageNanoCores says what the rate spans;
//  - prometheusText: kubelet's /metrics/resource series (node_/pod_/container_ cpu usage seconds
//    and memory working set) in the text exposition format.
#pragma once

#include "metrics/stats_collector.h"

#include <nlohmann/json.hpp>
#include <string>

namespace cox::agent::metrics {

nlohmann::json summaryJson(const Summary &summary);
std::string prometheusText(const Summary &summary);

} // namespace cox::agent::metrics
