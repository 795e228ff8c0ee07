// PodManager: what pods get from the node beyond the runtime: log files for the LogServer and
// registry credentials from imagePullSecrets (pull_secrets.h).
#include "pod_manager.h"

#include "common/log.h"
#include "logs/log_options.h"
#include "pull_secrets.h"

namespace cox::agent {

std::string PodManager::podLogDir(const model::Pod &pod) const {
    if (m_services.logsDir.empty())
        return {};
    return m_services.logsDir + "/" + pod.metadata.namespace_ + "_" + pod.metadata.name + "_" +
           pod.metadata.uid;
}

namespace {

// The reported status of `container` (regular or init), or null.
const Json *containerStatus(const Json &status, const std::string &container) {
    for (const char *field : {"containerStatuses", "initContainerStatuses"}) {
        auto list = status.find(field);
        if (list == status.end() || !list->is_array())
            continue;
        for (const auto &c : *list)
            if (c.value("name", "") == container)
                return &c;
    }
    return nullptr;
}

} // namespace

Result<logs::LogSource> PodManager::logSource(const logs::LogTarget &target) {
    std::lock_guard lock(m_mutex);
    for (auto &[uid, entry] : m_pods) {
        const auto &meta = entry.pod.metadata;
        if (meta.namespace_ != target.namespaceName || meta.name != target.pod)
            continue;
        const Json *status = containerStatus(entry.reported, target.container);
        if (!status)
            return Status(StatusCode::BadRequest, "container \"" + target.container +
                                                      "\" in pod \"" + target.pod +
                                                      "\" is waiting to start");
        const int count = status->value("restartCount", 0);
        if (target.previous && count == 0)
            return Status(StatusCode::BadRequest, "previous terminated container \"" +
                                                      target.container + "\" in pod \"" +
                                                      target.pod + "\" not found");
        const int instance = target.previous ? count - 1 : count;
        logs::LogSource source{logs::logPathFor(podLogDir(entry.pod), target.container, instance),
                               {}};
        if (target.previous)
            source.finished = [] {
                return true;
            };
        else
            source.finished = [this, id = uid, name = target.container, instance] {
                std::lock_guard relock(m_mutex);
                auto it = m_pods.find(id);
                if (it == m_pods.end())
                    return true;
                const Json *now = containerStatus(it->second.reported, name);
                return !now || now->value("restartCount", 0) != instance ||
                       now->contains("/state/terminated"_json_pointer);
            };
        return source;
    }
    return Status(StatusCode::NotFound,
                  "pod " + target.namespaceName + "/" + target.pod + " is not on this node");
}

std::optional<ImageAuth> PodManager::pullAuth(const Json &pod, const std::string &image) {
    return pullAuthFor(m_api, pod, image);
}

} // namespace cox::agent
