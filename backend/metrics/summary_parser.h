// parseSummary: an agent's /stats/summary JSON (kubelet's shape, see
// agents/metrics/summary_format.h) -> the usage the metrics API serves. Entries without a CPU
// rate yet (usageNanoCores appears from the agent's second sample on) are left out, as
// metrics-server leaves out pods it cannot compute a rate for.
#pragma once

#include "common/result.h"
#include "metrics/metrics_store.h"
#include "model/json.h"

namespace cox::metrics {

Result<NodeScrape> parseSummary(const model::Json &summary);

} // namespace cox::metrics
