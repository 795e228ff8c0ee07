// parseSummary: tolerant of missing optional fields, strict about the overall shape.
#include "metrics/summary_parser.h"

#include "common/clock.h"

namespace cox::metrics {

using model::Json;

namespace {
WallTime parseTime(const Json &usage) {
    WallTime time{};
    if (!parseRfc3339(usage.value("time", ""), time))
        return {};
    return time;
}

// cpu.usageNanoCores and memory.workingSetBytes of an entry; false without a CPU rate.
bool readUsage(const Json &entry, int64_t &cpu, int64_t &memory, WallTime &time,
               std::chrono::milliseconds &window) {
    const Json cpuJson = entry.value("cpu", Json::object());
    if (!cpuJson.contains("usageNanoCores") || !cpuJson["usageNanoCores"].is_number())
        return false;
    cpu = cpuJson["usageNanoCores"].get<int64_t>();
    const Json mem = entry.value("memory", Json::object());
    memory = mem.value("workingSetBytes", int64_t(0));
    time = parseTime(cpuJson);
    window = std::chrono::milliseconds(int64_t(cpuJson.value("windowSeconds", 0.0) * 1000));
    return true;
}
} // namespace

Result<NodeScrape> parseSummary(const Json &summary) {
    if (!summary.is_object() || !summary.contains("node") || !summary["node"].is_object())
        return Status(StatusCode::BadRequest, "summary without a node object");
    NodeScrape scrape;
    try {
        const Json &nodeJson = summary["node"];
        NodeUsage node;
        node.name = nodeJson.value("nodeName", "");
        if (readUsage(nodeJson, node.cpuNanoCores, node.memoryBytes, node.timestamp, node.window))
            scrape.node = node;
        for (const Json &podJson : summary.value("pods", Json::array())) {
            const Json ref = podJson.value("podRef", Json::object());
            PodUsage pod;
            pod.namespaceName = ref.value("namespace", "");
            pod.name = ref.value("name", "");
            for (const Json &c : podJson.value("containers", Json::array())) {
                ContainerUsage usage{c.value("name", ""), 0, 0};
                WallTime time;
                std::chrono::milliseconds window{0};
                if (!readUsage(c, usage.cpuNanoCores, usage.memoryBytes, time, window))
                    continue;
                pod.timestamp = std::max(pod.timestamp, time);
                pod.window = std::max(pod.window, window);
                pod.containers.push_back(std::move(usage));
            }
            if (!pod.name.empty() && !pod.containers.empty())
                scrape.pods.push_back(std::move(pod));
        }
    } catch (const Json::exception &e) {
        return Status(StatusCode::BadRequest, std::string("malformed summary: ") + e.what());
    }
    return scrape;
}

} // namespace cox::metrics
