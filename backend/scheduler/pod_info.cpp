#include "scheduler/pod_info.h"

#include <algorithm>

namespace cox::scheduler {
namespace {

using model::Json;

constexpr int64_t kDefaultMilliCpu = 100;             // Kubernetes' DefaultMilliCPURequest
constexpr int64_t kDefaultMemory = 200 * 1024 * 1024; // DefaultMemoryRequest

const Json &member(const Json &json, const char *name) {
    static const Json null;
    if (!json.is_object())
        return null;
    auto it = json.find(name);
    return it == json.end() ? null : *it;
}

Status parseContainers(const Json &spec, PodInfo &pod) {
    Resources sum;
    for (const auto &container : member(spec, "containers")) {
        auto requests = Resources::fromJson(member(member(container, "resources"), "requests"));
        if (!requests)
            return requests.status();
        sum.add(*requests);
        for (const auto &port : member(container, "ports")) {
            int32_t hostPort = port.value("hostPort", 0);
            if (hostPort <= 0)
                continue;
            pod.hostPorts.push_back({port.value("hostIP", std::string()),
                                     port.value("protocol", std::string("TCP")), hostPort});
        }
    }
    pod.nonZeroMilliCpu = sum.milliCpu ? sum.milliCpu : kDefaultMilliCpu;
    pod.nonZeroMemory = sum.memory ? sum.memory : kDefaultMemory;
    for (const auto &container : member(spec, "initContainers")) {
        auto requests = Resources::fromJson(member(member(container, "resources"), "requests"));
        if (!requests)
            return requests.status();
        sum.setMax(*requests);
    }
    auto overhead = Resources::fromJson(member(spec, "overhead"));
    if (!overhead)
        return overhead.status();
    sum.add(*overhead);
    pod.requests = std::move(sum);
    return Status::ok();
}

Status parseAffinityTerms(const Json &list, bool weighted, std::vector<PodAffinityTerm> &out) {
    for (const auto &item : list) {
        const Json &term = weighted ? member(item, "podAffinityTerm") : item;
        auto selector = LabelSelector::fromJson(member(term, "labelSelector"));
        if (!selector)
            return selector.status();
        PodAffinityTerm parsed{std::move(*selector), {}, term.value("topologyKey", ""), 0};
        for (const auto &ns : member(term, "namespaces"))
            parsed.namespaces.push_back(ns.get<std::string>());
        if (weighted)
            parsed.weight = item.value("weight", 0);
        out.push_back(std::move(parsed));
    }
    return Status::ok();
}

Status parseNodeAffinity(const Json &nodeAffinity, PodInfo &pod) {
    const Json &required = member(nodeAffinity, "requiredDuringSchedulingIgnoredDuringExecution");
    if (required.is_object()) {
        pod.requiredNodeAffinity.emplace();
        for (const auto &term : member(required, "nodeSelectorTerms")) {
            auto parsed = NodeSelectorTerm::fromJson(term);
            if (!parsed)
                return parsed.status();
            pod.requiredNodeAffinity->push_back(std::move(*parsed));
        }
    }
    for (const auto &item :
         member(nodeAffinity, "preferredDuringSchedulingIgnoredDuringExecution")) {
        auto parsed = NodeSelectorTerm::fromJson(member(item, "preference"));
        if (!parsed)
            return parsed.status();
        pod.preferredNodeAffinity.push_back({item.value("weight", 0), std::move(*parsed)});
    }
    return Status::ok();
}

Status parseAffinity(const Json &affinity, PodInfo &pod) {
    if (Status s = parseNodeAffinity(member(affinity, "nodeAffinity"), pod); !s)
        return s;
    const char *required = "requiredDuringSchedulingIgnoredDuringExecution";
    const char *preferred = "preferredDuringSchedulingIgnoredDuringExecution";
    const Json &podAffinity = member(affinity, "podAffinity");
    const Json &antiAffinity = member(affinity, "podAntiAffinity");
    for (Status s :
         {parseAffinityTerms(member(podAffinity, required), false, pod.requiredAffinity),
          parseAffinityTerms(member(podAffinity, preferred), true, pod.preferredAffinity),
          parseAffinityTerms(member(antiAffinity, required), false, pod.requiredAntiAffinity),
          parseAffinityTerms(member(antiAffinity, preferred), true, pod.preferredAntiAffinity)})
        if (!s)
            return s;
    return Status::ok();
}

Status parseSpread(const Json &list, PodInfo &pod) {
    for (const auto &item : list) {
        auto selector = LabelSelector::fromJson(member(item, "labelSelector"));
        if (!selector)
            return selector.status();
        SpreadConstraint constraint{item.value("maxSkew", 1), item.value("topologyKey", ""),
                                    item.value("whenUnsatisfiable", "DoNotSchedule") !=
                                        std::string("ScheduleAnyway"),
                                    std::move(*selector)};
        if (constraint.maxSkew < 1 || constraint.topologyKey.empty())
            return Status(StatusCode::BadRequest, "topology spread constraint needs maxSkew >= 1 "
                                                  "and a topologyKey");
        pod.spreadConstraints.push_back(std::move(constraint));
    }
    return Status::ok();
}

std::string controllerOwner(const Json &metadata) {
    for (const auto &ref : member(metadata, "ownerReferences"))
        if (ref.value("controller", false))
            return ref.value("kind", std::string()) + "/" + ref.value("uid", std::string());
    return {};
}

} // namespace

bool PodAffinityTerm::selects(const std::string &ownerNamespace, const std::string &podNamespace,
                              const Labels &podLabels) const {
    bool nsMatches = namespaces.empty() ? podNamespace == ownerNamespace
                                        : std::find(namespaces.begin(), namespaces.end(),
                                                    podNamespace) != namespaces.end();
    return nsMatches && selector.matches(podLabels);
}

bool HostPort::conflicts(const HostPort &other) const {
    if (port != other.port || protocol != other.protocol)
        return false;
    auto wildcard = [](const std::string &ip) {
        return ip.empty() || ip == "0.0.0.0";
    };
    return wildcard(hostIp) || wildcard(other.hostIp) || hostIp == other.hostIp;
}

Result<std::shared_ptr<const PodInfo>> PodInfo::fromJson(const model::Json &json) {
    // Typed accessors throw on a wrongly typed field; the API server validates pods, so this only
    // guards against a corrupt object reaching the scheduler.
    try {
        return parse(json);
    } catch (const Json::exception &e) {
        return Status(StatusCode::BadRequest, std::string("malformed pod: ") + e.what());
    }
}

Result<std::shared_ptr<const PodInfo>> PodInfo::parse(const model::Json &json) {
    const Json &metadata = member(json, "metadata");
    const Json &spec = member(json, "spec");
    if (!metadata.is_object() || !metadata.contains("name"))
        return Status(StatusCode::BadRequest, "pod needs metadata.name");
    auto pod = std::make_shared<PodInfo>();
    pod->ns = metadata.value("namespace", std::string("default"));
    pod->name = metadata.value("name", std::string());
    pod->uid = metadata.value("uid", std::string());
    pod->labels = labelsFromJson(member(metadata, "labels"));
    pod->ownerKey = controllerOwner(metadata);
    pod->nodeName = spec.value("nodeName", std::string());
    pod->schedulerName = spec.value("schedulerName", std::string("default-scheduler"));
    pod->priority = spec.value("priority", 0);
    pod->nodeSelector = labelsFromJson(member(spec, "nodeSelector"));
    for (const auto &item : member(spec, "tolerations")) {
        auto toleration = Toleration::fromJson(item);
        if (!toleration)
            return toleration.status();
        pod->tolerations.push_back(std::move(*toleration));
    }
    for (Status s : {parseContainers(spec, *pod), parseAffinity(member(spec, "affinity"), *pod),
                     parseSpread(member(spec, "topologySpreadConstraints"), *pod)})
        if (!s)
            return s;
    return std::shared_ptr<const PodInfo>(std::move(pod));
}

} // namespace cox::scheduler
