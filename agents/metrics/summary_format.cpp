// Summary -> JSON and Prometheus text.
#include "metrics/summary_format.h"

#include "common/metrics.h"

#include <cstdio>

namespace cox::agent::metrics {

using ::cox::metrics::escapeLabelValue;
using nlohmann::json;

namespace {
json usageJson(const Usage &u) {
    json cpu = {{"time", formatRfc3339(u.time)}, {"usageCoreNanoSeconds", u.cpuUsageNanos}};
    if (u.cpuNanoCores) {
        cpu["usageNanoCores"] = *u.cpuNanoCores;
        cpu["windowSeconds"] = std::chrono::duration<double>(u.window).count();
    }
    json memory = {{"time", formatRfc3339(u.time)},
                   {"workingSetBytes", u.memoryWorkingSetBytes},
                   {"usageBytes", u.memoryUsageBytes}};
    return {{"cpu", cpu}, {"memory", memory}};
}

std::string number(double v) {
    char buf[64];
    // Byte counts print whole (1.024e+09 is valid Prometheus text, but hard to read).
    if (v == double(int64_t(v)) && v < 1e15 && v > -1e15)
        std::snprintf(buf, sizeof buf, "%lld", (long long)v);
    else
        std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

void series(std::string &out, const std::string &name, const std::string &labels, double value) {
    out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + number(value) + "\n";
}

void header(std::string &out, const char *name, const char *type, const char *help) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}
} // namespace

json summaryJson(const Summary &summary) {
    json node = usageJson(summary.node);
    node["nodeName"] = summary.nodeName;
    node["memory"]["availableBytes"] =
        summary.nodeMemoryTotalBytes > summary.node.memoryWorkingSetBytes
            ? summary.nodeMemoryTotalBytes - summary.node.memoryWorkingSetBytes
            : 0;
    json pods = json::array();
    for (const PodStats &p : summary.pods) {
        json pod = usageJson(p.usage);
        pod["podRef"] = {
            {"name", p.ref.name}, {"namespace", p.ref.namespaceName}, {"uid", p.ref.uid}};
        json containers = json::array();
        for (const ContainerStats &c : p.containers) {
            json entry = usageJson(c.usage);
            entry["name"] = c.name;
            containers.push_back(std::move(entry));
        }
        pod["containers"] = std::move(containers);
        pods.push_back(std::move(pod));
    }
    return {{"node", node}, {"pods", pods}};
}

std::string prometheusText(const Summary &summary) {
    std::string out;
    const double ns = 1e-9;
    header(out, "node_cpu_usage_seconds_total", "counter",
           "Cumulative busy CPU time of the node in core-seconds.");
    series(out, "node_cpu_usage_seconds_total", "", double(summary.node.cpuUsageNanos) * ns);
    header(out, "node_memory_working_set_bytes", "gauge",
           "Memory in use on the node (MemTotal - MemAvailable) in bytes.");
    series(out, "node_memory_working_set_bytes", "", double(summary.node.memoryWorkingSetBytes));
    header(out, "pod_cpu_usage_seconds_total", "counter",
           "Cumulative CPU time of the pod's containers in core-seconds.");
    for (const PodStats &p : summary.pods)
        series(out, "pod_cpu_usage_seconds_total",
               "namespace=\"" + escapeLabelValue(p.ref.namespaceName) + "\",pod=\"" +
                   escapeLabelValue(p.ref.name) + "\"",
               double(p.usage.cpuUsageNanos) * ns);
    header(out, "pod_memory_working_set_bytes", "gauge",
           "Working set of the pod's containers in bytes.");
    for (const PodStats &p : summary.pods)
        series(out, "pod_memory_working_set_bytes",
               "namespace=\"" + escapeLabelValue(p.ref.namespaceName) + "\",pod=\"" +
                   escapeLabelValue(p.ref.name) + "\"",
               double(p.usage.memoryWorkingSetBytes));
    header(out, "container_cpu_usage_seconds_total", "counter",
           "Cumulative CPU time of the container in core-seconds.");
    for (const PodStats &p : summary.pods)
        for (const ContainerStats &c : p.containers)
            series(out, "container_cpu_usage_seconds_total",
                   "container=\"" + escapeLabelValue(c.name) + "\",namespace=\"" +
                       escapeLabelValue(p.ref.namespaceName) + "\",pod=\"" +
                       escapeLabelValue(p.ref.name) + "\"",
                   double(c.usage.cpuUsageNanos) * ns);
    header(out, "container_memory_working_set_bytes", "gauge",
           "Working set of the container in bytes.");
    for (const PodStats &p : summary.pods)
        for (const ContainerStats &c : p.containers)
            series(out, "container_memory_working_set_bytes",
                   "container=\"" + escapeLabelValue(c.name) + "\",namespace=\"" +
                       escapeLabelValue(p.ref.namespaceName) + "\",pod=\"" +
                       escapeLabelValue(p.ref.name) + "\"",
                   double(c.usage.memoryWorkingSetBytes));
    return out;
}

} // namespace cox::agent::metrics
